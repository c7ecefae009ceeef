/**
 * The planning-strategy registry, and `auto`, which picks among them from the video's length and the
 * model's limits (and the times a question names). Strategies that scan the video (scene-aware, merged, question-guided, transients) are chosen only
 * when asked for: their cost is a decode pass, which memory mode pays once at ingest instead.
 */

import { ConfigError } from '../../core/errors.js';
import { fpsStrategy } from './fps.js';
import { usefulFrameCount } from './frame-strategy.js';
import { gridStrategy } from './grid.js';
import { mergedStrategy } from './merged.js';
import { nativeVideoStrategy } from './native-video.js';
import { choosePackedSplit, packedStrategy } from './packed.js';
import { questionGuidedStrategy } from './question-guided.js';
import { questionTimesStrategy, timesNamedIn } from './question-times.js';
import { sceneAwareStrategy } from './scene-aware.js';
import type { PlanContext, PlanStrategy } from './strategy.js';
import { thumbnailAndSamplingStrategy } from './thumbnail-and-sampling.js';
import { transientsStrategy } from './transients.js';
import { uniformStrategy } from './uniform.js';

export const planStrategies = Object.freeze({
  uniform: uniformStrategy,
  fps: fpsStrategy,
  'scene-aware': sceneAwareStrategy,
  merged: mergedStrategy,
  'thumbnail-and-sampling': thumbnailAndSamplingStrategy,
  grid: gridStrategy,
  'question-guided': questionGuidedStrategy,
  'question-times': questionTimesStrategy,
  'native-video': nativeVideoStrategy,
  packed: packedStrategy,
  transients: transientsStrategy,
} as const satisfies Record<string, PlanStrategy>);

export type PlanStrategyId = keyof typeof planStrategies | 'auto';

/**
 * The rule, from the image cap, the token (or money) budget and the span's length — never the model id:
 * grids when a tiny image cap (≤ 8) would leave the video thinly covered; a close look at each time the
 * question names when it names any; when a token or money budget is set and the image cap binds before
 * it, frames packed in pairs so the leftover tokens buy more moments at the same size; otherwise evenly
 * spread frames.
 */
export function chooseAutomaticStrategy(context: PlanContext): PlanStrategy {
  const wanted = usefulFrameCount(context);
  if (context.limits.images < wanted && context.limits.images <= 8) return gridStrategy;
  if (timesNamedIn(context.budget.question, context.span).length > 0) return questionTimesStrategy;
  const budgeted = context.budget.maxVisualTokens !== undefined || context.budget.maxUsd !== undefined;
  if (budgeted && choosePackedSplit(context)) return packedStrategy;
  return uniformStrategy;
}

export function resolveStrategy(id: string, context: PlanContext): PlanStrategy {
  if (id === 'auto') return chooseAutomaticStrategy(context);
  if (!Object.hasOwn(planStrategies, id)) {
    throw new ConfigError('flag --strategy', `unknown strategy "${id}"; choose auto or one of ${Object.keys(planStrategies).join(', ')}.`);
  }
  return planStrategies[id as keyof typeof planStrategies];
}

export type { PlanContext, PlanStrategy, StrategyResult } from './strategy.js';
