/**
 * `uniform`: frames evenly spread over the span, as many and as large as the budget allows
 * (up to two per second of video).
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { maxUsefulDensity, planFrames, usefulFrameCount } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

export const uniformStrategy: PlanStrategy = {
  id: 'uniform',
  description: 'Frames evenly spread over the span, as many and as large as the budget allows.',
  scansVideo: false,
  plan(context) {
    return planFrames(
      context,
      usefulFrameCount(context),
      (count) => sampleTimes('uniform', { count }, { input: context.input, info: context.info, span: context.span }),
      `the span is short: ${maxUsefulDensity} frames per second is the most that adds information`,
    );
  },
};
