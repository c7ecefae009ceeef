/**
 * Anthropic Claude: an image costs about (width × height) / 750 tokens, after Claude's own downscaling.
 *
 * Source: Anthropic, "Vision", https://platform.claude.com/docs/en/build-with-claude/vision (read
 * 2026-11-25 from a stored copy), sections "Evaluate image size" and "Calculate image costs":
 *   - "If your image's long edge is more than 1568 pixels, or your image is more than ~1,600 tokens, it is
 *     first scaled down, preserving aspect ratio, until it's within the size limits."
 *   - Largest sizes that are not resized: 1:1 1092×1092, 3:4 951×1268, 2:3 896×1344, 9:16 819×1456,
 *     1:2 784×1568.
 *   - "tokens = (width px * height px)/750"; examples 200×200 ≈ 54, 1000×1000 ≈ 1334, 1092×1092 ≈ 1590
 *     (all three are the quotient rounded up, which is what we do).
 *   - Up to 100 images per API request for models with a 200k-token context window (600 for the others);
 *     with more than 20 images an image larger than 2000×2000 px is rejected (8000×8000 otherwise).
 * "~1,600 tokens" is approximate: the 1:2 size above (1,229,312 px ≈ 1639 tokens) is listed as not
 * resized, so the pixel cap is set there, which keeps every listed size whole and errs towards more tokens.
 */

import type { ImageSize, ModelProfile } from '../profile.js';
import { downscaleFactor } from './image-scaling.js';

const maxLongEdge = 1568;
const maxPixels = 1568 * 784;
const pixelsPerToken = 750;

/** The size Claude processes: long edge ≤ 1568 px and about 1.2 megapixels at most. */
export function claudeImageSize(width: number, height: number): ImageSize {
  const factor = downscaleFactor(width, height, { maxLongEdge, maxPixels });
  if (factor >= 1) return { width, height };
  // Round down so the result stays within the limits it was scaled to.
  return { width: Math.max(1, Math.floor(width * factor)), height: Math.max(1, Math.floor(height * factor)) };
}

/**
 * Tokens of one image on Claude.
 * @example claudeImageTokens(1092, 1092) // 1590
 */
export function claudeImageTokens(width: number, height: number): number {
  const size = claudeImageSize(width, height);
  return Math.max(1, Math.ceil((size.width * size.height) / pixelsPerToken));
}

export const claudeProfile: ModelProfile = {
  family: 'claude',
  description: 'Anthropic Claude: (width × height) / 750 tokens, long edge ≤ 1568 px, ~1.2 MP.',
  maxImagesPerRequest: 100,
  contextTokens: 200_000,
  // Conservative: Claude 3 Haiku stops at 4,096 output tokens, newer models go far beyond; raise it per
  // model with a profile override.
  maxOutputTokens: 4096,
  imageTokens: claudeImageTokens,
  effectiveImageSize: claudeImageSize,
  nativeVideo: null,
  supportsTools: true,
  supportsJson: true,
  supportsLogprobs: false,
  timestampStyle: 'hms',
  // Prices differ per model (Haiku, Sonnet, Opus and their generations); configure them per model.
};
