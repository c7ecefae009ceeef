/**
 * `native-video`: send the video itself (vLLM `video_url`, Gemini files) and let the provider sample
 * it; the plan sets the sampling rate so the provider's per-frame cost fits the budget. Only for
 * profiles that accept video natively.
 */

import { BudgetError } from '../../core/errors.js';
import { fitWithin } from '../../media/images.js';
import { countWithinLimits } from '../fit-frames.js';
import type { PlannedVideo } from '../visual-plan.js';
import { maxUsefulDensity } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

export const nativeVideoStrategy: PlanStrategy = {
  id: 'native-video',
  description: 'The video itself, for providers that take video input; the sampling rate fits the budget.',
  scansVideo: false,
  async plan(context) {
    const native = context.profile.nativeVideo;
    if (!native) throw new BudgetError(`${context.profile.family} does not take video input; choose a frame strategy (uniform, grid, …).`);
    const video = context.info.video;
    const size = fitWithin(video?.width ?? 640, video?.height ?? 360, 448);
    const perFrame = native.tokensPerFrame ? native.tokensPerFrame(size.width, size.height) : context.profile.imageTokens(size.width, size.height);
    const length = context.span.end - context.span.start;
    // Frames inside one video are not capped by the per-request image limit.
    const allowed = countWithinLimits(perFrame, { ...context.limits, images: Number.POSITIVE_INFINITY }, context.profile);
    const frames = Math.max(1, Math.min(allowed.count, Math.ceil(length * maxUsefulDensity)));
    const item: PlannedVideo = { kind: 'video', span: context.span, fps: frames / length, frames, ...size, tokens: frames * perFrame };
    return { items: [item], binding: frames < allowed.count ? 'strategy' : allowed.binding, ...(frames < allowed.count ? { shortfallReason: 'the span is short: 2 frames per second is the most that adds information' } : {}) };
  },
};
