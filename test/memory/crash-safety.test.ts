/**
 * Must: crash safety. The ingest runs as a child process on the same input and is SIGKILLed at random
 * points — during start-up, while a unit is being computed, right after a commit — at least 20 times in a
 * row. After every kill the store passes the integrity check, every unit committed before the kill is
 * still there, and the append-only ingest log (written in each unit's transaction) shows no unit was
 * ever committed twice. A final run finishes the ingest, and its store must hold the same segments,
 * keyframes and signals as an uninterrupted run. The seed is printed; REELM_CRASH_SEED replays a run.
 * REELM_TEST_FULL=1 uses a longer clip and 50 kills.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Prng } from '../../src/eval/synth/prng.js';
import { checkStoreIntegrity } from '../../src/memory/store/integrity.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { patternShotsClip } from './support/clips.js';
import { groupKiller } from './support/group-killer.js';

const full = process.env.REELM_TEST_FULL === '1';
const kills = full ? 50 : 20;
const clipSeconds = full ? 60 : 36;
const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'ingest-child.ts');
const childTimeoutMs = 120_000;

let folder: string;
let clip: string;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-crash-'));
  clip = await patternShotsClip(folder, clipSeconds);
});
after(() => fs.rmSync(folder, { recursive: true, force: true }));

interface ChildRun {
  /** Units the child reported committed. */
  committed: number;
  finished: boolean;
  killed: boolean;
  /** Milliseconds from launch to the first committed unit. */
  firstCommitMs: number | undefined;
}

/**
 * Runs the ingest child. With `killAfter`, SIGKILLs its process group once it has reported that many
 * committed units and `delayMs` more has passed (a kill after 0 units lands in start-up or the first unit).
 */
function runChild(store: string, killAfter?: { units: number; delayMs: number }): Promise<ChildRun> {
  // Each store has its own frame cache, so the killed runs decode for real (the reference run's cache would
  // make every unit a few milliseconds of work and leave nothing to kill into).
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, store, clip, '1'], {
      env: { ...process.env, REELM_CACHE_DIR: `${store}.cache` },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the kill also reaches the ffmpeg processes it started.
      detached: true,
    });
    const launchedAt = performance.now();
    let firstCommitMs: number | undefined;
    let committed = 0;
    let finished = false;
    let stderr = '';
    let pending = '';
    const { kill, killed } = groupKiller(child);
    const timeout = setTimeout(kill, childTimeoutMs);
    const armKill = () => setTimeout(kill, killAfter!.delayMs);
    if (killAfter?.units === 0) armKill();
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('unit ')) {
          committed++;
          firstCommitMs ??= performance.now() - launchedAt;
          if (killAfter && committed === killAfter.units) armKill();
        }
        if (line.startsWith('done')) finished = true;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timeout);
      if (!killed() && code !== 0) reject(new Error(`ingest child failed with ${code}:\n${stderr}`));
      else resolve({ committed, finished, killed: killed(), firstCommitMs });
    });
  });
}

type Row = Record<string, unknown>;

/** The store's results in a canonical order, ids left out (they depend on insertion history). */
function snapshot(file: string): { segments: Row[]; keyframes: Row[]; signals: Row[] } {
  const store = openStore({ file });
  try {
    const db = store.db;
    const segments = db.prepare('SELECT segment_index, kind, start_time, end_time, config_hash FROM segments ORDER BY segment_index').all() as Row[];
    const keyframes = (db.prepare(`SELECT time, represents_start, represents_end, width, height, perceptual_hash, unit_index, thumbnail
      FROM keyframes ORDER BY time`).all() as Row[]).map((row) => ({
      ...row,
      thumbnail: createHash('sha256').update(row.thumbnail as Buffer).digest('hex'),
    }));
    const signals = db.prepare(`SELECT stage, unit_index, kind, start_time, end_time, text, number, confidence, confidence_source,
      box_x, box_y, box_width, box_height, producer, config_hash FROM signals
      ORDER BY stage, unit_index, start_time, kind, text, number`).all() as Row[];
    return { segments, keyframes, signals };
  } finally {
    store.close();
  }
}

