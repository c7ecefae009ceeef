/**
 * Resolves a budget against a model profile into hard limits: images per request (the smaller of the
 * budget's and the model's), visual tokens (the budget's, and never more than the context window minus
 * room for the prompt text and the answer), and money (only when the model has prices).
 */

import { BudgetError } from '../core/errors.js';
import type { ModelProfile } from '../models/profile.js';
import type { VisualBudget } from './visual-plan.js';

export interface PlanLimits {
  images: number;
  visualTokens: number;
  usd: number | null;
  /** Tokens kept free for the instruction, any transcript, and the answer. */
  reservedTokens: number;
}

/** Room kept for text: the answer's budget plus a margin for the instruction and time labels. */
export function reservedTextTokens(profile: ModelProfile, maxOutputTokens?: number): number {
  return Math.min(profile.maxOutputTokens, maxOutputTokens ?? 1024) + 1024;
}

export function resolvePlanLimits(budget: VisualBudget, profile: ModelProfile, maxOutputTokens?: number): PlanLimits {
  for (const [name, value] of Object.entries({ maxVisualTokens: budget.maxVisualTokens, maxImages: budget.maxImages, maxUsd: budget.maxUsd, minDensity: budget.minDensity, fps: budget.fps, maxImageSide: budget.maxImageSide })) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new BudgetError(`budget ${name} must be a number > 0 (got ${value}).`);
    }
  }
  const reservedTokens = reservedTextTokens(profile, maxOutputTokens);
  const contextRoom = profile.contextTokens - reservedTokens;
  if (contextRoom <= 0) {
    throw new BudgetError(`${profile.family}: a ${profile.contextTokens}-token context leaves no room for images after ${reservedTokens} tokens of text and answer; configure a larger contextTokens.`);
  }
  const visualTokens = Math.min(budget.maxVisualTokens ?? Number.POSITIVE_INFINITY, contextRoom);
  const images = Math.min(budget.maxImages ?? Number.POSITIVE_INFINITY, profile.maxImagesPerRequest);
  let usd: number | null = null;
  if (budget.maxUsd !== undefined) {
    if (!profile.prices) {
      throw new BudgetError(`--max-usd needs prices, and the ${profile.family} profile has none; set models.<name>.profile.prices in the config, or budget with --max-visual-tokens.`);
    }
    usd = budget.maxUsd;
  }
  return { images: Math.floor(images), visualTokens: Math.floor(visualTokens), usd, reservedTokens };
}

/** Price of `tokens` input tokens, or null without prices. */
export function inputUsd(profile: ModelProfile, tokens: number): number | null {
  return profile.prices ? (tokens * profile.prices.inputUsdPerMillion) / 1e6 : null;
}
