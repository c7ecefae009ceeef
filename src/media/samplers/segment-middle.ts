/**
 * `segment-middle`: the middle frame of each of N equal segments, as InternVL and MVBench choose frames:
 * `seg = frames / N; index_i = int(start + seg / 2 + seg * i)` over the frame indices of the span.
 */

import { z } from 'zod';
import { defineSampler } from './sampler.js';

export const segmentMiddleSampler = defineSampler({
  id: 'segment-middle',
  description: 'The middle frame of each of N equal segments (the InternVL / MVBench rule).',
  options: z.object({ count: z.number().int().min(1).max(100_000) }),
  async sample({ info, span }, { count }) {
    const video = info.video;
    if (!video) return [];
    const fps = video.averageFps || video.nominalFps || 1;
    const firstIndex = Math.max(0, Math.round((span.start - video.firstFrameTime) * fps));
    const lastIndex = Math.min(video.frameCount - 1, Math.round((span.end - video.firstFrameTime) * fps) - 1);
    const frames = Math.max(1, lastIndex - firstIndex + 1);
    const segment = frames / count;
    return Array.from({ length: count }, (_, i) => {
      const index = firstIndex + Math.trunc(segment / 2 + segment * i);
      return { time: video.firstFrameTime + Math.min(index, lastIndex) / fps };
    });
  },
});
