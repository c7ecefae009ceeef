/**
 * Google Gemini 2.x (2.0 and 2.5 Flash, Flash-Lite and Pro): 258 tokens per image tile.
 *
 * Sources (read 2026-11-25 from stored copies):
 *   - "Understand and count tokens" → "Count multimodal tokens", https://ai.google.dev/gemini-api/docs/tokens:
 *     "image inputs with both dimensions <=384 pixels are counted as 258 tokens. Images larger in one or
 *     both dimensions are cropped and scaled as needed into tiles of 768x768 pixels, each counted as 258
 *     tokens." and "video at 263 tokens per second and audio at 32 tokens per second".
 *   - "Video understanding" → "Technical details", https://ai.google.dev/gemini-api/docs/video-understanding:
 *     the File API samples video at 1 frame per second, 258 tokens per frame at default media resolution
 *     (66 at low), audio 32 tokens per second, about 300 tokens per second in all with metadata; refer to
 *     moments as MM:SS.
 *   - Vertex AI "Image understanding", https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/image-understanding:
 *     up to 3,000 images per prompt for Gemini 2.x (the Gemini API page says 3,600; we take the lower),
 *     and larger images "are scaled down and padded to fit a maximum resolution of 3072 x 3072".
 * The pages do not say how the 768-px tiles are laid out; we count the tiles that cover the image,
 * ceil(w / 768) × ceil(h / 768), after the 3072-px fit. Treat it as an estimate: Gemini 1.5's documented
 * crop (tiles of min(w, h) / 1.5, 256–768 px) would cost more on small frames, while users report 258
 * tokens flat for any size on 2.5 Pro (googleapis/python-genai#1349).
 */

import type { ImageSize, ModelProfile } from '../profile.js';
import { downscaleFactor } from './image-scaling.js';

const tokensPerTile = 258;
const tileSide = 768;
const singleTileMaxSide = 384;
const maxSide = 3072;

/** The size Gemini processes: fitted into 3072 × 3072. */
export function geminiImageSize(width: number, height: number): ImageSize {
  const factor = downscaleFactor(width, height, { maxLongEdge: maxSide });
  if (factor >= 1) return { width, height };
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
}

/**
 * Tokens of one image on Gemini 2.x.
 * @example geminiImageTokens(384, 384) // 258
 * @example geminiImageTokens(1536, 768) // 516
 */
export function geminiImageTokens(width: number, height: number): number {
  const size = geminiImageSize(width, height);
  if (size.width <= singleTileMaxSide && size.height <= singleTileMaxSide) return tokensPerTile;
  return Math.ceil(size.width / tileSide) * Math.ceil(size.height / tileSide) * tokensPerTile;
}

export const geminiProfile: ModelProfile = {
  family: 'gemini',
  description: 'Google Gemini 2.x: 258 tokens per 768-px tile (one tile up to 384 px); video 258 per frame at 1 fps.',
  maxImagesPerRequest: 3000,
  contextTokens: 1_048_576,
  // Gemini 2.0 Flash stops at 8,192 output tokens; 2.5 models allow 65,536 (override per model).
  maxOutputTokens: 8192,
  imageTokens: geminiImageTokens,
  effectiveImageSize: geminiImageSize,
  // A frame inside an uploaded video costs 258 tokens whatever its size; the audio track adds 32 per second.
  nativeVideo: { kind: 'gemini-file', tokensPerFrame: () => tokensPerTile },
  supportsTools: true,
  supportsJson: true,
  supportsLogprobs: false,
  timestampStyle: 'mmss',
};
