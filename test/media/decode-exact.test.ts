/**
 * Pixel identity: for a B-frame clip and rotated clips, the frame reelm delivers in exact mode is
 * byte-identical to the one ffmpeg itself produces for the frame a player shows at t, found by its
 * index N in presentation order (from the frames ffprobe decodes) and extracted with
 * `select=eq(n\,N),scale=W:H:flags=bicubic,format=rgb24` under ffmpeg's default autorotation.
 * Both decode paths are checked, at full size and scaled down.
 */

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { catalogMedia, type CatalogCaseName } from '../support/media-catalog.js';
import { decodedFrameTimes, frameIndexShownAt, referenceFramesRgb } from '../support/media-reference.js';

const cases: ReadonlyArray<{ name: CatalogCaseName; times: readonly number[] }> = [
  // Keyframes at 0, 2, 4, 6 s; times on a keyframe, on B-frames, between frames and on the last frame.
  { name: 'constant-fps', times: [0, 0.05, 0.5, 1.99, 2, 2.13, 3.3, 4.07, 5.555, 6.01, 7.96] },
  { name: 'b-frames', times: [0.04, 0.09, 0.123, 1.72, 2.2, 3.99] },
  { name: 'rotated-90', times: [0, 0.37, 1.08, 2.5, 3.97] },
  { name: 'rotated-270', times: [0.2, 1.5, 3.03] },
];

/** How many leading bytes differ, for a readable failure. */
function firstDifference(a: Uint8Array, b: Uint8Array): string {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  let count = 0;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      count++;
      if (first < 0) first = i;
    }
  }
  return `${count} of ${a.length} bytes differ, first at ${first}`;
}

for (const { name, times } of cases) {
  describe(`exact frames of ${name} match ffmpeg pixel for pixel`, () => {
    let file = '';
    let frameTimes: number[] = [];
    before(async () => {
      file = await catalogMedia(name);
      frameTimes = await decodedFrameTimes(file);
    });

    for (const decoder of ['stream', 'seek'] as const) {
      for (const size of [384, 160]) {
        test(`${decoder} decoder, longest side ${size}`, { timeout: 120_000 }, async () => {
          const result = await decodeFrames(file, times, { format: 'rgb', mode: 'exact', decoder, size, cache: null });
          assert.equal(result.decoder, decoder);
          assert.equal(result.frames.length, times.length);
          const { width, height } = result.frames[0]!;
          const indices = result.frames.map((frame) => frameIndexShownAt(frameTimes, frame.requestedTime));
          // Neighbours too: the check must be able to tell one frame from the next.
          const references = await referenceFramesRgb(file, [...indices, ...indices.map((n) => n + 1).filter((n) => n < frameTimes.length)], width, height);
          result.frames.forEach((frame, i) => {
            const n = indices[i]!;
            assert.ok(Math.abs(frame.time - frameTimes[n]!) < 1e-6, `@${frame.requestedTime}: delivered ${frame.time} s, a player shows frame ${n} at ${frameTimes[n]} s`);
            assert.deepEqual([frame.width, frame.height], [width, height]);
            const reference = references.get(n)!;
            const next = references.get(n + 1);
            if (next) assert.ok(!next.equals(reference), `frames ${n} and ${n + 1} differ, so identity proves which frame came back`);
            assert.ok(
              Buffer.from(frame.image).equals(reference),
              `@${frame.requestedTime} s (frame ${n}, ${frame.width}×${frame.height}): ${firstDifference(frame.image, reference)}`,
            );
          });
        });
      }
    }
  });
}
