/**
 * `reelm eval run` killed with SIGKILL mid-run, several times, then resumed: the final scores equal an
 * uninterrupted run's, no sample with a recorded result is computed again, and the model calls (counted
 * at a loopback proxy in front of the oracle, outside the killed processes) stay within
 * samples + concurrency × kills.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateSynthSet } from '../../src/eval/synth/generate-set.js';
import { synthSets } from '../../src/eval/synth/sets.js';
import { startCountingOracle, type CountingOracle } from '../eval/runner/counting-oracle-proxy.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-eval-resume-'));
const data = path.join(work, 'synth-small');
const samples = 14;
const concurrency = 2;
let oracle: CountingOracle;

before(async () => {
  await generateSynthSet(synthSets['synth-small'], { outDir: data, limit: 1 });
  // Answers take 300 ms, as a served model's do, so each kill lands before the run can finish.
  oracle = await startCountingOracle({ latencyMs: 300 });
});
after(async () => {
  await oracle?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

interface Child {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function reelm(cacheDir: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs'), path.join(repoRoot, 'src/cli/main.ts'), '--cache-dir', cacheDir, ...args], {
    cwd: work, env: { ...process.env, REELM_MODEL: 'openai-compatible:oracle', REELM_BASE_URL: oracle.baseURL }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { done, kill: () => child.kill('SIGKILL') };
}

const runArgs = (out: string): string[] => ['eval', 'run', '--benchmark', 'synth-small', '--data', data, '--model', 'openai-compatible:oracle', '--limit', String(samples), '--concurrency', String(concurrency), '--out', out];

function recordedKeys(runDir: string): string[] {
  const file = path.join(runDir, 'samples.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).flatMap((line) => {
    try {
      return [(JSON.parse(line) as { key: string }).key];
    } catch {
      return [];
    }
  });
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the runner');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function onlyRunDir(out: string): string {
  const names = fs.existsSync(out) ? fs.readdirSync(out) : [];
  return names.length === 1 ? path.join(out, names[0]!) : '';
}

test('kill -9 several times and resume: same scores as an uninterrupted run, nothing recomputed, calls ≤ samples + concurrency × kills', { timeout: 600_000 }, async (t) => {
  const referenceOut = path.join(work, 'reference');
  const reference = await reelm(path.join(work, 'cache-reference'), runArgs(referenceOut)).done;
  assert.equal(reference.code, 0, reference.stderr);
  const referenceRecord = JSON.parse(fs.readFileSync(path.join(onlyRunDir(referenceOut), 'run.json'), 'utf8'));
  assert.equal(referenceRecord.totals.done, samples);

  const out = path.join(work, 'killed');
  const cache = path.join(work, 'cache-killed');
  const callsBefore = oracle.chatCalls();
  const kills = 3;
  const recordedBeforeKill: number[] = [];
  for (let kill = 0; kill < kills; kill += 1) {
    const runDir = onlyRunDir(out);
    const before = runDir ? recordedKeys(runDir).length : 0;
    const child = reelm(cache, kill === 0 ? runArgs(out) : ['eval', 'run', '--resume', runDir]);
    await waitFor(() => onlyRunDir(out) !== '' && recordedKeys(onlyRunDir(out)).length >= before + 3, 300_000);
    child.kill();
    const ended = await child.done;
    assert.equal(ended.signal, 'SIGKILL', 'the runner was killed mid-run, not finished');
    recordedBeforeKill.push(recordedKeys(onlyRunDir(out)).length);
  }
  assert.ok(recordedBeforeKill.at(-1)! < samples, 'the kills left samples to resume');
  const runDir = onlyRunDir(out);
  const final = await reelm(cache, ['eval', 'run', '--resume', runDir]).done;
  assert.equal(final.code, 0, final.stderr);

  const keys = recordedKeys(runDir);
  assert.equal(keys.length, samples, 'every sample recorded exactly once: none recomputed after its result was recorded');
  assert.equal(new Set(keys).size, samples);
  const record = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
  assert.equal(record.status, 'complete');
  assert.equal(record.sessions.length, kills + 1);
  assert.deepEqual(record.metrics, referenceRecord.metrics);
  assert.deepEqual(record.categories, referenceRecord.categories);
  const calls = oracle.chatCalls() - callsBefore;
  t.diagnostic(`model calls ${calls} for ${samples} samples, ${kills} kills at concurrency ${concurrency}; records before each kill: ${recordedBeforeKill.join(', ')}`);
  assert.ok(calls >= samples, `every sample reached the model at least once (${calls})`);
  assert.ok(calls <= samples + concurrency * kills, `model calls ${calls} ≤ ${samples} + ${concurrency} × ${kills}`);
});
