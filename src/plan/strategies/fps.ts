/**
 * `fps`: a fixed rate (1 frame per second unless the budget says less), capped by the budget: when the
 * limits allow fewer frames, the rate drops so the frames still span the whole video.
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { planFrames } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

export const fpsRate = 1;

export const fpsStrategy: PlanStrategy = {
  id: 'fps',
  description: `A fixed ${fpsRate} frame per second, the rate lowered when the budget allows fewer frames.`,
  scansVideo: false,
  plan(context) {
    const wanted = Math.max(1, Math.ceil((context.span.end - context.span.start) * fpsRate));
    return planFrames(
      context,
      wanted,
      (count) => sampleTimes('fps', { fps: fpsRate, maxFrames: count }, { input: context.input, info: context.info, span: context.span }),
      `at ${fpsRate} frame per second the span needs only ${wanted} frames`,
    );
  },
};
