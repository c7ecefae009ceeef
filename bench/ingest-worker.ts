/**
 * One measured ingest for the ingest benchmark: indexes a video into a fresh store with a fresh cache,
 * in its own process so GNU time (in ingest.bench.ts) can count its CPU time together with every
 * ffmpeg it starts, and prints what the ingest reported as one JSON line. Progress goes to stderr as a
 * line per tenth of each stage, for watching a long run.
 *
 * `node --import tsx bench/ingest-worker.ts --video v.mp4 --store s.sqlite --cache dir [--analyzers ocr,objects]`
 * (BENCH_PARALLEL=0 in the environment: stages one after another, for per-stage CPU seconds).
 */

import { ArtifactCache } from '../src/core/artifact-cache.js';
import { ingestVideo } from '../src/memory/ingest/ingest-video.js';
import { openStore } from '../src/memory/store/open-store.js';
import { commandLineAnalyzerRegistry } from '../src/cli/analyzer-registry.js';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const video = flag('--video');
const storeFile = flag('--store');
const cacheDir = flag('--cache');
if (!video || !storeFile || !cacheDir) throw new Error('usage: ingest-worker.ts --video <file> --store <file> --cache <dir> [--analyzers a,b]');
const analyzers = flag('--analyzers')?.split(',').filter(Boolean);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
const store = openStore({ file: storeFile });
const reported = new Map<string, number>();
const started = performance.now();
try {
  const result = await ingestVideo(store, video, {
    cache: new ArtifactCache({ root: cacheDir }),
    // The analyzers `reelm index` runs: perception's offline set, wired in as the entry points do.
    registry: commandLineAnalyzerRegistry(),
    ...(analyzers ? { analyzers } : {}),
    // BENCH_PARALLEL=0 runs the stages one after another, so each stage's CPU seconds are its own.
    ...(process.env.BENCH_PARALLEL === '0' ? { parallel: false } : {}),
    signal: controller.signal,
    onProgress: (event) => {
      if (event.type === 'warning') process.stderr.write(`warning: ${event.message}\n`);
      if (event.type !== 'progress' || !event.total) return;
      const tenth = Math.floor((event.done / event.total) * 10);
      if (reported.get(event.stage) === tenth) return;
      reported.set(event.stage, tenth);
      const elapsed = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(`[${elapsed} s] ${event.stage}: ${Math.round(event.done)}/${Math.round(event.total)}\n`);
    },
  });
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({
    video: result.video,
    framesAnalysed: result.framesAnalysed,
    unitsRun: result.unitsRun,
    unitsSkipped: result.unitsSkipped,
    stages: result.stages,
    ingestSeconds: result.durationMs / 1000,
    stagesTiming: result.stagesTiming,
    // This process alone (Node: decoding glue, OCR and detectors in onnxruntime/tfjs-wasm); GNU time adds the ffmpeg children.
    nodeCpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  }) + '\n');
} finally {
  store.close();
}
