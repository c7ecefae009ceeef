/**
 * `fps`: a fixed rate (frames per second) over the span, `t = start + k / rate`, with an optional cap;
 * when the cap is reached the rate is lowered so the samples still cover the whole span.
 */

import { z } from 'zod';
import { defineSampler } from './sampler.js';

export const fpsSampler = defineSampler({
  id: 'fps',
  description: 'A fixed rate of frames per second over the span; --max-frames lowers the rate to fit.',
  options: z.object({
    fps: z.number().positive().max(240),
    maxFrames: z.number().int().min(1).optional(),
  }),
  async sample({ span }, { fps, maxFrames }) {
    const length = span.end - span.start;
    let count = Math.max(1, Math.ceil(length * fps - 1e-9));
    let interval = 1 / fps;
    if (maxFrames !== undefined && count > maxFrames) {
      count = maxFrames;
      interval = length / count;
    }
    return Array.from({ length: count }, (_, k) => ({ time: span.start + k * interval }));
  },
});
