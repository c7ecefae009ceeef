/**
 * `representedSpan`: a frame signal's span becomes what the keyframes inside it represent; the next
 * analysed frame at the span's end is not inside; spans with no keyframe, or of zero length, are kept;
 * applying it twice changes nothing.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { representedSpan, type RepresentingKeyframe } from '../../../../src/memory/ingest/stages/represented-span.js';

const keyframes: RepresentingKeyframe[] = [
  { time: 12, represents: { start: 0, end: 30 } },
  { time: 34, represents: { start: 30, end: 40 } },
  { time: 47, represents: { start: 40, end: 55 } },
];

test('a slide shown 30–40 s with its keyframe at 34 s is stored over 30–40 s, not 34–47 s', () => {
  assert.deepEqual(representedSpan({ start: 34, end: 47 }, keyframes), { start: 30, end: 40 });
});

test('a span over several keyframes takes the union of what they represent', () => {
  assert.deepEqual(representedSpan({ start: 12, end: 55 }, keyframes), { start: 0, end: 55 });
  assert.deepEqual(representedSpan({ start: 12, end: 47 }, keyframes), { start: 0, end: 40 });
});

test('spans with no keyframe inside, and zero-length spans, are kept as they are', () => {
  assert.deepEqual(representedSpan({ start: 13, end: 20 }, keyframes), { start: 13, end: 20 });
  assert.deepEqual(representedSpan({ start: 34, end: 34 }, keyframes), { start: 34, end: 34 });
  assert.deepEqual(representedSpan({ start: 34, end: 47 }, []), { start: 34, end: 47 });
});

test('idempotent: a corrected span maps to itself', () => {
  const corrected = representedSpan({ start: 34, end: 47 }, keyframes);
  assert.deepEqual(representedSpan(corrected, keyframes), corrected);
});
