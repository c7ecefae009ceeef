/**
 * The ingest's per-stage timing (src/memory/ingest/stage-timing.ts): the children's CPU read from the
 * kernel's /proc/<pid>/stat layout, and a real ffmpeg run counted as child CPU of the stage that ran it,
 * while Node's own busy loop counts as Node CPU.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childTicksFromProcStat, StageTimer, type StageTiming } from '../../../src/memory/ingest/stage-timing.js';
import { runMediaTool } from '../../../src/media/run-media-tool.js';

test('children CPU ticks come from fields 16 and 17, even with spaces and parentheses in the command name', () => {
  // Fields 1–17 of a real /proc/<pid>/stat line (from `cat /proc/self/stat`), command name made awkward.
  const line = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 5281 0 0 0 37 11 250 31 20 0 11 0 1234 0 0';
  assert.equal(childTicksFromProcStat(line), 281);
  assert.equal(childTicksFromProcStat('garbage'), null);
});

test('a stage that runs ffmpeg is charged the child CPU; a busy Node stage is charged Node CPU', { skip: process.platform !== 'linux' }, async () => {
  const timings: StageTiming[] = [];
  const timer = new StageTimer(timings);
  await timer.measure('decode', () => runMediaTool('ffmpeg', [
    '-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=8',
    '-vf', 'gblur=sigma=4', '-f', 'null', '-',
  ]));
  await timer.measure('spin', async () => {
    const until = process.cpuUsage().user + 300_000;
    while (process.cpuUsage().user < until) Math.sqrt(Math.random());
  });
  await timer.measure('spin', async () => undefined);
  const decode = timings.find((timing) => timing.stage === 'decode')!;
  const spin = timings.filter((timing) => timing.stage === 'spin');
  assert.equal(spin.length, 1, 'a stage measured twice has one entry');
  assert.ok(decode.childCpuSeconds! > 0.2, `ffmpeg CPU counted: ${JSON.stringify(decode)}`);
  assert.ok(decode.nodeCpuSeconds < decode.childCpuSeconds!, JSON.stringify(decode));
  assert.ok(spin[0]!.nodeCpuSeconds >= 0.29, JSON.stringify(spin[0]));
  assert.equal(spin[0]!.childCpuSeconds, 0);
  assert.equal(decode.overlapped, false);
});

test('work measured while other work runs is marked overlapped, both ways', async () => {
  const timings: StageTiming[] = [];
  const timer = new StageTimer(timings);
  let release!: () => void;
  const long = timer.measure('long', () => new Promise<void>((resolve) => (release = resolve)));
  await timer.measure('short', async () => undefined);
  release();
  await long;
  await timer.measure('alone', async () => undefined);
  const byStage = Object.fromEntries(timings.map((timing) => [timing.stage, timing.overlapped]));
  assert.deepEqual(byStage, { short: true, long: true, alone: false });
});
