/**
 * The `transients` sampler: the scoring on pictures made here, then on a real clip ffmpeg renders — a
 * gray card where a white box flashes for one second, another box arrives and stays, and a third crosses
 * the view in two seconds. The flash and the crossing are found; the arrival that stays is not.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sampleTimes } from '../../src/media/samplers/index.js';
import { blockMeans, scorePeaks, transientScores } from '../../src/media/samplers/transients.js';
import { probe } from '../../src/media/probe.js';
import { fillAround } from '../../src/plan/strategies/transients.js';
import { planForVideo } from '../../src/plan/plan-visual-budget.js';
import { patchProfile } from '../plan/support/virtual-video.js';
import { ffmpeg, x264 } from '../support/media-generators.js';

let folder: string;
let clip: string;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-transients-'));
  clip = path.join(folder, 'flash.mp4');
  const boxes = [
    "drawbox=x=40:y=40:w=24:h=24:color=white:t=fill:enable='between(t,6,7)'",
    "drawbox=x=220:y=110:w=24:h=24:color=black:t=fill:enable='gte(t,14)'",
    // A box crossing the view in two seconds, 60 px a half-second.
    ...[0, 1, 2, 3].map((step) => `drawbox=x=${20 + step * 60}:y=80:w=24:h=24:color=white:t=fill:enable='between(t,${20 + step / 2},${20.45 + step / 2})'`),
  ];
  await ffmpeg(['-f', 'lavfi', '-i', `color=c=gray:size=320x180:rate=10:duration=28,${boxes.join(',')},format=yuv420p`, ...x264(['-g', '20']), clip]);
});
after(() => fs.rmSync(folder, { recursive: true, force: true }));

const flat = (value: number): Float32Array => new Float32Array(4).fill(value);

test('scores: a picture unlike both neighbours that agree is transient; a step or a steady change is not', () => {
  assert.deepEqual(transientScores([flat(10), flat(90), flat(10)], [1]), [0, 80, 0]);
  // A step: the new picture matches the one after it.
  assert.deepEqual(transientScores([flat(10), flat(90), flat(90)], [1]), [0, 0, 0]);
  // A steady drift: the neighbours differ as much as the middle differs from each.
  assert.deepEqual(transientScores([flat(10), flat(50), flat(90)], [1]), [0, 0, 0]);
  assert.deepEqual(scorePeaks([0, 5, 9, 9, 1, 0, 7], 2, 4), [2, 6]);
  assert.deepEqual(Array.from(blockMeans(Uint8Array.from([0, 8, 4, 4, 2, 2, 6, 6]), 4, 2, 2)), [3, 5]);
});

test('on a rendered clip: the one-second flash and the quick crossing are found, the box that stays is not', async () => {
  const info = await probe(clip);
  const moments = await sampleTimes('transients', { count: 8 }, { input: clip, info, cache: null });
  const times = moments.map((moment) => moment.time);
  assert.ok(times.some((time) => time >= 6 && time < 7), `flash: ${times.join(', ')}`);
  assert.ok(times.some((time) => time >= 20 && time < 22), `crossing: ${times.join(', ')}`);
  assert.ok(times.every((time) => time < 13 || time > 15), `the arrival that stays is not transient: ${times.join(', ')}`);
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'in time order');
  // A moment already looked at is passed over.
  const flashTime = times.find((time) => time >= 6 && time < 7)!;
  const elsewhere = await sampleTimes('transients', { count: 8, avoid: [flashTime + 0.1] }, { input: clip, info, cache: null });
  assert.ok(elsewhere.every((moment) => Math.abs(moment.time - flashTime) >= 0.5), elsewhere.map((moment) => moment.time).join(', '));
  assert.ok(elsewhere.some((moment) => moment.time >= 20 && moment.time < 22));
});

test('fillAround: each new time in the largest gap left, clear of those already chosen', () => {
  const filled = fillAround([1.5, 2.5], 0, 8, 2);
  assert.equal(filled.length, 2);
  assert.ok(filled.every((time) => time > 3.5 && time < 8), filled.join(', '));
  assert.ok(filled[1]! - filled[0]! > 1.5, filled.join(', '));
  const [middle] = fillAround([], 0, 8, 1);
  assert.ok(Math.abs(middle! - 4) <= 0.25, String(middle));
  // Even with more chosen times than room, it returns what was asked for.
  assert.equal(fillAround(Array.from({ length: 40 }, (_, k) => k / 5), 0, 8, 3).length, 3);
});

test('the strategy puts frames on the transients and spreads the rest at other times', async () => {
  const info = await probe(clip);
  const plan = await planForVideo(info, { maxImages: 6 }, patchProfile, { strategy: 'transients', cache: null });
  const times = plan.items.map((item) => (item.kind === 'frame' ? item.time : Number.NaN));
  assert.equal(times.length, 6);
  assert.ok(times.some((time) => time >= 6 && time < 7) && times.some((time) => time >= 20 && time < 22), times.join(', '));
  assert.equal(new Set(times.map((time) => Math.round(time))).size, 6, `distinct moments: ${times.join(', ')}`);
});
