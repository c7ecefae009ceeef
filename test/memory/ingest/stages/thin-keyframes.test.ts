/**
 * `thinKeyframes`: the first sample after each cut is kept, moving footage is thinned to the spacing (less
 * in short segments) and cap, steady content is always kept, and the kept samples' `represents` still cover every sample's.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SampledTime } from '../../../../src/media/samplers/index.js';
import { thinKeyframes, type KeyframeThinning } from '../../../../src/memory/ingest/stages/thin-keyframes.js';

const thinning: KeyframeThinning = { spacingSeconds: 5, maxPerSegment: 2, stableSeconds: 3 };

/** One sample a second over [start, end), each standing for its own second (what dedup gives on motion). */
function everySecond(start: number, end: number): SampledTime[] {
  const samples: SampledTime[] = [];
  for (let time = start; time < end; time++) samples.push({ time: time + 0.5, represents: { start: time, end: time + 1 } });
  return samples;
}

test('moving footage keeps the first frame after each cut, then one per spacing up to the cap', () => {
  // The 12-second segment is short: its spacing is 12 / (2 + 1) = 4 s, not 5.
  const kept = thinKeyframes([...everySecond(0, 30), ...everySecond(30, 42)], [0, 30], thinning);
  assert.deepEqual(kept.map((sample) => sample.time), [0.5, 5.5, 10.5, 30.5, 34.5, 38.5]);
});

test('the kept samples represent the dropped ones, so together they cover the video without gaps', () => {
  const kept = thinKeyframes([...everySecond(0, 30), ...everySecond(30, 42)], [0, 30], thinning);
  assert.deepEqual(kept.map((sample) => sample.represents), [
    { start: 0, end: 5 }, { start: 5, end: 10 }, { start: 10, end: 30 },
    { start: 30, end: 34 }, { start: 34, end: 38 }, { start: 38, end: 42 },
  ]);
});

test('a steady run (a slide appearing mid-shot) is kept even inside the spacing and past the cap', () => {
  const samples = [...everySecond(0, 12), { time: 13, represents: { start: 12, end: 16 } }, ...everySecond(16, 18)];
  const kept = thinKeyframes(samples, [0], thinning);
  assert.deepEqual(kept.map((sample) => sample.time), [0.5, 5.5, 10.5, 13]);
  assert.deepEqual(kept.at(-1)!.represents, { start: 12, end: 18 });
});

test('no segments: the whole video is one segment; unsorted input is ordered; no samples gives none', () => {
  const kept = thinKeyframes(everySecond(0, 8).reverse(), [], thinning);
  assert.deepEqual(kept.map((sample) => sample.time), [0.5, 3.5, 6.5]);
  assert.deepEqual(thinKeyframes([], [0, 10], thinning), []);
});

test('a sample without represents stands for its own time; a cap of 0 keeps only the first of a segment', () => {
  const kept = thinKeyframes([{ time: 1 }, { time: 2 }], [0], { ...thinning, maxPerSegment: 0 });
  assert.deepEqual(kept, [{ time: 1, represents: { start: 1, end: 2 } }]);
});
