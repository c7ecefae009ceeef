/**
 * What a task cost: requests, images and visual tokens (from the plans), input and output tokens (as
 * the provider reported them), dollars from the profile's published prices, latency, and how many
 * requests the response cache answered (those add tokens but no dollars). One accumulator shared by every task, so a hierarchical
 * summary's chunk requests and merges add up the same way a single question does.
 */

import type { GenerateResponse } from '../models/language-model.js';
import type { ModelProfile } from '../models/profile.js';
import type { VisualPlan } from '../plan/visual-plan.js';
import type { TaskUsage } from './task-result.js';

/**
 * The price of one request in US dollars from the profile's prices: reported input tokens (or, when
 * the provider reports none, the plan's visual tokens as a lower bound) plus reported output tokens.
 * Null when the profile has no prices.
 * @example requestUsd(gpt4oProfile, { inputTokens: 1000, outputTokens: 100 }, 765) // 0.0035
 */
export function requestUsd(profile: ModelProfile, tokens: { inputTokens: number | null; outputTokens: number | null }, plannedVisualTokens: number): number | null {
  if (!profile.prices) return null;
  const input = tokens.inputTokens ?? plannedVisualTokens;
  const output = tokens.outputTokens ?? 0;
  return (input * profile.prices.inputUsdPerMillion + output * profile.prices.outputUsdPerMillion) / 1e6;
}

/** Adds requests up; `finish` stamps the task's wall-clock latency. */
export class UsageMeter {
  private readonly usage: TaskUsage = { requests: 0, images: 0, visualTokens: 0, inputTokens: null, outputTokens: null, usd: null, latencyMs: 0, cachedRequests: 0 };
  private readonly startedAt = performance.now();

  constructor(private readonly profile: ModelProfile) {}

  /** Records one model request and the plan whose evidence it carried (null for a text-only merge). */
  add(response: GenerateResponse, plan: VisualPlan | null): void {
    const visualTokens = plan?.estimate.visualTokens ?? 0;
    this.usage.requests += 1;
    this.usage.images += response.usage.images;
    this.usage.visualTokens += visualTokens;
    if (response.usage.inputTokens !== null) this.usage.inputTokens = (this.usage.inputTokens ?? 0) + response.usage.inputTokens;
    if (response.usage.outputTokens !== null) this.usage.outputTokens = (this.usage.outputTokens ?? 0) + response.usage.outputTokens;
    // A request the response cache answered cost nothing this time; its tokens are still counted.
    const usd = response.fromCache ? (this.profile.prices ? 0 : null) : requestUsd(this.profile, response.usage, visualTokens);
    if (usd !== null) this.usage.usd = (this.usage.usd ?? 0) + usd;
    if (response.fromCache) this.usage.cachedRequests += 1;
  }

  finish(): TaskUsage {
    return { ...this.usage, latencyMs: Math.round(performance.now() - this.startedAt) };
  }
}
