/**
 * Crash safety of the captions stage: the ingest runs as a child process with the `oracle:` caption
 * model on a 24-second clip cut into 1-second segments (captioned in pairs: 12 units of 2 s), and is
 * SIGKILLed a random 0–40 ms after it reports its 1st or 2nd caption committed, several times in a
 * row. After each kill the store passes the
 * integrity check and keeps every caption committed before it; no unit is ever committed twice (the
 * append-only ingest log); the final run asks only for the segments still missing and ends with the same
 * captions as an uninterrupted run. The seed is printed; REELM_CRASH_SEED replays a run.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Prng } from '../../src/eval/synth/prng.js';
import { checkStoreIntegrity } from '../../src/memory/store/integrity.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { renderCaptionClip } from './support/caption-clip.js';
import { groupKiller } from './support/group-killer.js';

const kills = 4;
const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'caption-ingest-child.ts');

let folder: string;
let clip: string;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-caption-crash-'));
  clip = await renderCaptionClip(folder, 24);
});
after(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Runs the child; with `killAfter`, SIGKILLs its process group `delayMs` after it reports that many caption units. */
function runChild(store: string, killAfter?: { captions: number; delayMs: number }): Promise<{ captions: number; finished: boolean; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, store, clip, path.join(folder, 'cache')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let captions = 0;
    let finished = false;
    let stderr = '';
    let pending = '';
    const { kill, killed } = groupKiller(child);
    const timeout = setTimeout(kill, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('unit captions ')) {
          captions++;
          if (killAfter && captions === killAfter.captions) setTimeout(kill, killAfter.delayMs);
        }
        if (line.startsWith('done')) finished = true;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timeout);
      if (!killed() && code !== 0) reject(new Error(`caption ingest child failed with ${code}:\n${stderr}`));
      else resolve({ captions, finished, killed: killed() });
    });
  });
}

function read<T>(file: string, work: (store: ReturnType<typeof openStore>) => T): T {
  const store = openStore({ file });
  try {
    return work(store);
  } finally {
    store.close();
  }
}

const captionRows = (file: string) => read(file, (store) => store.db.prepare(`SELECT s.unit_index AS unitIndex, s.start_time AS start, s.end_time AS end, s.text, s.producer, c.source
  FROM signals s JOIN caption_sources c ON c.signal_id = s.id WHERE s.stage = 'captions' ORDER BY s.unit_index`).all() as Array<Record<string, unknown>>);

test(`a SIGKILLed caption stage resumes at the next segment, never captions a segment twice, and ends as an uninterrupted run (${kills} kills)`, { timeout: 600_000 }, async () => {
  const seed = Number(process.env.REELM_CRASH_SEED ?? Date.now() % 1_000_000);
  console.log(`caption crash seed ${seed} (REELM_CRASH_SEED=${seed} replays it)`);
  const random = new Prng(seed);

  const reference = path.join(folder, 'reference.sqlite');
  assert.ok((await runChild(reference)).finished);
  const expected = captionRows(reference);
  assert.equal(expected.length, 12);

  const crashed = path.join(folder, 'crashed.sqlite');
  let kept = new Set<number>();
  let killed = 0;
  while (killed < kills) {
    const run = await runChild(crashed, { captions: 1 + Math.floor(random.next() * 2), delayMs: Math.floor(random.next() * 40) });
    assert.ok(run.killed && !run.finished, `run ${killed + 1} finished before it was killed`);
    killed++;
    read(crashed, (store) => {
      assert.deepEqual(checkStoreIntegrity(store).problems, [], `after kill ${killed}: integrity`);
      const twice = store.db.prepare('SELECT stage, unit_index FROM ingest_log GROUP BY stage, config_hash, unit_index HAVING COUNT(*) > 1').all();
      assert.deepEqual(twice, [], `after kill ${killed}: a unit was committed twice`);
    });
    const now = new Set(captionRows(crashed).map((row) => row.unitIndex as number));
    for (const unit of kept) assert.ok(now.has(unit), `after kill ${killed}: caption of segment ${unit} is gone`);
    kept = now;
  }
  assert.ok(kept.size > 0 && kept.size < 12, `the kills landed inside the captions stage (${kept.size} of 12 captions kept)`);

  const final = await runChild(crashed);
  assert.ok(final.finished);
  assert.equal(final.captions, 12 - kept.size, 'the final run captions only the segments still missing');
  assert.deepEqual(captionRows(crashed), expected);
  read(crashed, (store) => {
    const captionCommits = (store.db.prepare("SELECT COUNT(*) AS n FROM ingest_log WHERE stage = 'captions'").get() as { n: number }).n;
    assert.equal(captionCommits, 12, 'every caption unit committed exactly once across all runs');
  });
});
