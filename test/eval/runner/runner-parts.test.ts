/**
 * The runner's small parts on their own: the cluster bootstrap (clusters widen the interval when
 * questions about one video agree), the protocol table, the sample log's handling of a line torn by a
 * kill, and the bounded pool's limit.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runBounded } from '../../../src/eval/runner/bounded-pool.js';
import { KeyedLock } from '../../../src/eval/runner/keyed-lock.js';
import { clusterBootstrapMean } from '../../../src/eval/runner/cluster-bootstrap.js';
import { lmmsEvalClasses, parseProtocol } from '../../../src/eval/runner/protocols.js';
import { readSampleLog, SampleLog } from '../../../src/eval/runner/sample-log.js';
import type { SampleRecord } from '../../../src/eval/runner/sample-record.js';

test('cluster bootstrap: the same values are less certain when they come in per-video blocks', () => {
  // 10 videos × 10 questions; within a video all answers agree (fully correlated).
  const clustered = Array.from({ length: 100 }, (_, i) => ({ cluster: `v${Math.floor(i / 10)}`, value: Math.floor(i / 10) % 2 }));
  const independent = clustered.map((v, i) => ({ cluster: `q${i}`, value: v.value }));
  const a = clusterBootstrapMean(clustered)!;
  const b = clusterBootstrapMean(independent)!;
  assert.equal(a.estimate, 0.5);
  assert.equal(b.estimate, 0.5);
  assert.equal(a.clusters, 10);
  assert.ok(a.high - a.low > 2 * (b.high - b.low), `clustered ${a.low}–${a.high} vs independent ${b.low}–${b.high}`);
  assert.ok(b.low > 0.35 && b.high < 0.65);
  assert.deepEqual(clusterBootstrapMean(clustered), a, 'seeded: reproducible');
  assert.equal(clusterBootstrapMean([]), undefined);
});

test('protocols: reelm by default, lmms-eval classes from the frozen table, unknown ones named', () => {
  assert.deepEqual(parseProtocol(undefined), { kind: 'reelm' });
  const onevision = parseProtocol('lmms-eval:llava_onevision');
  assert.equal(onevision.kind === 'lmms-eval' && onevision.settings.frames, 32);
  const api = parseProtocol('lmms-eval:gpt4v');
  assert.equal(api.kind === 'lmms-eval' && api.settings.frames, 10);
  assert.equal(lmmsEvalClasses.internvl2.sampler, 'segment-middle');
  assert.ok(Object.isFrozen(lmmsEvalClasses));
  assert.throws(() => parseProtocol('lmms-eval:nonesuch'), /no model class "nonesuch".*llava_onevision/);
  assert.throws(() => parseProtocol('vlmevalkit'), /not a protocol/);
});

function record(key: string): SampleRecord {
  return {
    key, index: 0, docId: key, video: 'v.mp4', cluster: 'h', category: null, promptHash: 'p', prompt: 'q',
    plan: { strategy: 'uniform', times: [1], images: 1, visualTokens: 10, binding: 'images' },
    response: { text: 'A', finishReason: 'stop', parameters: {} }, parsed: 'A', score: { accuracy: 1 },
    usage: { images: 1, visualTokens: 10, inputTokens: 20, outputTokens: 1, usd: null, latencyMs: 1, cached: false }, warnings: [], finishedAt: '',
  };
}

test('sample log: a line torn by a kill is dropped and cut before appending, the first record of a key wins', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-sample-log-'));
  const file = path.join(dir, 'samples.jsonl');
  fs.writeFileSync(file, `${JSON.stringify(record('0:a'))}\n${JSON.stringify(record('1:b')).slice(0, 40)}`);
  assert.deepEqual((await readSampleLog(file)).map((r) => r.key), ['0:a']);
  const log = await SampleLog.open(file);
  await Promise.all([log.append(record('1:b')), log.append(record('2:c')), log.append({ ...record('0:a'), parsed: 'B' })]);
  await log.close();
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 4, 'the torn line is gone; three appended');
  const records = await readSampleLog(file);
  assert.deepEqual(records.map((r) => r.key), ['0:a', '1:b', '2:c']);
  assert.equal(records[0]!.parsed, 'A');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('bounded pool: never more than K in flight; stops starting items when told', async () => {
  let running = 0;
  let peak = 0;
  const seen: number[] = [];
  await runBounded(Array.from({ length: 20 }, (_, i) => i), async (item) => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 2 + (item % 3)));
    seen.push(item);
    running -= 1;
  }, { concurrency: 4 });
  assert.equal(peak, 4);
  assert.equal(seen.length, 20);
  const started: number[] = [];
  await runBounded([1, 2, 3, 4, 5], async (item) => { started.push(item); }, { concurrency: 1, shouldStop: () => started.length >= 2 });
  assert.deepEqual(started, [1, 2]);
});

test('keyed lock: one holder per key at a time, other keys in parallel, released after a failure', async () => {
  const lock = new KeyedLock();
  const log: string[] = [];
  const hold = (key: string, name: string, ms: number, fail = false) => lock.run(key, async () => {
    log.push(`${name}+`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    log.push(`${name}-`);
    if (fail) throw new Error(name);
  });
  await Promise.allSettled([hold('a', 'a1', 20, true), hold('a', 'a2', 5), hold('b', 'b1', 5)]);
  assert.deepEqual(log.filter((entry) => entry.startsWith('a')), ['a1+', 'a1-', 'a2+', 'a2-']);
  assert.ok(log.indexOf('b1-') < log.indexOf('a1-'), 'another key does not wait');
});
