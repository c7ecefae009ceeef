/**
 * OpenAI's 32-px patch rule, used by GPT-4.1 mini, GPT-4.1 nano, o4-mini, GPT-5 mini and GPT-5 nano.
 *
 * Source: OpenAI, "Images and vision" → "Calculating costs", section "GPT-4.1-mini, GPT-4.1-nano,
 * o4-mini", https://platform.openai.com/docs/guides/images-vision#calculating-costs (text read 2026-11-25
 * from a stored copy):
 *   A. count the 32 × 32 patches that cover the image: ceil(width / 32) × ceil(height / 32);
 *   B. above 1536 patches, scale the image down by r = √(32² × 1536 / (width × height)), then further by
 *      min(floor(width·r/32) / (width·r/32), floor(height·r/32) / (height·r/32)) so that one side fills a
 *      whole number of patches;
 *   C. the image's tokens are the patches of the resized image, capped at 1536;
 *   D. multiplied by the model's multiplier: gpt-5-mini 1.62, gpt-5-nano 2.46, gpt-4.1-mini 1.62,
 *      gpt-4.1-nano 2.46, o4-mini 1.72.
 * Worked examples there: 1024×1024 → 1024 patches; 1800×2400 → 33 × 44 = 1452 patches.
 * The page does not say how the multiplied count is rounded; OpenAI's own pricing calculator rounds up
 * (gpt-4.1-mini, 4000×1474 → 1449 patches → 2348 tokens, quoted in community.openai.com/t/1281361).
 * These models ignore `detail: "low"`, so every image pays the full rule.
 */

import type { ImageSize, ModelProfile } from '../profile.js';
import { openAiProfile, type OpenAiModel } from './openai-profile.js';
import { assertImageSize } from './image-scaling.js';

const patchSide = 32;
const patchBudget = 1536;
// The step-B arithmetic lands exactly on whole patch counts; a float a hair above one must not add a row.
const roundingSlack = 1e-9;

export interface PatchGrid {
  columns: number;
  rows: number;
  /** The image size after step B. */
  size: ImageSize;
}

/**
 * The patch grid of an image after OpenAI's downscaling (steps A–B).
 * @example openAiPatchGrid(1800, 2400) // { columns: 33, rows: 44, size: { width: 1056, height: 1408 } }
 */
export function openAiPatchGrid(width: number, height: number): PatchGrid {
  assertImageSize(width, height);
  const columns = Math.ceil(width / patchSide);
  const rows = Math.ceil(height / patchSide);
  if (columns * rows <= patchBudget) return { columns, rows, size: { width, height } };
  const shrink = Math.sqrt((patchSide * patchSide * patchBudget) / (width * height));
  const exactColumns = (width * shrink) / patchSide;
  const exactRows = (height * shrink) / patchSide;
  const wholePatchFit = Math.min(Math.floor(exactColumns) / exactColumns, Math.floor(exactRows) / exactRows);
  return {
    columns: Math.max(1, Math.ceil(exactColumns * wholePatchFit - roundingSlack)),
    rows: Math.max(1, Math.ceil(exactRows * wholePatchFit - roundingSlack)),
    size: {
      width: Math.max(1, Math.round(width * shrink * wholePatchFit)),
      height: Math.max(1, Math.round(height * shrink * wholePatchFit)),
    },
  };
}

/**
 * Patches of one image, capped at 1536 (steps A–C), before the model's multiplier.
 * @example openAiImagePatches(1024, 1024) // 1024
 */
export function openAiImagePatches(width: number, height: number): number {
  const grid = openAiPatchGrid(width, height);
  return Math.min(patchBudget, grid.columns * grid.rows);
}

interface PatchModel extends OpenAiModel {
  multiplier: number;
}

function patchProfile(model: PatchModel): ModelProfile {
  return openAiProfile(model, {
    imageTokens: (width, height) => Math.ceil(openAiImagePatches(width, height) * model.multiplier),
    effectiveImageSize: (width, height) => openAiPatchGrid(width, height).size,
  });
}

export const gpt41MiniProfile = patchProfile({
  family: 'gpt-4.1-mini',
  description: 'OpenAI GPT-4.1 mini: 32-px patches (≤ 1536) × 1.62.',
  multiplier: 1.62,
  contextTokens: 1_047_576,
  maxOutputTokens: 32_768,
  supportsLogprobs: true,
  prices: { inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
});

export const gpt41NanoProfile = patchProfile({
  family: 'gpt-4.1-nano',
  description: 'OpenAI GPT-4.1 nano: 32-px patches (≤ 1536) × 2.46.',
  multiplier: 2.46,
  contextTokens: 1_047_576,
  maxOutputTokens: 32_768,
  supportsLogprobs: true,
  prices: { inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4 },
});

export const o4MiniProfile = patchProfile({
  family: 'o4-mini',
  description: 'OpenAI o4-mini: 32-px patches (≤ 1536) × 1.72.',
  multiplier: 1.72,
  contextTokens: 200_000,
  maxOutputTokens: 100_000,
  supportsLogprobs: false,
  prices: { inputUsdPerMillion: 1.1, outputUsdPerMillion: 4.4 },
});

export const gpt5MiniProfile = patchProfile({
  family: 'gpt-5-mini',
  description: 'OpenAI GPT-5 mini: 32-px patches (≤ 1536) × 1.62.',
  multiplier: 1.62,
  contextTokens: 400_000,
  maxOutputTokens: 128_000,
  supportsLogprobs: false,
  prices: { inputUsdPerMillion: 0.25, outputUsdPerMillion: 2 },
});

export const gpt5NanoProfile = patchProfile({
  family: 'gpt-5-nano',
  description: 'OpenAI GPT-5 nano: 32-px patches (≤ 1536) × 2.46.',
  multiplier: 2.46,
  contextTokens: 400_000,
  maxOutputTokens: 128_000,
  supportsLogprobs: false,
  prices: { inputUsdPerMillion: 0.05, outputUsdPerMillion: 0.4 },
});
