/**
 * The evaluation runner's own cost, against the oracle on a stated subset of synth-medium.
 *
 * Run: npm run bench:eval   (node --import tsx bench/eval.bench.ts)
 *
 * Subset: the VIDEOS (default 2) shortest of the first 24 synth-medium videos (benchmark seed; rendered
 * into bench/work/synth-medium-subset by bench/synth-subset.ts when missing), first QUESTIONS (default 8)
 * questions of each — 16 samples — at concurrency 8, reelm protocol, auto strategy, 16,000 visual tokens.
 *
 * The oracle runs in a child process (this file with --serve-oracle) behind the openai-compatible
 * provider, so this process's CPU is the harness: loading, probing, planning, decoding (its ffmpeg
 * children, reaped, are counted), encoding, message assembly, caching, scoring, writing. "Harness
 * overhead per sample" = (this process's CPU + its ffmpeg children's CPU) / samples — time not spent
 * waiting on the model. Wall time and the model's summed latency are reported beside it. CPU, not wall,
 * because other agents share the machine's 2 cores.
 *
 * Run 1 is cold (fresh cache folder: decodes and asks); run 2 repeats the same config on the warm caches
 * and must make zero ffmpeg/ffprobe processes and zero model calls (asserted: every process is counted
 * through wrapper binaries, every call through the runner's response-cache wrapper). Writes
 * bench/results/eval.json.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArtifactCache } from '../src/core/artifact-cache.js';
import { forgetRememberedHashes } from '../src/core/content-hash.js';
import { setMediaToolPath } from '../src/media/tools.js';
import { createLanguageModel } from '../src/models/create-model.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import { ResponseCache } from '../src/models/response-cache.js';
import { withResponseCache } from '../src/eval/runner/cached-model.js';
import type { RunSettings } from '../src/eval/runner/run-record.js';
import { runEvaluation } from '../src/eval/runner/run-evaluation.js';
import { readSampleLog } from '../src/eval/runner/sample-log.js';
import { startOracleServer } from '../src/eval/synth/oracle/server.js';
import type { SynthManifest } from '../src/eval/synth/generate-set.js';
import { benchRoot, benchWork, chooseSubset, cpuSeconds, cpuSince, ensureRendered, log, mediumSpec, subsetDirectory } from './synth-subset.js';

if (process.argv.includes('--serve-oracle')) {
  const server = await startOracleServer();
  process.stdout.write(`${server.baseURL}\n`);
  // The server is unref'd; keep this process alive until the parent ends it.
  setInterval(() => undefined, 1 << 30);
} else {
  await main();
}

async function startOracleChild(): Promise<{ baseURL: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchRoot, 'bench', 'eval.bench.ts'), '--serve-oracle'], { cwd: benchRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const baseURL = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', (code) => reject(new Error(`the oracle server exited (${code})`)));
  });
  return { baseURL, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const videos = Number(process.env.VIDEOS ?? 2);
  const questions = Number(process.env.QUESTIONS ?? 8);
  const concurrency = 8;
  const work = path.join(benchWork, 'eval-bench');
  await fs.rm(work, { recursive: true, force: true });
  const data = path.join(work, 'data');
  await fs.mkdir(data, { recursive: true });

  // The data folder: the subset's videos (linked) and ground truth cut to the first questions.
  const { chosen } = chooseSubset(videos);
  const manifest: SynthManifest = { version: 1, set: 'synth-medium', seed: mediumSpec.benchmarkSeed, variant: 'base', width: mediumSpec.width, height: mediumSpec.height, fps: mediumSpec.fps, videos: [] };
  for (const video of chosen) {
    const { truth } = await ensureRendered(video, subsetDirectory('base'), 'base');
    await fs.symlink(path.join(subsetDirectory('base'), `${video.id}.mp4`), path.join(data, `${video.id}.mp4`));
    const cut = { ...truth, questions: truth.questions.slice(0, questions) };
    await fs.writeFile(path.join(data, `${video.id}.json`), JSON.stringify(cut));
    manifest.videos.push({ id: video.id, video: `${video.id}.mp4`, groundTruth: `${video.id}.json`, duration: truth.duration, frames: Math.round(truth.duration * mediumSpec.fps), questions: cut.questions.length });
  }
  await fs.writeFile(path.join(data, 'manifest.json'), JSON.stringify(manifest));

  // Every ffmpeg/ffprobe process goes through a wrapper that logs it.
  const toolLog = path.join(work, 'media-tools.log');
  for (const tool of ['ffmpeg', 'ffprobe'] as const) {
    const wrapper = path.join(work, `${tool}-counting.sh`);
    await fs.writeFile(wrapper, `#!/bin/sh\necho "${tool} $*" >> '${toolLog}'\nexec ${tool} "$@"\n`, { mode: 0o755 });
    setMediaToolPath(tool, wrapper);
  }
  const mediaProcesses = (): number => {
    try {
      return readFileSync(toolLog, 'utf8').split('\n').filter((line) => line.trim() && !line.endsWith(' -version')).length;
    } catch {
      return 0;
    }
  };

  registerBuiltinProviders();
  const oracle = await startOracleChild();
  const cacheRoot = path.join(work, 'cache');
  const artifacts = new ArtifactCache({ root: cacheRoot });
  const responses = new ResponseCache(cacheRoot);
  const settings: RunSettings = {
    benchmark: 'synth-medium', dataDir: data, model: 'openai-compatible:oracle', judge: null, protocol: 'reelm', strategy: null,
    budget: { maxVisualTokens: 16_000 }, maxOutputTokens: 256, limit: null, concurrency, maxUsd: null,
  };

  const runOnce = async (label: string) => {
    forgetRememberedHashes();
    const inner = await createLanguageModel('openai-compatible:oracle', { baseURL: oracle.baseURL }, { cache: null, policy: { concurrency } });
    const model = withResponseCache(inner, responses);
    const processesBefore = mediaProcesses();
    const cpuBefore = cpuSeconds();
    const started = performance.now();
    const { runDir, record } = await runEvaluation({ settings, model, outDir: path.join(work, 'runs'), runId: label, cache: artifacts });
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = cpuSince(cpuBefore);
    const cpuAfter = cpuSeconds();
    const samples = await readSampleLog(path.join(runDir, 'samples.jsonl'));
    const modelWaitSeconds = samples.reduce((sum, s) => sum + (s.usage.cached ? 0 : s.usage.latencyMs), 0) / 1000;
    const result = {
      samples: record.totals.done,
      wallSeconds: Number(wallSeconds.toFixed(2)),
      harnessCpuSeconds: Number(cpu.toFixed(2)),
      harnessCpuMsPerSample: Number(((cpu * 1000) / record.totals.done).toFixed(1)),
      ownProcessCpuSeconds: Number((cpuAfter.self - cpuBefore.self).toFixed(2)),
      ffmpegChildrenCpuSeconds: Number((cpuAfter.children - cpuBefore.children).toFixed(2)),
      modelCalls: model.counters.calls,
      cachedResponses: model.counters.hits,
      summedModelLatencySeconds: Number(modelWaitSeconds.toFixed(2)),
      mediaProcesses: mediaProcesses() - processesBefore,
      images: record.totals.images,
      visualTokens: record.totals.visualTokens,
      metrics: record.metrics.map((m) => ({ name: m.name, value: m.value, count: m.count, unparsed: m.unparsed })),
    };
    log(`${label}: ${JSON.stringify(result)}`);
    return result;
  };

  try {
    const cold = await runOnce('cold');
    const warm = await runOnce('warm');
    assert.ok(cold.mediaProcesses > 0 && cold.modelCalls === cold.samples, 'the cold run decodes and asks');
    assert.equal(warm.mediaProcesses, 0, 'the warm run starts no ffmpeg/ffprobe process');
    assert.equal(warm.modelCalls, 0, 'the warm run calls no model');
    assert.deepEqual(warm.metrics, cold.metrics);
    const out = path.join(benchRoot, 'bench', 'results', 'eval.json');
    await fs.writeFile(out, `${JSON.stringify({
      benchmark: 'reelm eval run harness overhead (bench/eval.bench.ts)',
      date: new Date().toISOString(),
      machine: 'shared 2-core machine; CPU seconds, not wall, are the measure',
      subset: `synth-medium (benchmark seed): the ${videos} shortest of the first 24 videos (${chosen.map((v) => `${v.id} ${v.script.duration}s`).join(', ')}), first ${questions} questions each`,
      config: { concurrency, protocol: 'reelm', strategy: 'auto', maxVisualTokens: 16_000, model: 'oracle (openai-compatible over loopback, in a child process)' },
      definition: 'harness CPU = this process (planning, decoding I/O, JPEG encoding, assembly, caching, scoring, writing) + its reaped ffmpeg children; the oracle child is excluded',
      cold,
      warm,
    }, null, 2)}\n`);
    log(`wrote ${out}`);
  } finally {
    oracle.stop();
  }
}
