/**
 * One plan for a task that asked several requests (a coarse pass and its refinements): the items of
 * every request in order, the totals summed, and the utilisation measured against the task's whole
 * budget — so a result's plan shows all the evidence the task paid for, not only its first request.
 */

import type { TimeSpan } from '../core/time.js';
import type { VisualPlan } from './visual-plan.js';

export interface CombinedPlanOptions {
  /** The id the combined plan goes by (the procedure that made the requests). */
  strategy: string;
  /** The span the whole task searched. */
  span: TimeSpan;
  /** The task's total visual-token budget across all requests (null: none was set). */
  totalVisualTokens: number | null;
}

/**
 * @example combinePlans([coarse, startWindow, endWindow], { strategy: 'coarse-to-fine', span, totalVisualTokens: 16_000 }).estimate.visualTokens
 */
export function combinePlans(plans: readonly VisualPlan[], options: CombinedPlanOptions): VisualPlan {
  const first = plans[0];
  if (!first) throw new RangeError('combinePlans needs at least one plan.');
  const sum = (pick: (plan: VisualPlan) => number): number => plans.reduce((total, plan) => total + pick(plan), 0);
  const visualTokens = sum((plan) => plan.estimate.visualTokens);
  const frames = sum((plan) => plan.estimate.frames);
  const usds = plans.map((plan) => plan.estimate.usd);
  const usd = usds.every((value) => value === null) ? null : usds.reduce<number>((total, value) => total + (value ?? 0), 0);
  const length = options.span.end - options.span.start;
  const limitTokens = options.totalVisualTokens ?? first.limits.visualTokens;
  return {
    strategy: options.strategy,
    family: first.family,
    span: options.span,
    items: plans.flatMap((plan) => plan.items),
    estimate: { images: sum((plan) => plan.estimate.images), frames, visualTokens, usd, density: length > 0 ? frames / length : 0 },
    limits: { images: first.limits.images, visualTokens: limitTokens, usd: first.limits.usd },
    binding: 'visual-tokens',
    utilisation: Number.isFinite(limitTokens) && limitTokens > 0 ? visualTokens / limitTokens : null,
    warnings: [...new Set(plans.flatMap((plan) => plan.warnings))],
  };
}
