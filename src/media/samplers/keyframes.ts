/**
 * `keyframes`: the keyframes inside the span, from the packet index (no decoding to choose them).
 * With `maxFrames`, an evenly spaced subset.
 */

import { z } from 'zod';
import { defineSampler } from './sampler.js';

export const keyframesSampler = defineSampler({
  id: 'keyframes',
  description: 'The keyframes inside the span (read from packet flags); --max-frames keeps an even subset.',
  options: z.object({ maxFrames: z.number().int().min(1).optional() }),
  async sample({ info, span }, { maxFrames }) {
    const times = (info.video?.keyframeTimes ?? []).filter((time) => time >= span.start - 1e-9 && time < span.end);
    if (maxFrames === undefined || times.length <= maxFrames) {
      return times.map((time, i) => ({ time, represents: { start: time, end: times[i + 1] ?? span.end } }));
    }
    return Array.from({ length: maxFrames }, (_, i) => ({ time: times[Math.floor(((i + 0.5) * times.length) / maxFrames)]! }));
  },
});
