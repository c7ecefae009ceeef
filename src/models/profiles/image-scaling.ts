/**
 * The one resizing idea every provider rule shares: shrink an image, keeping its aspect ratio, until it
 * fits some limits, and never enlarge it. Each rule decides for itself how to round the result, because
 * the providers differ there (OpenAI rounds to the nearest pixel, Qwen's processor snaps to 28 px).
 */

import { ReelmError } from '../../core/errors.js';

export interface DownscaleLimits {
  /** The longer side may be at most this long (fitting in an N×N square). */
  maxLongEdge?: number;
  /** The shorter side may be at most this long. */
  maxShortEdge?: number;
  /** Width × height may be at most this many pixels. */
  maxPixels?: number;
}

/**
 * The factor (≤ 1) that makes a size fit every given limit.
 * @example downscaleFactor(4096, 2048, { maxLongEdge: 2048 }) // 0.5
 */
export function downscaleFactor(width: number, height: number, limits: DownscaleLimits): number {
  assertImageSize(width, height);
  let factor = 1;
  const longEdge = Math.max(width, height);
  const shortEdge = Math.min(width, height);
  if (limits.maxLongEdge !== undefined) factor = Math.min(factor, limits.maxLongEdge / longEdge);
  if (limits.maxShortEdge !== undefined) factor = Math.min(factor, limits.maxShortEdge / shortEdge);
  if (limits.maxPixels !== undefined) factor = Math.min(factor, Math.sqrt(limits.maxPixels / (width * height)));
  return factor;
}

/** Throws unless both sides are finite and positive: a zero-sized image is a bug upstream, not a cost of 0. */
export function assertImageSize(width: number, height: number): void {
  if (!(Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0)) {
    throw new ReelmError(`an image size must be two positive numbers, got ${width}×${height}.`);
  }
}
