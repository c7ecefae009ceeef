/**
 * OpenAI's 512-px tile rule, used by GPT-4o, GPT-4o mini, GPT-4.1, the o-series except o4-mini, and GPT-5.
 *
 * Source: OpenAI, "Images and vision" → "Calculating costs", section "GPT 4o, GPT-4.1, GPT-4o-mini, CUA,
 * and o-series (except o4-mini)", https://platform.openai.com/docs/guides/images-vision#calculating-costs
 * (text read 2026-11-25 from a stored copy). For `detail: "high"` the image is
 *   1. scaled to fit within a 2048 × 2048 square, keeping its aspect ratio;
 *   2. scaled so that its shortest side is 768 px;
 *   3. covered with 512-px squares, each costing the model's tile tokens;
 *   4. charged the model's base tokens once more.
 * Base / tile tokens by model (same page): gpt-5 70 / 140; 4o, 4.1, 4.5 85 / 170; 4o-mini 2833 / 5667;
 * o1, o1-pro, o3 75 / 150. Worked examples there (gpt-4o): 1024×1024 → 765, 2048×4096 → 1105.
 * `detail: "low"` costs the base tokens alone; reelm sends frames at high detail, so that is not modelled.
 *
 * Two choices the page leaves open: images are taken to be only ever scaled down, as in the community's
 * worked numbers (500×500 is one tile, 255 tokens: community.openai.com/t/492318), and scaled sides are
 * rounded to the nearest pixel, as observed billing shows (gpt-4.1 bills 8 tiles for 2049×513 and 4 for
 * 2050×513: community.openai.com/t/1281361).
 * Limits: "Up to 500 individual images per request" (same guide, "Image input requirements").
 */

import type { ImageSize, ModelProfile } from '../profile.js';
import { openAiProfile, type OpenAiModel } from './openai-profile.js';
import { downscaleFactor } from './image-scaling.js';

const tileSide = 512;
const fitSquareSide = 2048;
const shortestSideTarget = 768;

/** The size OpenAI tiles: fitted into 2048², then the shortest side brought down to 768 px. */
export function openAiTileSize(width: number, height: number): ImageSize {
  const fit = downscaleFactor(width, height, { maxLongEdge: fitSquareSide });
  const fittedWidth = Math.round(width * fit);
  const fittedHeight = Math.round(height * fit);
  const shrink = downscaleFactor(fittedWidth, fittedHeight, { maxShortEdge: shortestSideTarget });
  return { width: Math.max(1, Math.round(fittedWidth * shrink)), height: Math.max(1, Math.round(fittedHeight * shrink)) };
}

/**
 * Tokens of one high-detail image under the tile rule.
 * @example openAiTileTokens(1024, 1024, { baseTokens: 85, tileTokens: 170 }) // 765
 */
export function openAiTileTokens(width: number, height: number, cost: { baseTokens: number; tileTokens: number }): number {
  const size = openAiTileSize(width, height);
  const tiles = Math.ceil(size.width / tileSide) * Math.ceil(size.height / tileSide);
  return cost.baseTokens + tiles * cost.tileTokens;
}

interface TileModel extends OpenAiModel {
  baseTokens: number;
  tileTokens: number;
}

function tileProfile(model: TileModel): ModelProfile {
  const cost = { baseTokens: model.baseTokens, tileTokens: model.tileTokens };
  return openAiProfile(model, { imageTokens: (width, height) => openAiTileTokens(width, height, cost), effectiveImageSize: openAiTileSize });
}

export const gpt4oProfile = tileProfile({
  family: 'gpt-4o',
  description: 'OpenAI GPT-4o: 512-px tiles, 85 base + 170 per tile.',
  baseTokens: 85,
  tileTokens: 170,
  contextTokens: 128_000,
  maxOutputTokens: 16_384,
  supportsLogprobs: true,
  prices: { inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 },
});

// The mini model charges 33⅓× the tokens per image at a seventeenth of the price per token, so an
// image costs about twice as many dollars as on GPT-4o.
export const gpt4oMiniProfile = tileProfile({
  family: 'gpt-4o-mini',
  description: 'OpenAI GPT-4o mini: 512-px tiles, 2833 base + 5667 per tile.',
  baseTokens: 2833,
  tileTokens: 5667,
  contextTokens: 128_000,
  maxOutputTokens: 16_384,
  supportsLogprobs: true,
  prices: { inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6 },
});

// GPT-4.1 (the full model) is billed by tiles, not patches: OpenAI's page once listed it under the
// patch rule, but billing matched tiles (community.openai.com/t/1230130) and the page now lists it there.
export const gpt41Profile = tileProfile({
  family: 'gpt-4.1',
  description: 'OpenAI GPT-4.1: 512-px tiles, 85 base + 170 per tile.',
  baseTokens: 85,
  tileTokens: 170,
  contextTokens: 1_047_576,
  maxOutputTokens: 32_768,
  supportsLogprobs: true,
  prices: { inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
});

export const o1Profile = tileProfile({
  family: 'o1',
  description: 'OpenAI o1: 512-px tiles, 75 base + 150 per tile.',
  baseTokens: 75,
  tileTokens: 150,
  contextTokens: 200_000,
  maxOutputTokens: 100_000,
  supportsLogprobs: false,
  prices: { inputUsdPerMillion: 15, outputUsdPerMillion: 60 },
});

export const o3Profile = tileProfile({
  family: 'o3',
  description: 'OpenAI o3: 512-px tiles, 75 base + 150 per tile.',
  baseTokens: 75,
  tileTokens: 150,
  contextTokens: 200_000,
  maxOutputTokens: 100_000,
  supportsLogprobs: false,
  prices: { inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
});

export const gpt5Profile = tileProfile({
  family: 'gpt-5',
  description: 'OpenAI GPT-5: 512-px tiles, 70 base + 140 per tile.',
  baseTokens: 70,
  tileTokens: 140,
  contextTokens: 400_000,
  maxOutputTokens: 128_000,
  supportsLogprobs: false,
  prices: { inputUsdPerMillion: 1.25, outputUsdPerMillion: 10 },
});
