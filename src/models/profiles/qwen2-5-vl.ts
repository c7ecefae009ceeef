/**
 * Qwen2.5-VL, self-hosted (vLLM, SGLang, llama.cpp, Ollama): one token per 28 × 28 pixels after the
 * processor's `smart_resize`.
 *
 * Sources (read 2026-11-25):
 *   - huggingface/transformers `src/transformers/models/qwen2_vl/image_processing_qwen2_vl.py` at
 *     cb0fc56f3caccab77d00d44051a67d4b0980cbd2, `smart_resize`: each side is rounded to the nearest
 *     multiple of 28 (14-px patches merged 2 × 2; Python's round, so halves go to the even multiple);
 *     if the area then exceeds max_pixels the image is scaled by β = √(h·w / max_pixels) and each side
 *     rounded down to a multiple of 28; below min_pixels it is scaled by β = √(min_pixels / (h·w)) and
 *     rounded up. An image yields (h / 28) × (w / 28) tokens. The processor rejects sides under 28 px;
 *     we price such an image as if padded to 28.
 *   - The Qwen2.5-VL checkpoints' `preprocessor_config.json` (e.g. huggingface.co/Qwen/Qwen2.5-VL-7B-Instruct):
 *     min_pixels 3136 = 4·28·28, max_pixels 12845056 = 16384·28·28, so an image costs 4 to 16384 tokens.
 *   - Same repository, `video_processing_qwen2_vl.py` at 000513e6ac52423dd6fe684019e482fe85b5aaf1:
 *     video frames are resized within 128·28·28 to 768·28·28 pixels, and temporal_patch_size = 2 pairs
 *     consecutive frames into one patch, so a frame in a native video costs half its grid — and frames
 *     sent as separate images cost about twice as much per frame at the same size (more at larger sizes,
 *     since images may use up to 16384 tokens where video frames stop at 768 / 2).
 * The request limits below are modest guesses, since each server sets its own: match them to its
 * `--max-model-len` and `--limit-mm-per-prompt` with a profile override.
 */

import type { ImageSize, ModelProfile } from '../profile.js';
import { assertImageSize } from './image-scaling.js';

const gridSide = 28;
const imagePixelBounds = { minPixels: 4 * gridSide * gridSide, maxPixels: 16_384 * gridSide * gridSide };
const videoFramePixelBounds = { minPixels: 128 * gridSide * gridSide, maxPixels: 768 * gridSide * gridSide };
const framesPerTemporalPatch = 2;

/** Python's round(): halves go to the even neighbour, which decides sides such as 70 px (2.5 × 28 → 56). */
function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The size Qwen2.5-VL's processor resizes an image to: multiples of 28 within the pixel bounds.
 * @example qwenSmartResize(1920, 1080) // { width: 1932, height: 1092 }
 */
export function qwenSmartResize(
  width: number,
  height: number,
  bounds: { minPixels: number; maxPixels: number } = imagePixelBounds,
): ImageSize {
  assertImageSize(width, height);
  const sourceWidth = Math.max(width, gridSide);
  const sourceHeight = Math.max(height, gridSide);
  let resizedHeight = roundHalfToEven(sourceHeight / gridSide) * gridSide;
  let resizedWidth = roundHalfToEven(sourceWidth / gridSide) * gridSide;
  if (resizedHeight * resizedWidth > bounds.maxPixels) {
    const beta = Math.sqrt((sourceHeight * sourceWidth) / bounds.maxPixels);
    resizedHeight = Math.max(gridSide, Math.floor(sourceHeight / beta / gridSide) * gridSide);
    resizedWidth = Math.max(gridSide, Math.floor(sourceWidth / beta / gridSide) * gridSide);
  } else if (resizedHeight * resizedWidth < bounds.minPixels) {
    const beta = Math.sqrt(bounds.minPixels / (sourceHeight * sourceWidth));
    resizedHeight = Math.ceil((sourceHeight * beta) / gridSide) * gridSide;
    resizedWidth = Math.ceil((sourceWidth * beta) / gridSide) * gridSide;
  }
  return { width: resizedWidth, height: resizedHeight };
}

/**
 * Tokens of one image on Qwen2.5-VL (the vision tokens; the chat template adds a start and an end marker).
 * @example qwenImageTokens(1920, 1080) // 2691
 */
export function qwenImageTokens(width: number, height: number): number {
  const size = qwenSmartResize(width, height);
  return (size.width / gridSide) * (size.height / gridSide);
}

/**
 * Tokens of one frame inside a native video: the frame's grid within the video bounds, halved. An odd
 * grid gives a half token per frame: the average over the pair of frames that share a temporal patch.
 * @example qwenVideoFrameTokens(640, 360) // 149.5 (a 23 × 13 grid per pair of frames)
 */
export function qwenVideoFrameTokens(width: number, height: number): number {
  const size = qwenSmartResize(width, height, videoFramePixelBounds);
  return ((size.width / gridSide) * (size.height / gridSide)) / framesPerTemporalPatch;
}

export const qwen25VlProfile: ModelProfile = {
  family: 'qwen2.5-vl',
  description: 'Qwen2.5-VL (self-hosted): one token per 28×28 px after smart_resize, 4–16384 per image.',
  maxImagesPerRequest: 8,
  contextTokens: 32_768,
  maxOutputTokens: 4096,
  imageTokens: qwenImageTokens,
  effectiveImageSize: (width, height) => qwenSmartResize(width, height),
  nativeVideo: { kind: 'vllm-video-url', tokensPerFrame: qwenVideoFrameTokens },
  // The chat template supports tools, but the server must be started with a tool parser; opt in per model.
  supportsTools: false,
  supportsJson: true,
  supportsLogprobs: true,
  timestampStyle: 'hms',
};
