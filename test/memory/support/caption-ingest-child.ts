/**
 * The caption ingest as a separate process, for the caption crash test: indexes one video with no
 * analyzers, 1-second segments and the `oracle:reference` caption model, printing `unit <stage> <index>`
 * after every committed unit (stdout to a pipe is synchronous on Linux, so a line printed is a unit
 * committed) and `done` at the end. Usage: node --import tsx caption-ingest-child.ts <store> <video> <cacheDir>
 */

import { ArtifactCache } from '../../../src/core/artifact-cache.js';
import { ingestVideo } from '../../../src/memory/ingest/ingest-video.js';
import { openStore } from '../../../src/memory/store/open-store.js';
import { oracleModel } from './caption-clip.js';

const [storeFile, video, cacheDir] = process.argv.slice(2);
if (!storeFile || !video || !cacheDir) throw new TypeError('usage: caption-ingest-child.ts <store> <video> <cacheDir>');
const store = openStore({ file: storeFile });
const result = await ingestVideo(store, video, {
  cache: new ArtifactCache({ root: cacheDir }),
  analyzers: [],
  segmentation: { method: 'chunks', seconds: 1 },
  keyframes: { sampler: 'dedup', samplerOptions: { fps: 1 }, thumbnailSize: 160, unitSize: 8 },
  captionModel: await oracleModel(),
  onUnit: (event) => {
    if (event.ran) process.stdout.write(`unit ${event.stage} ${event.unitIndex}\n`);
  },
});
store.close();
process.stdout.write(`done ${result.unitsRun} ${result.unitsSkipped}\n`);
process.exit(0);
