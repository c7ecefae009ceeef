/**
 * Close looks at named moments: a question that names a time ("how many … at 00:01:32.3?") is answered
 * from that moment, and a frame sized for coverage (as small as the budget makes it) can leave small
 * or crowded objects unreadable. So each named time gets one frame at the largest size the source has
 * (up to {@link zoomMaxSide}), as long as all of them together cost at most {@link zoomShare} of the
 * visual-token limit (and of the money limit) and each is at least twice the size of a coverage frame
 * — else no zoom is worth its price, and the caller anchors coverage frames there instead.
 */

import { fitWithin } from '../../media/images.js';
import { inputUsd, type PlanLimits } from '../budget-limits.js';
import type { PlannedFrame } from '../visual-plan.js';
import type { PlanContext } from './strategy.js';

/** Largest long side a zoom frame is sent at (beyond it most providers downsize anyway). */
export const zoomMaxSide = 1280;
/** Share of the visual-token (and money) limit all zoom frames together may take. */
export const zoomShare = 1 / 8;

export interface ZoomPlan {
  frames: PlannedFrame[];
  /** The limits left for the coverage frames. */
  remaining: PlanLimits;
}

/**
 * @example planZoomFrames(context, [92.3]) // { frames: [{ kind: 'frame', time: 92.3, width: 1280, height: 720, tokens: 1196 }], remaining: … }
 */
export function planZoomFrames(context: PlanContext, named: readonly number[]): ZoomPlan | undefined {
  const { profile, limits } = context;
  const video = context.info.video;
  if (named.length === 0 || !video || limits.images <= named.length) return undefined;
  const largest = Math.min(zoomMaxSide, Math.max(video.width, video.height));
  // What a coverage frame may cost on average: a zoom must be worth at least two of them.
  const coverageTokens = limits.visualTokens / limits.images;
  for (let side = largest; side >= 224; side -= 32) {
    const size = fitWithin(video.width, video.height, side);
    const tokens = profile.imageTokens(size.width, size.height);
    const total = tokens * named.length;
    const usd = inputUsd(profile, total);
    if (tokens < 2 * coverageTokens) return undefined;
    if (total > limits.visualTokens * zoomShare) continue;
    if (limits.usd !== null && (usd ?? 0) > limits.usd * zoomShare) continue;
    const remaining: PlanLimits = {
      ...limits,
      images: limits.images - named.length,
      visualTokens: limits.visualTokens - total,
      usd: limits.usd === null ? null : limits.usd - (usd ?? 0),
    };
    const frames = named.map((time): PlannedFrame => ({ kind: 'frame', time, width: size.width, height: size.height, tokens }));
    return { frames, remaining };
  }
  return undefined;
}
