/**
 * What every OpenAI vision model shares, whichever image rule it uses (512-px tiles or 32-px patches):
 * the per-request image limit, tools and JSON, `HH:MM:SS` times, and where prices come from. The two
 * rule files supply only the image cost.
 */

import type { ImageSize, ModelPrices, ModelProfile } from '../profile.js';

/** OpenAI accepts up to 500 image inputs per request (platform.openai.com/docs/guides/images-vision). */
const maxImagesPerRequest = 500;
const pricesSource = 'https://platform.openai.com/docs/pricing (standard tier, as listed 2025-08; re-check before billing)';

export interface OpenAiModel {
  family: string;
  description: string;
  contextTokens: number;
  maxOutputTokens: number;
  /** Reasoning models (o-series, GPT-5) return no logprobs. */
  supportsLogprobs: boolean;
  prices: Omit<ModelPrices, 'source'>;
}

export function openAiProfile(
  model: OpenAiModel,
  imageCost: { imageTokens(width: number, height: number): number; effectiveImageSize(width: number, height: number): ImageSize },
): ModelProfile {
  return {
    family: model.family,
    description: model.description,
    maxImagesPerRequest,
    contextTokens: model.contextTokens,
    maxOutputTokens: model.maxOutputTokens,
    imageTokens: imageCost.imageTokens,
    effectiveImageSize: imageCost.effectiveImageSize,
    nativeVideo: null,
    supportsTools: true,
    supportsJson: true,
    supportsLogprobs: model.supportsLogprobs,
    timestampStyle: 'hms',
    prices: { ...model.prices, source: pricesSource },
  };
}
