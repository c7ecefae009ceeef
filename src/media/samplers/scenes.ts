/**
 * `scenes`: one or more frames per shot, shots found by ffmpeg's scene-change score. Each time says
 * which shot it stands for; with several frames per shot they sit at the centres of equal parts.
 */

import { z } from 'zod';
import { detectSceneCuts } from '../scenes.js';
import { defineSampler } from './sampler.js';

export const scenesSampler = defineSampler({
  id: 'scenes',
  description: 'Frames per shot, shots cut where the scene-change score exceeds --threshold.',
  options: z.object({
    threshold: z.number().min(0.01).max(1).default(0.3),
    framesPerShot: z.number().int().min(1).max(100).default(1),
    maxFrames: z.number().int().min(1).optional(),
  }),
  async sample(context, { threshold, framesPerShot, maxFrames }) {
    const { span } = context;
    const cuts = await detectSceneCuts(context.input, context.info, {
      threshold,
      span,
      signal: context.signal,
      onProgress: context.onProgress,
      cache: context.cache,
    });
    const bounds = [span.start, ...cuts, span.end];
    const samples = bounds.slice(0, -1).flatMap((start, shot) => {
      const end = bounds[shot + 1]!;
      return Array.from({ length: framesPerShot }, (_, i) => ({
        time: start + ((end - start) * (i + 0.5)) / framesPerShot,
        represents: { start, end },
      }));
    });
    if (maxFrames === undefined || samples.length <= maxFrames) return samples;
    // Too many shots for the cap: keep the longest ones, in time order.
    return [...samples]
      .sort((a, b) => b.represents.end - b.represents.start - (a.represents.end - a.represents.start))
      .slice(0, maxFrames)
      .sort((a, b) => a.time - b.time);
  },
});
