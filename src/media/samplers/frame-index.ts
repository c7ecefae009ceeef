/**
 * `frame-index`: reproduces the Python evaluation harnesses, which pick frames by index with
 * `np.linspace(0, total_frames - 1, N, dtype=int)` (truncation, not rounding) and then read frame i.
 * Times are the presentation times of those frames in the packet index, so the decoder delivers exactly
 * the frames the harness would have read. With a span, indices run over the frames inside it.
 */

import { z } from 'zod';
import { defineSampler } from './sampler.js';

/** `np.linspace(first, last, count).astype(int)`, reproduced with the same floating-point steps. */
export function linspaceIndices(first: number, last: number, count: number): number[] {
  if (count === 1) return [first];
  const step = (last - first) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.trunc(i === count - 1 ? last : first + i * step));
}

export const frameIndexSampler = defineSampler({
  id: 'frame-index',
  description: 'N frames by index, as np.linspace(0, frames-1, N).astype(int) in the Python harnesses.',
  options: z.object({
    count: z.number().int().min(1).max(100_000),
    /** When false, the last index is excluded, as `linspace(..., endpoint=False)` does. */
    includeLast: z.boolean().default(true),
  }),
  async sample({ info, span }, { count, includeLast }) {
    const video = info.video;
    if (!video) return [];
    // Frame times are regular enough for index→time only when the rate is constant; the decoder maps
    // each time back to the frame shown, which is the indexed frame in both cases.
    const fps = video.averageFps || video.nominalFps || 1;
    const firstIndex = Math.max(0, Math.ceil((span.start - video.firstFrameTime) * fps - 1e-9));
    const lastIndex = Math.min(video.frameCount - 1, Math.floor((span.end - video.firstFrameTime) * fps - 1e-9));
    if (lastIndex < firstIndex) return [];
    const endIndex = includeLast ? lastIndex : firstIndex + ((lastIndex - firstIndex + 1) * (count - 1)) / count;
    return linspaceIndices(firstIndex, endIndex, count).map((index) => ({ time: video.firstFrameTime + index / fps }));
  },
});
