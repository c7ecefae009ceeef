/**
 * `planVisualBudget(input, budget, profile)`: decides what visual evidence a question gets within a
 * budget — which frames or grids, at what size, or the native video — and explains the result: the
 * estimate, the limit that binds and how much of it is used, and warnings. It never exceeds the model's
 * image cap or the budget (checked here, whatever the strategy did), uses at least 80% of the binding
 * limit or says why not, and when the requested minimum density cannot be met says so and suggests
 * memory mode instead of truncating silently.
 */

import type { ArtifactCache } from '../core/artifact-cache.js';
import { MediaError, ReelmError } from '../core/errors.js';
import type { ProgressReporter } from '../core/progress.js';
import { clampSpan } from '../core/time.js';
import { probe } from '../media/probe.js';
import type { VideoInfo } from '../media/video-info.js';
import type { Embedder } from '../models/embedder.js';
import type { ModelProfile } from '../models/profile.js';
import { inputUsd, resolvePlanLimits } from './budget-limits.js';
import { utilisationOf } from './fit-frames.js';
import { resolveStrategy } from './strategies/index.js';
import type { PlannedItem, VisualBudget, VisualPlan } from './visual-plan.js';

export interface PlanOptions {
  strategy?: string;
  maxOutputTokens?: number;
  embedder?: Embedder;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  cache?: ArtifactCache | null;
}

function framesIn(item: PlannedItem): number {
  return item.kind === 'frame' ? 1 : item.kind === 'grid' ? item.times.length : item.frames;
}

/**
 * Plans the visual evidence for one request.
 * @example
 * const plan = await planVisualBudget('talk.mp4', { maxVisualTokens: 20_000 }, resolveProfile('openai:gpt-4o'));
 * for (const item of plan.items) console.log(item.kind, item.tokens);
 */
export async function planVisualBudget(input: string, budget: VisualBudget, profile: ModelProfile, options: PlanOptions = {}): Promise<VisualPlan> {
  const info = await probe(input, { signal: options.signal, cache: options.cache });
  return planForVideo(info, budget, profile, options);
}

/** The same for a video already probed (`info.path` is read only by strategies that scan the video). */
export async function planForVideo(info: VideoInfo, budget: VisualBudget, profile: ModelProfile, options: PlanOptions = {}): Promise<VisualPlan> {
  const input = info.path;
  if (!info.video) throw new MediaError(input, 'no-video-stream', 'has no video stream; there is nothing to plan visual evidence from.');
  const whole = { start: 0, end: info.duration };
  const span = budget.span ? clampSpan(budget.span, info.duration) : whole;
  if (!span) throw new MediaError(input, 'out-of-range', `the span lies outside the video (0–${info.duration.toFixed(2)} s).`);
  const limits = resolvePlanLimits(budget, profile, options.maxOutputTokens);
  const context = { input, info, span, profile, limits, budget, embedder: options.embedder, signal: options.signal, onProgress: options.onProgress, cache: options.cache };
  const strategy = resolveStrategy(options.strategy ?? 'auto', context);
  const result = await strategy.plan(context);

  const images = result.items.filter((item) => item.kind !== 'video').length;
  const visualTokens = result.items.reduce((total, item) => total + item.tokens, 0);
  const usd = inputUsd(profile, visualTokens);
  const frames = result.items.reduce((total, item) => total + framesIn(item), 0);
  const length = span.end - span.start;
  // The guarantee, enforced here rather than trusted to each strategy.
  if (images > limits.images || visualTokens > limits.visualTokens || (limits.usd !== null && (usd ?? 0) > limits.usd + 1e-9)) {
    throw new ReelmError(`strategy ${strategy.id} planned ${images} images / ${visualTokens} tokens beyond the limits (${limits.images} images, ${limits.visualTokens} tokens); this is a bug.`);
  }

  const warnings = [...(result.warnings ?? [])];
  const tokensEach = images > 0 ? visualTokens / Math.max(1, result.items.length) : 0;
  let utilisation: number | null;
  if (result.binding === 'images') utilisation = images / limits.images;
  else if (result.binding === 'visual-tokens') utilisation = Number.isFinite(limits.visualTokens) ? visualTokens / limits.visualTokens : null;
  else if (result.binding === 'usd') utilisation = limits.usd ? (usd ?? 0) / limits.usd : null;
  else utilisation = utilisationOf(result.items.length, tokensEach, 'images', limits, profile);
  if (utilisation !== null && utilisation < 0.8) {
    const limitName = { images: 'image', 'visual-tokens': 'visual-token', usd: 'money', context: 'context', 'distinct-frames': 'image', strategy: 'image' }[result.binding];
    warnings.push(`the plan uses ${(utilisation * 100).toFixed(0)}% of the ${limitName} limit: ${result.shortfallReason ?? 'image sizes come in steps'}.`);
  }
  const density = length > 0 ? frames / length : 0;
  if (budget.minDensity !== undefined && density + 1e-9 < budget.minDensity) {
    warnings.push(
      `the budget covers ${density.toFixed(3)} frames per second, below the requested ${budget.minDensity}; ` +
        `raise --max-visual-tokens/--max-images, narrow --span, or index the video and ask in memory mode.`,
    );
  }
  return {
    strategy: strategy.id,
    family: profile.family,
    span,
    items: result.items,
    estimate: { images, frames, visualTokens, usd, density },
    limits: { images: limits.images, visualTokens: limits.visualTokens, usd: limits.usd },
    binding: result.binding,
    utilisation,
    warnings,
  };
}
