/**
 * The ingest as a separate process, for the crash-safety test: indexes one video into one store with
 * the analyzer doubles, printing `unit <stage> <index>` after every committed unit (stdout to a pipe is
 * synchronous on Linux, so a line printed is a unit committed) and `done` at the end. The parent kills
 * it at random points. Usage: node --import tsx ingest-child.ts <store> <video> [unitSize]
 */

import { openStore } from '../../../src/memory/store/open-store.js';
import { ingestVideo } from '../../../src/memory/ingest/ingest-video.js';
import { builtinAnalyzerEntries, createAnalyzerRegistry } from '../../../src/memory/ingest/analyzer-registry.js';
import { analyzerDoubleEntries } from './analyzer-doubles.js';

const [storeFile, video, unitSizeText] = process.argv.slice(2);
if (!storeFile || !video) throw new TypeError('usage: ingest-child.ts <store> <video> [unitSize]');
const store = openStore({ file: storeFile });
const registry = createAnalyzerRegistry([...builtinAnalyzerEntries, ...analyzerDoubleEntries]);
const result = await ingestVideo(store, video, {
  registry,
  analyzers: ['bright-region-double', 'colour-caption-double'],
  keyframes: { sampler: 'dedup', samplerOptions: { fps: 2 }, thumbnailSize: 160, unitSize: Number(unitSizeText ?? 2) },
  onUnit: (event) => {
    if (event.ran) process.stdout.write(`unit ${event.stage} ${event.unitIndex}\n`);
  },
});
store.close();
process.stdout.write(`done ${result.unitsRun} ${result.unitsSkipped}\n`);
