/**
 * `packed` (pairs of same-size frames when the image cap binds before the token budget), `auto`'s
 * choice of it, and the boundary windows and refinement of a coarse-to-fine grounding search.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundaryWindows, refineSpan } from '../../src/plan/boundary-windows.js';
import { combinePlans } from '../../src/plan/combine-plans.js';
import { planForVideo } from '../../src/plan/plan-visual-budget.js';
import { patchProfile, virtualVideo } from './support/virtual-video.js';

const video = virtualVideo;

const profile = patchProfile;

test('packed: the tokens the image cap leaves buy pairs of frames at the same size, within both limits', async () => {
  const info = video(400);
  const uniform = await planForVideo(info, { maxVisualTokens: 16_000 }, profile, { strategy: 'uniform' });
  const packed = await planForVideo(info, { maxVisualTokens: 16_000 }, profile, { strategy: 'packed' });
  assert.equal(uniform.binding, 'images');
  assert.ok(packed.estimate.frames > uniform.estimate.frames, `${packed.estimate.frames} vs ${uniform.estimate.frames}`);
  assert.ok(packed.estimate.images <= 64 && packed.estimate.visualTokens <= 16_000);
  const frame = uniform.items[0]!;
  assert.equal(frame.kind, 'frame');
  const times: number[] = [];
  for (const item of packed.items) {
    if (item.kind === 'grid') {
      assert.deepEqual([item.cols, item.rows, item.times.length], [2, 1, 2]);
      assert.deepEqual([item.tileWidth, item.tileHeight], [frame.width, frame.height], 'tiles as large as the single frames');
      times.push(...item.times);
    } else if (item.kind === 'frame') {
      assert.deepEqual([item.width, item.height], [frame.width, frame.height]);
      times.push(item.time);
    }
  }
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  assert.equal(new Set(times).size, packed.estimate.frames);
});

test('auto packs only under a token budget whose image cap binds first; otherwise uniform', async () => {
  const info = video(400);
  assert.equal((await planForVideo(info, { maxVisualTokens: 16_000 }, profile)).strategy, 'packed');
  assert.equal((await planForVideo(info, { maxImages: 32 }, profile)).strategy, 'uniform', 'no token budget: nothing to spend');
  assert.equal((await planForVideo(video(20), { maxVisualTokens: 16_000 }, profile)).strategy, 'uniform', 'a short span: 2 frames a second fit as singles');
});

test('boundaryWindows: one interval around each boundary; one window for a short span; none at the edges', () => {
  const searched = { start: 0, end: 120 };
  assert.deepEqual(boundaryWindows([{ start: 40, end: 60 }], 6, searched), [
    { start: 37, end: 43, spanIndex: 0, refines: 'start' },
    { start: 57, end: 63, spanIndex: 0, refines: 'end' },
  ]);
  assert.deepEqual(boundaryWindows([{ start: 40, end: 44 }], 6, searched), [{ start: 37, end: 47, spanIndex: 0, refines: 'both' }]);
  assert.deepEqual(boundaryWindows([{ start: 0, end: 30 }, { start: 100, end: 120 }], 6, searched), [
    { start: 27, end: 33, spanIndex: 0, refines: 'end' },
    { start: 97, end: 103, spanIndex: 1, refines: 'start' },
  ]);
});

test('refineSpan: boundaries move to what the dense look saw inside each window; nothing seen moves them to its inner edge, an unread answer keeps them', () => {
  const coarse = { start: 40, end: 60 };
  const startWindow = { start: 37, end: 43, spanIndex: 0, refines: 'start' as const };
  const endWindow = { start: 57, end: 63, spanIndex: 0, refines: 'end' as const };
  assert.deepEqual(refineSpan(coarse, [{ window: startWindow, found: [{ start: 41.25, end: 43.25 }] }, { window: endWindow, found: [{ start: 56.75, end: 58.5 }] }]), { start: 41.25, end: 58.5 });
  assert.deepEqual(refineSpan(coarse, [{ window: startWindow, found: null }]), coarse);
  assert.deepEqual(refineSpan(coarse, [{ window: startWindow, found: [] }]), { start: startWindow.end, end: 60 });
  assert.deepEqual(refineSpan(coarse, [{ window: endWindow, found: [] }]), { start: 40, end: endWindow.start });
  // Seen through the whole window: the boundary is at least the window's edge.
  assert.deepEqual(refineSpan(coarse, [{ window: startWindow, found: [{ start: 30, end: 50 }] }]), { start: 37, end: 60 });
  // A refinement that would end before it starts keeps the coarse span.
  assert.deepEqual(refineSpan({ start: 40, end: 42 }, [{ window: { start: 37, end: 45, spanIndex: 0, refines: 'both' }, found: [{ start: 44, end: 44 }] }]), { start: 40, end: 42 });
});

test('combinePlans: the items of every request and totals, utilisation against the whole budget', async () => {
  const info = video(400);
  const coarse = await planForVideo(info, { maxVisualTokens: 12_000, maxImages: 48 }, profile, { strategy: 'uniform' });
  const window = await planForVideo(info, { maxVisualTokens: 4_000, span: { start: 100, end: 106 } }, profile, { strategy: 'uniform' });
  const combined = combinePlans([coarse, window], { strategy: 'coarse-to-fine (uniform)', span: { start: 0, end: 400 }, totalVisualTokens: 16_000 });
  assert.equal(combined.items.length, coarse.items.length + window.items.length);
  assert.equal(combined.estimate.visualTokens, coarse.estimate.visualTokens + window.estimate.visualTokens);
  assert.equal(combined.estimate.frames, coarse.estimate.frames + window.estimate.frames);
  assert.equal(combined.utilisation, combined.estimate.visualTokens / 16_000);
  assert.throws(() => combinePlans([], { strategy: 'x', span: { start: 0, end: 1 }, totalVisualTokens: null }), RangeError);
});
