/**
 * `reelm eval run`, `compare`, `list` and `--dry-run` on the command line, on a real synth-small video
 * with the `oracle:` model double.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateSynthSet } from '../../src/eval/synth/generate-set.js';
import { synthSets } from '../../src/eval/synth/sets.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-eval-run-cli-'));
const data = path.join(work, 'synth-small');
const environment: NodeJS.ProcessEnv = { ...process.env, REELM_CACHE_DIR: path.join(work, 'cache') };

async function reelm(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs'), path.join(repoRoot, 'src/cli/main.ts'), ...args], {
      cwd: work, env: environment, timeout: 300_000, maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

before(async () => {
  await generateSynthSet(synthSets['synth-small'], { outDir: data, limit: 1 });
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('eval run --dry-run prints the plan and an estimated cost, and writes no run', async () => {
  const run = await reelm('eval', 'run', '--benchmark', 'synth-small', '--data', data, '--model', 'oracle:reference', '--limit', '3', '--dry-run', '--out', path.join(work, 'dry'));
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /dry run: synth-small, 3 samples over 1 videos/);
  assert.match(run.stdout, /estimated cost: unknown/);
  assert.match(run.stdout, /no model was called/);
  assert.equal(fs.existsSync(path.join(work, 'dry')), false);
});

test('eval run twice (two budgets), then eval compare shows both with intervals and deltas', async () => {
  const out = path.join(work, 'runs');
  for (const tokens of ['3000', '12000']) {
    const run = await reelm('eval', 'run', '--benchmark', 'synth-small', '--data', data, '--model', 'oracle:reference', '--limit', '4', '--concurrency', '2', '--max-visual-tokens', tokens, '--out', out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\| accuracy \| /);
    assert.match(run.stderr, /\[4\/4\] eta/);
  }
  const dirs = fs.readdirSync(out).map((name) => path.join(out, name));
  assert.equal(dirs.length, 2);
  for (const dir of dirs) for (const file of ['run.json', 'samples.jsonl', 'report.md', 'report.html', 'submission/predictions.json']) assert.ok(fs.existsSync(path.join(dir, file)), `${dir}/${file}`);
  const compared = await reelm('eval', 'compare', ...dirs);
  assert.equal(compared.code, 0, compared.stderr);
  assert.match(compared.stdout, /\| accuracy \| all \| [\d.]+ \[[\d.]+, [\d.]+\] \| [\d.]+ \[/);
  assert.match(compared.stdout, /cluster bootstrap over videos/);
  const one = await reelm('eval', 'compare', dirs[0]!);
  assert.equal(one.code, 1);
  assert.match(one.stderr, /two or more run folders/);
});

test('eval list names each benchmark, what it needs, and whether --data has it', async () => {
  const run = await reelm('eval', 'list', '--data', work);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^synth-small {2}\[present: 20 docs in /m);
  assert.match(run.stdout, /^synth-medium {2}\[missing\]/m);
  assert.match(run.stdout, /^videomme/m);
  assert.match(run.stdout, /needs: /);
});

test('eval run: bad input gets a typed error naming the flag', async () => {
  const missing = await reelm('eval', 'run', '--benchmark', 'synth-small', '--model', 'oracle:reference');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /--data/);
  const protocol = await reelm('eval', 'run', '--benchmark', 'synth-small', '--data', data, '--model', 'oracle:reference', '--protocol', 'lmms-eval:nonesuch');
  assert.equal(protocol.code, 1);
  assert.match(protocol.stderr, /--protocol/);
  const resume = await reelm('eval', 'run', '--resume', path.join(work, 'no-such-run'));
  assert.equal(resume.code, 1);
  assert.match(resume.stderr, /not a run folder/);
});
