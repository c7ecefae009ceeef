/**
 * `fps`: a fixed rate (1 frame per second, or the budget's `fps`), capped by the budget: when the limits
 * allow fewer frames, the rate drops so the frames still span the whole video.
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { planFrames } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

export const fpsRate = 1;

export const fpsStrategy: PlanStrategy = {
  id: 'fps',
  description: `A fixed rate (${fpsRate} frame per second unless the budget's fps says otherwise), lowered when the budget allows fewer frames.`,
  scansVideo: false,
  plan(context) {
    const rate = context.budget.fps ?? fpsRate;
    const wanted = Math.max(1, Math.ceil((context.span.end - context.span.start) * rate - 1e-9));
    return planFrames(
      context,
      wanted,
      (count) => sampleTimes('fps', { fps: rate, maxFrames: count }, { input: context.input, info: context.info, span: context.span }),
      `at ${rate} frames per second the span needs only ${wanted} frames`,
    );
  },
};
