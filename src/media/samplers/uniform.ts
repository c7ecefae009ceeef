/**
 * `uniform`: N times spread evenly over the span in seconds — the middle of N equal parts by default,
 * or from start to end inclusive with `includeLast` (both ends of the span are then sampled).
 */

import { z } from 'zod';
import { defineSampler } from './sampler.js';

export const uniformSampler = defineSampler({
  id: 'uniform',
  description: 'N times evenly spread over the span (centres of N equal parts; --include-last spans start to end).',
  options: z.object({
    count: z.number().int().min(1).max(100_000),
    includeLast: z.boolean().default(false),
  }),
  async sample({ span }, { count, includeLast }) {
    const length = span.end - span.start;
    if (includeLast && count > 1) {
      // The span is half-open; "the last" is the last frame, found by the decoder at the span's end.
      return Array.from({ length: count }, (_, i) => ({ time: span.start + (length * i) / (count - 1) }));
    }
    return Array.from({ length: count }, (_, i) => ({ time: span.start + (length * (i + 0.5)) / count }));
  },
});
