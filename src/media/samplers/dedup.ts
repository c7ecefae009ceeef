/**
 * `dedup`: redundancy merging. Candidates at a fixed rate are decoded as tiny grayscale thumbnails and
 * consecutive near-identical ones are collapsed into runs; each run keeps its middle frame and says
 * which span it stands for. Similarity is the mean absolute difference of the thumbnails (0–255),
 * compared with the run's first frame so slow drift still starts a new run.
 *
 * The thumbnail comparison is written here rather than taken from a perceptual-hash package: the
 * decoder already delivers the small gray frames, and the measure is a few lines.
 */

import { z } from 'zod';
import { decodeFrames } from '../decode/decode-frames.js';
import { fpsSampler } from './fps.js';
import { defineSampler } from './sampler.js';

/** Mean absolute difference of two equally sized gray images, 0 (same) to 255. */
export function meanAbsoluteDifference(a: Uint8Array, b: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs(a[i]! - b[i]!);
  return a.length === 0 ? 0 : total / a.length;
}

export const dedupSampler = defineSampler({
  id: 'dedup',
  description: 'Candidates at --fps, runs of near-identical frames collapsed to one frame each.',
  options: z.object({
    fps: z.number().positive().max(30).default(1),
    maxCandidates: z.number().int().min(2).default(3600),
    /** Mean absolute difference (0–255) under which two thumbnails count as the same picture. */
    threshold: z.number().min(0).max(255).default(6),
  }),
  async sample(context, { fps, maxCandidates, threshold }) {
    const candidates = await fpsSampler.sample(context, { fps, maxFrames: maxCandidates });
    const { frames } = await decodeFrames(
      context.input,
      candidates.map((candidate) => candidate.time),
      { format: 'gray', size: 32, signal: context.signal, onProgress: context.onProgress, cache: context.cache },
    );
    const runs: Array<{ first: number; last: number }> = [];
    frames.forEach((frame, i) => {
      const run = runs.at(-1);
      if (run && meanAbsoluteDifference(frames[run.first]!.image, frame.image) <= threshold) run.last = i;
      else runs.push({ first: i, last: i });
    });
    return runs.map((run, r) => {
      const middle = frames[(run.first + run.last) >> 1]!;
      const next = runs[r + 1];
      return {
        time: middle.requestedTime,
        represents: {
          start: r === 0 ? context.span.start : frames[run.first]!.requestedTime,
          end: next ? frames[next.first]!.requestedTime : context.span.end,
        },
      };
    });
  },
});
