/**
 * `scene-aware`: every shot gets a frame before any shot gets a second one; left-over frames go to the
 * longest shots, spread evenly within each. Shots come from the media layer's scene detection (a decode
 * pass at 160 px, cached by content hash).
 */

import { detectSceneCuts } from '../../media/scenes.js';
import { planFrames, usefulFrameCount } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

/** Splits `count` frames over shots: one each (longest first when too few), the rest by length. */
export function allocateFramesToShots(shots: Array<{ start: number; end: number }>, count: number): number[] {
  const allocation = shots.map(() => 0);
  const byLength = shots.map((shot, i) => ({ i, length: shot.end - shot.start })).sort((a, b) => b.length - a.length);
  for (let k = 0; k < Math.min(count, shots.length); k++) allocation[byLength[k]!.i] = 1;
  for (let left = count - shots.length; left > 0; left--) {
    // Give the next frame to the shot whose frames currently cover the most time each.
    let best = 0;
    for (let i = 1; i < shots.length; i++) {
      const share = (shots[i]!.end - shots[i]!.start) / (allocation[i]! + 1);
      const bestShare = (shots[best]!.end - shots[best]!.start) / (allocation[best]! + 1);
      if (share > bestShare) best = i;
    }
    allocation[best]!++;
  }
  return allocation;
}

export const sceneAwareStrategy: PlanStrategy = {
  id: 'scene-aware',
  description: 'One frame per shot first, extra frames to the longest shots (scans the video for cuts).',
  scansVideo: true,
  async plan(context) {
    const cuts = await detectSceneCuts(context.input, context.info, { span: context.span, signal: context.signal, onProgress: context.onProgress, cache: context.cache });
    const bounds = [context.span.start, ...cuts, context.span.end];
    const shots = bounds.slice(0, -1).map((start, i) => ({ start, end: bounds[i + 1]! }));
    const result = await planFrames(
      context,
      Math.max(usefulFrameCount(context), 1),
      async (count) => {
        const allocation = allocateFramesToShots(shots, count);
        return shots.flatMap((shot, i) =>
          Array.from({ length: allocation[i]! }, (_, k) => ({
            time: shot.start + ((shot.end - shot.start) * (k + 0.5)) / allocation[i]!,
            represents: shot,
          })),
        );
      },
      'the span is short for its number of shots',
    );
    if (result.items.length < shots.length) {
      (result.warnings ??= []).push(`${shots.length} shots but room for ${result.items.length} frames: the shortest shots are not shown.`);
    }
    return result;
  },
};
