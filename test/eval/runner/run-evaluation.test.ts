/**
 * The evaluation runner as a library, on a real synth-small video with the real `oracle:` model
 * double: a run writes its record, JSONL, submission and reports; frames are decoded once per
 * (video, sampling) and reused by another model (every ffmpeg/ffprobe process counted through a
 * wrapper binary); a repeat of the same config makes no model call; the dollar cap stops cleanly;
 * dry runs call no model; compare and list read what runs wrote.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../../src/core/artifact-cache.js';
import { forgetRememberedHashes } from '../../../src/core/content-hash.js';
import { setMediaToolPath } from '../../../src/media/tools.js';
import { createLanguageModel } from '../../../src/models/create-model.js';
import type { LanguageModel } from '../../../src/models/language-model.js';
import { registerBuiltinProviders } from '../../../src/models/providers/builtin.js';
import { ResponseCache } from '../../../src/models/response-cache.js';
import { registerOracleProvider } from '../../../src/eval/synth/oracle/provider.js';
import { generateSynthSet } from '../../../src/eval/synth/generate-set.js';
import { synthSets } from '../../../src/eval/synth/sets.js';
import { withResponseCache } from '../../../src/eval/runner/cached-model.js';
import { compareRuns, loadRun, renderComparison } from '../../../src/eval/runner/compare-runs.js';
import { estimateRun } from '../../../src/eval/runner/estimate-run.js';
import { listBenchmarks } from '../../../src/eval/runner/list-benchmarks.js';
import type { RunSettings } from '../../../src/eval/runner/run-record.js';
import { runEvaluation } from '../../../src/eval/runner/run-evaluation.js';
import { readSampleLog } from '../../../src/eval/runner/sample-log.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-eval-runner-'));
const data = path.join(work, 'synth-small');
const toolLog = path.join(work, 'media-tools.log');
const artifacts = new ArtifactCache({ root: path.join(work, 'cache') });
const responses = new ResponseCache(path.join(work, 'cache'));

/** ffmpeg/ffprobe behind a wrapper that logs each invocation, so tests count processes, not guesses. */
function wrapMediaTools(): void {
  for (const tool of ['ffmpeg', 'ffprobe'] as const) {
    const wrapper = path.join(work, `${tool}-counting.sh`);
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "${tool} $*" >> '${toolLog}'\nexec ${tool} "$@"\n`, { mode: 0o755 });
    setMediaToolPath(tool, wrapper);
  }
}

/** Decoding and probing processes logged so far (the run record's `ffmpeg -version` is not decoding). */
function mediaProcesses(): string[] {
  if (!fs.existsSync(toolLog)) return [];
  return fs.readFileSync(toolLog, 'utf8').split('\n').filter((line) => line.trim() && !line.endsWith(' -version'));
}

function settings(overrides: Partial<RunSettings> = {}): RunSettings {
  return {
    benchmark: 'synth-small', dataDir: data, model: 'oracle:reference', judge: null, protocol: 'reelm', strategy: null,
    budget: { maxVisualTokens: 8000 }, maxOutputTokens: 64, limit: 6, concurrency: 3, maxUsd: null, ...overrides,
  };
}

async function oracle(id = 'oracle:reference'): Promise<LanguageModel> {
  return createLanguageModel(id, {}, { cache: null });
}

before(async () => {
  registerBuiltinProviders();
  registerOracleProvider();
  await generateSynthSet(synthSets['synth-small'], { outDir: data, limit: 1 });
  wrapMediaTools();
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

let firstRunDir = '';
let secondModelRunDir = '';

test('a run on synth-small writes run.json, samples.jsonl, the submission, report.md and a self-contained report.html', async () => {
  const progress: number[] = [];
  const { runDir, record } = await runEvaluation({
    settings: settings(), model: await oracle(), outDir: path.join(work, 'runs'), cache: artifacts, responseCache: responses,
    onSample: (status) => progress.push(status.done),
  });
  firstRunDir = runDir;
  assert.equal(record.status, 'complete');
  assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
  const saved = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
  assert.equal(saved.benchmark.id, 'synth-small');
  assert.equal(saved.model.id, 'oracle:reference');
  assert.match(saved.decoder.ffmpeg, /^ffmpeg version /);
  assert.match(saved.code.gitCommit ?? '', /^[0-9a-f]{40}$/);
  assert.ok(Object.keys(saved.data.files).includes('manifest.json'), 'data files are hashed');
  assert.match(saved.prompt.templateHash, /^[0-9a-f]{64}$/);
  assert.equal(saved.totals.done, 6);
  assert.equal(saved.totals.modelCalls, 6);
  const accuracy = saved.metrics.find((m: { name: string }) => m.name === 'accuracy');
  assert.ok(accuracy.count > 0 && accuracy.value >= 0 && accuracy.value <= 1);

  const samples = await readSampleLog(path.join(runDir, 'samples.jsonl'));
  assert.equal(samples.length, 6);
  for (const sample of samples) {
    assert.match(sample.promptHash, /^[0-9a-f]{64}$/);
    assert.ok(sample.plan.times.length > 0 && sample.usage.images > 0);
    assert.equal(typeof sample.response.text, 'string');
    assert.ok(Object.keys(sample.score).length > 0);
  }
  const submission = JSON.parse(fs.readFileSync(path.join(runDir, 'submission', 'predictions.json'), 'utf8'));
  assert.equal(Object.keys(submission).length, 6);
  assert.deepEqual(record.submission, ['submission/predictions.json']);

  assert.match(fs.readFileSync(path.join(runDir, 'report.md'), 'utf8'), /\| accuracy \| /);
  const html = fs.readFileSync(path.join(runDir, 'report.html'), 'utf8');
  assert.equal((html.match(/<svg /g) ?? []).length, 3, 'per-category bars, score against visual tokens, cost');
  assert.doesNotMatch(html, /<script|src="http|href="http/, 'self-contained');
});

test('frames are extracted once per (video, sampling): another model reuses them with no ffmpeg or ffprobe process', async () => {
  assert.ok(mediaProcesses().length > 0, 'the first run decoded through the counting wrapper');
  forgetRememberedHashes();
  const before = mediaProcesses().length;
  const model = withResponseCache(await oracle('oracle:second-model'), responses);
  const { runDir, record } = await runEvaluation({ settings: settings({ model: 'oracle:second-model' }), model, outDir: path.join(work, 'runs'), cache: artifacts });
  secondModelRunDir = runDir;
  assert.equal(record.status, 'complete');
  assert.equal(model.counters.calls, 6, 'a different model is really asked');
  assert.deepEqual(mediaProcesses().slice(before), [], 'no probing or decoding: frames and probes come from the cache');
});

test('concurrent questions about one video decode it once: as many media processes at concurrency 6 as at 1', async () => {
  const processesWith = async (concurrency: number): Promise<number> => {
    forgetRememberedHashes();
    const before = mediaProcesses().length;
    const fresh = new ArtifactCache({ root: path.join(work, `cache-fresh-${concurrency}`) });
    await runEvaluation({ settings: settings({ concurrency }), model: await oracle(), outDir: path.join(work, `runs-fresh-${concurrency}`), cache: fresh, responseCache: responses });
    return mediaProcesses().length - before;
  };
  const serial = await processesWith(1);
  assert.ok(serial > 0);
  assert.equal(await processesWith(6), serial);
});

test('the same config again hits every cache: zero decoding, zero model calls, the same scores', async () => {
  const before = mediaProcesses().length;
  const { record } = await runEvaluation({ settings: settings(), model: await oracle(), outDir: path.join(work, 'runs-repeat'), cache: artifacts, responseCache: responses });
  assert.equal(record.totals.modelCalls, 0);
  assert.equal(record.totals.cachedResponses, 6);
  assert.deepEqual(mediaProcesses().slice(before), []);
  const first = JSON.parse(fs.readFileSync(path.join(firstRunDir, 'run.json'), 'utf8'));
  assert.deepEqual(record.metrics, first.metrics);
});

test('--max-usd stops cleanly at the cap: no new sample starts once the spend reaches it', async () => {
  // A priced profile (gpt-4o's published prices) on the oracle, so each answer costs dollars.
  const model = await createLanguageModel('oracle:priced', { profile: { family: 'gpt-4o' } }, { cache: null });
  assert.ok(model.profile.prices, 'the gpt-4o profile has prices');
  const { record } = await runEvaluation({ settings: settings({ model: 'oracle:priced', concurrency: 1, maxUsd: 1e-9 }), model, outDir: path.join(work, 'runs-capped'), cache: artifacts });
  assert.equal(record.status, 'stopped-at-budget');
  assert.equal(record.totals.done, 1);
  assert.ok((record.totals.usd ?? 0) > 0);
});

test('a dry run plans every sample and estimates the cost without calling the model', async () => {
  const model = withResponseCache(await oracle('oracle:dry-run'), responses);
  const estimate = await estimateRun(settings({ limit: 4 }), model, artifacts);
  assert.equal(model.counters.calls + model.counters.hits, 0);
  assert.equal(estimate.samples, 4);
  assert.equal(estimate.videos, 1);
  assert.ok(estimate.visualTokens > 0 && estimate.images > 0);
  assert.equal(estimate.usd, null, 'the oracle has no prices');
  const lmms = await estimateRun(settings({ limit: 1, protocol: 'lmms-eval:llava_onevision' }), model, artifacts);
  assert.equal(lmms.images, 32, 'llava_onevision: 32 frames by np.linspace index');
});

test('compare: per-category rows with cluster-bootstrap intervals and paired deltas', async () => {
  const comparison = compareRuns([await loadRun(firstRunDir), await loadRun(secondModelRunDir)]);
  const overall = comparison.rows.find((row) => row.metric === 'accuracy' && row.category === 'all')!;
  assert.ok(overall.scores[0] && overall.scores[1] && overall.deltas[0]);
  assert.equal(overall.scores[0].clusters, 1, 'one video: one cluster');
  assert.ok(comparison.rows.some((row) => row.category !== 'all'));
  assert.match(renderComparison(comparison), /Δ #2−#1/);
});

test('list: every benchmark with what it needs, and whether its data is present', async () => {
  const listings = await listBenchmarks(work);
  const small = listings.find((l) => l.id === 'synth-small')!;
  assert.equal(small.presentAt, data);
  assert.ok((small.docs ?? 0) > 0);
  assert.match(small.needs, /manifest\.json/);
  const medium = listings.find((l) => l.id === 'synth-medium')!;
  assert.equal(medium.presentAt, null);
  assert.ok(listings.find((l) => l.id === 'videomme'));
});
