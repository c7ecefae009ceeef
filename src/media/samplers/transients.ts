/**
 * `transients`: the moments where something is on screen only briefly — a thing that appears and is
 * gone again, or crosses the view quickly. Evenly spread frames catch what stays long; a thing that
 * stays a second or two falls between them, and these moments are where to look for it (a needle in
 * the haystack, a fast mover, a flash).
 *
 * Candidates at a fixed rate are decoded as small grayscale thumbnails and averaged over blocks (so
 * sensor noise and texture cancel out). At each candidate, for a few time scales w, each block is
 * compared with the same block w before and w after: it is transient when it differs from both while
 * those two agree with each other (score = the smaller of its two differences minus theirs, 0–255; the
 * picture's score is its largest block's). A step change (something arrives and stays) differs from one
 * side only, so it scores low; a steady pan makes the neighbours disagree too. Peaks are
 * candidates that are the highest within a second either side; those near a time already looked at
 * (`avoid`) are passed over, and the strongest `count` are returned in time order.
 *
 * The comparison is written here rather than taken from a package: the decoder already delivers the
 * small gray frames, and no library scores transients over time.
 */

import { z } from 'zod';
import { decodeFrames } from '../decode/decode-frames.js';
import { fpsSampler } from './fps.js';
import { defineSampler } from './sampler.js';

/** Averages a gray image over `block`×`block` squares (the remainder at the edges is dropped). */
export function blockMeans(image: Uint8Array, width: number, height: number, block: number): Float32Array {
  const columns = Math.max(1, Math.floor(width / block));
  const rows = Math.max(1, Math.floor(height / block));
  const means = new Float32Array(columns * rows);
  const area = block * block;
  for (let y = 0; y < Math.min(height, rows * block); y++) {
    for (let x = 0; x < Math.min(width, columns * block); x++) means[Math.floor(y / block) * columns + Math.floor(x / block)]! += image[y * width + x]! / area;
  }
  return means;
}

/**
 * How transient one picture is against the pictures before and after it, block by block: the most any
 * block differs from both neighbours beyond how much the neighbours differ there. Block by block, so a
 * thing flashing in one corner counts while something else moves in another.
 */
export function transientScore(picture: Float32Array, before: Float32Array, after: Float32Array): number {
  let largest = 0;
  for (let i = 0; i < picture.length; i++) {
    const value = picture[i]!;
    const score = Math.min(Math.abs(value - before[i]!), Math.abs(value - after[i]!)) - Math.abs(before[i]! - after[i]!);
    if (score > largest) largest = score;
  }
  return largest;
}

/**
 * The transient score of each picture: the largest over the scales (in pictures); 0 where a neighbour is missing.
 * @example transientScores([quiet, flash, quiet], [1]) // [0, high, 0]
 */
export function transientScores(pictures: readonly Float32Array[], scales: readonly number[]): number[] {
  return pictures.map((picture, i) => Math.max(0, ...scales.map((w) => {
    const before = pictures[i - w];
    const after = pictures[i + w];
    return before && after ? transientScore(picture, before, after) : 0;
  })));
}

/** Indices that are the highest score within `radius` either side (the earlier one on ties) and above `minimum`. */
export function scorePeaks(scores: readonly number[], radius: number, minimum: number): number[] {
  return scores.flatMap((score, i) => {
    if (score <= minimum) return [];
    for (let j = Math.max(0, i - radius); j <= Math.min(scores.length - 1, i + radius); j++) {
      if (scores[j]! > score || (scores[j] === score && j < i)) return [];
    }
    return [i];
  });
}

export const transientsSampler = defineSampler({
  id: 'transients',
  description: 'Moments where something is on screen only briefly (decodes small gray frames at --fps).',
  options: z.object({
    /** At most this many moments, the strongest. */
    count: z.number().int().min(1).default(32),
    fps: z.number().positive().max(10).default(2),
    maxCandidates: z.number().int().min(3).default(7200),
    /** Longest side of the thumbnails, pixels. */
    size: z.number().int().min(16).max(512).default(96),
    /** Seconds before and after each candidate it is compared with. */
    scales: z.array(z.number().positive()).min(1).default([1, 2, 4]),
    /** Scores (0–255) at or under this are not transients. */
    minimumScore: z.number().min(0).max(255).default(8),
    /** Times already looked at: moments within `avoidWithin` seconds of one are passed over. */
    avoid: z.array(z.number()).default([]),
    avoidWithin: z.number().min(0).default(0.5),
  }),
  async sample(context, { count, fps, maxCandidates, size, scales, minimumScore, avoid, avoidWithin }) {
    const candidates = await fpsSampler.sample(context, { fps, maxFrames: maxCandidates });
    if (candidates.length < 3) return [];
    const { frames } = await decodeFrames(
      context.input,
      candidates.map((candidate) => candidate.time),
      { format: 'gray', size, signal: context.signal, onProgress: context.onProgress, cache: context.cache },
    );
    const interval = candidates.length > 1 ? candidates[1]!.time - candidates[0]!.time : 1 / fps;
    const pictures = frames.map((frame) => blockMeans(frame.image, frame.width, frame.height, 4));
    const steps = [...new Set(scales.map((seconds) => Math.max(1, Math.round(seconds / interval))))];
    const scores = transientScores(pictures, steps);
    const peaks = scorePeaks(scores, Math.max(1, Math.round(1 / interval)), minimumScore)
      .filter((index) => avoid.every((time) => Math.abs(time - frames[index]!.requestedTime) >= avoidWithin));
    const strongest = peaks.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, count).sort((a, b) => a - b);
    return strongest.map((index) => ({ time: frames[index]!.requestedTime }));
  },
});
