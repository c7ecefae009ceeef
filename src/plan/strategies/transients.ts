/**
 * `transients`: frames at the moments where something is on screen only briefly (the media layer's
 * `transients` sampler: a decode pass of small gray frames at 2 fps), the strongest first; when there
 * are fewer such moments than frames, the rest are spread evenly at other times. It looks where evenly
 * spread frames miss things — a search for something a first look did not see uses it, passing the
 * times that look showed (`seenTimes`) so it looks elsewhere.
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { planFrames, usefulFrameCount } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

/**
 * `count` more times in [start, end], each in turn as far as it can be from every time chosen so far
 * (farthest-point filling over a fine grid), in time order: the gaps the chosen times leave get filled first.
 * @example fillAround([2], 0, 8, 1) // [5.3…]: the middle of the largest gap, the span's ends counting half
 */
export function fillAround(chosen: readonly number[], start: number, end: number, count: number): number[] {
  if (count <= 0 || end <= start) return [];
  const steps = 8 * (count + chosen.length + 1);
  const grid = Array.from({ length: steps }, (_, k) => start + ((k + 0.5) * (end - start)) / steps);
  const taken = [...chosen];
  const added: number[] = [];
  for (let n = 0; n < count; n++) {
    let best = grid[0]!;
    let bestDistance = -1;
    for (const time of grid) {
      // The span's ends count as taken times half as far away, so the first fills start in the middle.
      const distance = Math.min(2 * (time - start), 2 * (end - time), ...taken.map((other) => Math.abs(other - time)));
      if (distance > bestDistance + 1e-9) (best = time, bestDistance = distance);
    }
    taken.push(best);
    added.push(best);
  }
  return added.sort((a, b) => a - b);
}

export const transientsStrategy: PlanStrategy = {
  id: 'transients',
  description: 'Frames where something is on screen only briefly, the rest spread evenly (scans the video at 2 fps).',
  scansVideo: true,
  async plan(context) {
    return planFrames(context, usefulFrameCount(context), async (count) => {
      const seen = context.budget.seenTimes ?? [];
      const moments = await sampleTimes('transients', { count, avoid: seen }, {
        input: context.input, info: context.info, span: context.span, signal: context.signal, onProgress: context.onProgress, cache: context.cache,
      });
      const times = moments.map((moment) => moment.time);
      const filled = fillAround([...times, ...seen], context.span.start, context.span.end, count - times.length);
      return [...times, ...filled].sort((a, b) => a - b).map((time) => ({ time }));
    }, 'the span is short: 2 frames per second is the most that adds information');
  },
};
