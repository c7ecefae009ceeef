/**
 * The shared shape of strategies that send single frames: decide how many frames are worth having,
 * fit count and size into the limits, then ask a sampler for that many times. Used by `uniform`,
 * `fps`, `scene-aware`, `merged` and `question-guided`, which differ only in how they choose times.
 */

import type { SampledTime } from '../../media/samplers/index.js';
import { fitImages } from '../fit-frames.js';
import type { PlannedFrame } from '../visual-plan.js';
import type { PlanContext, StrategyResult } from './strategy.js';

/** Beyond this many frames per second, more frames mostly repeat each other; spend budget on size instead. */
export const maxUsefulDensity = 2;

/** Frames available in the span: the video's frames there, and no more than the useful density allows. */
export function usefulFrameCount(context: PlanContext): number {
  const video = context.info.video;
  const length = context.span.end - context.span.start;
  const inSpan = video ? Math.max(1, Math.round((length / Math.max(context.info.duration, 1e-9)) * video.frameCount)) : 1;
  return Math.max(1, Math.min(inSpan, Math.ceil(length * maxUsefulDensity)));
}

export async function planFrames(
  context: PlanContext,
  wanted: number,
  chooseTimes: (count: number) => Promise<SampledTime[]>,
  wantedReason: string,
): Promise<StrategyResult> {
  const video = context.info.video;
  const fit = fitImages(context.profile, context.limits, {
    wanted,
    sourceWidth: video?.width ?? 640,
    sourceHeight: video?.height ?? 360,
    ...(context.budget.maxImageSide !== undefined ? { maxSide: context.budget.maxImageSide } : {}),
  });
  if (!fit) return { items: [], binding: 'visual-tokens', shortfallReason: 'not even one image of the smallest useful size fits the limits' };
  const times = (await chooseTimes(fit.count)).slice(0, fit.count);
  const items: PlannedFrame[] = times.map((sample) => ({
    kind: 'frame',
    time: sample.time,
    ...(sample.represents ? { represents: sample.represents } : {}),
    width: fit.width,
    height: fit.height,
    tokens: fit.tokensEach,
  }));
  const binding = times.length < fit.count ? 'distinct-frames' : fit.binding;
  return { items, binding, ...(binding === 'strategy' || binding === 'distinct-frames' ? { shortfallReason: wantedReason } : {}) };
}
