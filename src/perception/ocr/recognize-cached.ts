/**
 * OCR results cached by image content: the SHA-256 of the image bytes (or of the raw pixels and their
 * size) is the "video" hash of the artifact cache, under namespace `ocr`, with the recognizer's model key
 * as the key. Frames that repeat (the same sampled frame asked twice, a static title card, a benchmark
 * re-run) are read from disk instead of running two models again.
 */

import { createHash } from 'node:crypto';
import type { ArtifactCache } from '../../core/artifact-cache.js';
import type { RgbImage } from './rgb-image.js';
import type { RecognizedText, TextRecognizer } from './text-recognizer.js';

const ocrCacheVersion = 'ocr-v1';

/** The content hash that keys an image's OCR result. */
export function ocrImageHash(image: Uint8Array | RgbImage): string {
  const hash = createHash('sha256');
  if (image instanceof Uint8Array) hash.update(image);
  else hash.update(`rgb:${image.width}x${image.height}\u0000`).update(image.data);
  return hash.digest('hex');
}

/**
 * `recognizer.recognize(image)`, answered from `cache` when this image was read before.
 * @example const lines = await recognizeCached(ocr, jpegBytes, new ArtifactCache({ root: defaultCacheDir() }));
 */
export async function recognizeCached(
  recognizer: Pick<TextRecognizer, 'recognize' | 'modelKey'>,
  image: Uint8Array | RgbImage,
  cache: ArtifactCache | null,
  options: { signal?: AbortSignal } = {},
): Promise<RecognizedText[]> {
  if (!cache?.enabled) return recognizer.recognize(image, options);
  const hash = ocrImageHash(image);
  const key = `${ocrCacheVersion}|${recognizer.modelKey}`;
  const cached = await cache.getJson<RecognizedText[]>(hash, 'ocr', key);
  if (Array.isArray(cached)) return cached;
  const result = await recognizer.recognize(image, options);
  await cache.putJson(hash, 'ocr', key, result);
  return result;
}
