/**
 * `question-times` and `auto`'s choice of it: the times a question names get frames of their own, the
 * rest stay uniform, and count, size and caps are those of `uniform`.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planForVideo } from '../../src/plan/plan-visual-budget.js';
import { anchorSamples, timesNamedIn } from '../../src/plan/strategies/question-times.js';
import { patchProfile, virtualVideo } from './support/virtual-video.js';

const video = virtualVideo;

const profile = patchProfile;

test('timesNamedIn: clock times inside the span, in order, once each; not dates, versions or times outside', () => {
  const span = { start: 0, end: 300 };
  assert.deepEqual(timesNamedIn('What colour is the square on screen at 00:01:21.0?', span), [81]);
  assert.deepEqual(timesNamedIn('Between 2:05 and 00:00:10.5, and again at 2:05?', span), [10.5, 125]);
  assert.deepEqual(timesNamedIn('What happens at 01:00:00.0?', span), []);
  assert.deepEqual(timesNamedIn('Does a red star appear at any time in the video?', span), []);
  assert.deepEqual(timesNamedIn('Version 1.2.3 from 2024-05-06', span), []);
  assert.deepEqual(timesNamedIn(undefined, span), []);
});

test('anchorSamples: the nearest sample moves to each named time; the count and order hold', () => {
  const samples = [0, 10, 20, 30].map((time) => ({ time }));
  assert.deepEqual(anchorSamples(samples, [12]).map((s) => s.time), [0, 12, 20, 30]);
  // Two named times near one sample: the second takes the next nearest.
  assert.deepEqual(anchorSamples(samples, [11, 12]).map((s) => s.time), [0, 11, 12, 30]);
  assert.deepEqual(anchorSamples(samples, []).map((s) => s.time), [0, 10, 20, 30]);
});

test('auto: a question naming a time gets a close look at it — one frame at the source size within an eighth of the tokens — and coverage frames elsewhere', async () => {
  const info = video(240);
  const budget = { maxVisualTokens: 16_000, span: { start: 0, end: 240 } };
  const plain = await planForVideo(info, { ...budget, question: 'Does a red star appear at any time in the video?' }, profile, { strategy: 'auto' });
  const timed = await planForVideo(info, { ...budget, question: 'What colour is the square on screen at 00:01:21.3?' }, profile, { strategy: 'auto' });
  assert.equal(plain.strategy, 'packed');
  assert.equal(timed.strategy, 'question-times');
  const times = timed.items.map((item) => (item.kind === 'frame' ? item.time : -1));
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  const zoom = timed.items.find((item) => item.kind === 'frame' && item.time === 81.3);
  assert.ok(zoom && zoom.kind === 'frame', `no frame at 81.3 in ${times.join(', ')}`);
  assert.deepEqual([zoom.width, zoom.height], [1280, 720]);
  assert.equal(zoom.tokens, profile.imageTokens(1280, 720));
  assert.ok(zoom.tokens <= 16_000 / 8);
  const coverage = timed.items.filter((item) => item !== zoom);
  assert.ok(coverage.length >= 60, String(coverage.length));
  for (const item of coverage) assert.ok(item.kind === 'frame' && item.width < 1280 / 2, JSON.stringify(item));
  assert.ok(timed.estimate.images <= 64 && timed.estimate.visualTokens <= 16_000);
});

test('question-times anchors a coverage frame at the named time when no close look is affordable', async () => {
  const info = video(240);
  // 8 images and 800 tokens: an eighth is 100 tokens, not twice a coverage frame's size.
  const timed = await planForVideo(info, { maxVisualTokens: 800, maxImages: 8, span: { start: 0, end: 240 }, question: 'What colour is the square on screen at 00:01:21.3?' }, profile, { strategy: 'question-times' });
  const uniform = await planForVideo(info, { maxVisualTokens: 800, maxImages: 8, span: { start: 0, end: 240 } }, profile, { strategy: 'uniform' });
  assert.equal(timed.items.length, uniform.items.length);
  assert.equal(timed.estimate.visualTokens, uniform.estimate.visualTokens);
  assert.ok(timed.items.some((item) => item.kind === 'frame' && item.time === 81.3));
});