function committedUnits(file: string): Set<string> {
  const store = openStore({ file });
  try {
    const rows = store.db.prepare('SELECT stage, config_hash AS configHash, unit_index AS unitIndex FROM ingest_checkpoints').all() as Array<{ stage: string; configHash: string; unitIndex: number }>;
    return new Set(rows.map((row) => `${row.stage}|${row.configHash}|${row.unitIndex}`));
  } finally {
    store.close();
  }
}

function assertStoreSound(file: string, before: Set<string>, label: string): Set<string> {
  const store = openStore({ file });
  try {
    const report = checkStoreIntegrity(store);
    assert.deepEqual(report.problems, [], `${label}: integrity check`);
    const twice = store.db.prepare(`SELECT stage, unit_index AS unitIndex, COUNT(*) AS times FROM ingest_log
      GROUP BY stage, config_hash, unit_index HAVING COUNT(*) > 1`).all();
    assert.deepEqual(twice, [], `${label}: a unit was committed more than once`);
  } finally {
    store.close();
  }
  const now = committedUnits(file);
  for (const unit of before) assert.ok(now.has(unit), `${label}: unit ${unit}, committed before the kill, is gone`);
  return now;
}

test(`a SIGKILLed ingest resumes without redoing units and ends with the same store (${kills} kills)`, { timeout: full ? 1_800_000 : 600_000 }, async () => {
  const seed = Number(process.env.REELM_CRASH_SEED ?? Date.now() % 1_000_000);
  console.log(`crash-safety seed ${seed} (REELM_CRASH_SEED=${seed} replays it)`);
  const random = new Prng(seed);

  const reference = path.join(folder, 'reference.sqlite');
  const uninterrupted = await runChild(reference);
  assert.ok(uninterrupted.finished, 'the uninterrupted run finishes');
  const expected = snapshot(reference);
  assert.ok(expected.keyframes.length >= 10 && expected.signals.length >= 20, 'the clip gives enough units to kill into');

  const crashed = path.join(folder, 'crashed.sqlite');
  let units = new Set<string>();
  let killCount = 0;
  let reportedCommits = 0;
  let startUpMs = uninterrupted.firstCommitMs ?? 2000;
  while (killCount < kills) {
    // A third of the kills land at a random moment between launch and the first commit (start-up, probe,
    // sampling, the first unit), the rest a random 0–20 ms after the 1st–3rd unit the run commits: inside
    // the next unit's work or its transaction, since a unit takes tens of milliseconds.
    const killAfter = random.next() < 1 / 3
      ? { units: 0, delayMs: Math.floor(random.next() * startUpMs) }
      : { units: 1 + Math.floor(random.next() * 3), delayMs: Math.floor(random.next() * 20) };
    const run = await runChild(crashed, killAfter);
    reportedCommits += run.committed;
    if (run.firstCommitMs !== undefined) startUpMs = Math.min(startUpMs, run.firstCommitMs);
    assert.ok(run.killed, `run ${killCount + 1} finished the ingest before it was killed; the clip needs more units`);
    killCount++;
    if (fs.existsSync(crashed)) units = assertStoreSound(crashed, units, `after kill ${killCount} (${JSON.stringify(killAfter)})`);
  }
  console.log(`${units.size} of ${committedUnits(reference).size} units committed after ${killCount} kills`);

  const final = await runChild(crashed);
  assert.ok(final.finished);
  assertStoreSound(crashed, units, 'after the final run');
  const actual = snapshot(crashed);
  assert.deepEqual(actual.segments, expected.segments);
  assert.deepEqual(actual.keyframes, expected.keyframes);
  assert.deepEqual(actual.signals, expected.signals);

  // Every unit committed exactly once across all runs: the log has as many rows as the uninterrupted run's.
  const count = (file: string) => {
    const store = openStore({ file });
    try {
      return (store.db.prepare('SELECT COUNT(*) AS n FROM ingest_log').get() as { n: number }).n;
    } finally {
      store.close();
    }
  };
  assert.equal(count(crashed), count(reference));
  console.log(`${killCount} kills; ${reportedCommits + final.committed} units committed across runs; ${count(reference)} units in all`);
});
