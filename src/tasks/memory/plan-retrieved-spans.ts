/**
 * The visual plan of a memory-mode question: each retrieved span planned on its own (the request's
 * strategy, `budget.span` set to it) with a share of the one request's limits, and the plans merged
 * into one request in time order. The shares come from the whole budget's resolved limits (images,
 * visual tokens, money, after the profile's caps and the context room), so the merged plan keeps every
 * limit the direct path would: when there are more spans than images, the best-scored spans are kept.
 */

import type { TimeSpan } from '../../core/time.js';
import type { VideoInfo } from '../../media/video-info.js';
import { resolvePlanLimits } from '../../plan/budget-limits.js';
import { planForVideo } from '../../plan/plan-visual-budget.js';
import type { BindingLimit, PlannedItem, VisualBudget, VisualPlan } from '../../plan/visual-plan.js';
import type { TaskContext, TaskRequest } from '../task.js';
import { taskBudget } from '../direct-request.js';
import type { RetrievedSpan } from './retrieve-spans.js';

export interface RetrievedPlan {
  plan: VisualPlan;
  /** The spans planned (at most one per image the budget allows), in time order. */
  spans: RetrievedSpan[];
  /** Each planned span's own plan, in the same order. */
  parts: VisualPlan[];
}

function firstTimeOf(item: PlannedItem): number {
  return item.kind === 'frame' ? item.time : item.kind === 'grid' ? (item.times[0] ?? 0) : item.span.start;
}

/** Splits `total` into `count` whole shares, the remainder going to the first ones. */
function wholeShares(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, index) => base + (index < total - base * count ? 1 : 0));
}

/**
 * @example const { plan, parts } = await planRetrievedSpans(info, retrieval.spans, request, context, 256, question);
 */
export async function planRetrievedSpans(
  info: VideoInfo,
  retrieved: readonly RetrievedSpan[],
  request: TaskRequest,
  context: TaskContext,
  maxOutputTokens: number,
  question: string,
): Promise<RetrievedPlan> {
  const profile = context.model.profile;
  const whole: TimeSpan = { start: 0, end: info.duration };
  const budget = taskBudget(request, whole, question);
  const limits = resolvePlanLimits(budget, profile, maxOutputTokens);
  // Best first, so the shares' remainders and any cut fall on the weakest spans.
  const byScore = [...retrieved].sort((a, b) => b.score - a.score || a.span.start - b.span.start).slice(0, Math.max(1, limits.images));
  const imageShares = wholeShares(limits.images, byScore.length);
  const tokenShares = wholeShares(limits.visualTokens, byScore.length);
  const planned = await Promise.all(byScore.map(async (entry, index) => {
    const share: VisualBudget = {
      ...budget,
      span: entry.span,
      maxImages: imageShares[index]!,
      maxVisualTokens: tokenShares[index]!,
      ...(limits.usd !== null ? { maxUsd: limits.usd / byScore.length } : {}),
    };
    const plan = await planForVideo(info, share, profile, {
      strategy: request.strategy ?? 'auto',
      maxOutputTokens,
      ...(context.embedder ? { embedder: context.embedder } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.onProgress ? { onProgress: context.onProgress } : {}),
      ...(context.cache === undefined ? {} : { cache: context.cache }),
    });
    return { entry, plan };
  }));
  planned.sort((a, b) => a.entry.span.start - b.entry.span.start);
  const parts = planned.map(({ plan }) => plan);
  return { plan: mergePlans(parts, limits, profile.family), spans: planned.map(({ entry }) => entry), parts };
}

/** One plan from the parts: items in time order, estimates added up, density over the spans covered. */
export function mergePlans(parts: readonly VisualPlan[], limits: VisualPlan['limits'], family: string): VisualPlan {
  const items = parts.flatMap((part) => part.items).sort((a, b) => firstTimeOf(a) - firstTimeOf(b));
  const sum = (pick: (plan: VisualPlan) => number): number => parts.reduce((total, part) => total + pick(part), 0);
  const images = sum((part) => part.estimate.images);
  const frames = sum((part) => part.estimate.frames);
  const visualTokens = sum((part) => part.estimate.visualTokens);
  const usd = parts.every((part) => part.estimate.usd === null) ? null : sum((part) => part.estimate.usd ?? 0);
  const seconds = sum((part) => part.span.end - part.span.start);
  const bindings = new Set(parts.map((part) => part.binding));
  const binding: BindingLimit = bindings.size === 1 ? [...bindings][0]! : 'strategy';
  const utilisation = binding === 'images' ? images / limits.images
    : binding === 'visual-tokens' && Number.isFinite(limits.visualTokens) ? visualTokens / limits.visualTokens
      : binding === 'usd' && limits.usd ? (usd ?? 0) / limits.usd : null;
  const strategies = [...new Set(parts.map((part) => part.strategy))].join('+');
  return {
    strategy: `memory:${strategies}`,
    family,
    span: { start: Math.min(...parts.map((part) => part.span.start)), end: Math.max(...parts.map((part) => part.span.end)) },
    items,
    estimate: { images, frames, visualTokens, usd, density: seconds > 0 ? frames / seconds : 0 },
    limits: { images: limits.images, visualTokens: limits.visualTokens, usd: limits.usd },
    binding,
    utilisation,
    warnings: [...new Set(parts.flatMap((part) => part.warnings))],
  };
}
