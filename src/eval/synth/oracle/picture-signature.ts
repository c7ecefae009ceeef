/**
 * The oracle's sense of "the whole picture": each frame or grid tile of a request reduced to its colour
 * histogram (8 levels a channel, 512 bins, as shares of the picture, from a copy at most 160 px wide).
 * Shapes and text cover a small share of a picture, so two pictures of the same scene have nearly the
 * same histogram, while a scene cut — a new background, its tones and texture — moves a large share of
 * the picture to other bins (measured on synth-medium-022: ≤ 0.04 within scenes, ≥ 0.3 across cuts;
 * an 8 × 8 grid of mean colours could not tell two textures of the same mean tone apart). This is what
 * a person notices between two consecutive frames; it needs nothing from the generator, only the
 * pixels sent.
 *
 * Signatures are kept per image (SHA-1 of its bytes with its times and layout), since every request
 * about one video resends the same evidence.
 */

import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import type { RequestImage } from './read-request.js';

const levelShift = 5;
const bins = 512;
const signatureWidth = 160;

export interface PictureSignature {
  time: number;
  /** Share of the picture's pixels in each of the 512 colour bins (sums to 1). */
  histogram: Float64Array;
}

const signatureCache = new Map<string, Promise<PictureSignature[]>>();
const signatureCacheLimit = 20_000;

async function signatureOf(input: Sharp): Promise<Float64Array> {
  const data = await input.removeAlpha().resize({ width: signatureWidth, withoutEnlargement: true }).raw().toBuffer();
  const histogram = new Float64Array(bins);
  const pixels = data.length / 3;
  for (let i = 0; i < data.length; i += 3) histogram[((data[i]! >> levelShift) * 8 + (data[i + 1]! >> levelShift)) * 8 + (data[i + 2]! >> levelShift)]! += 1 / pixels;
  return histogram;
}

async function signImage(image: RequestImage): Promise<PictureSignature[]> {
  if (!image.grid) return [{ time: image.times[0] ?? 0, histogram: await signatureOf(sharp(image.bytes)) }];
  const { width = 0, height = 0 } = await sharp(image.bytes).metadata();
  const { cols, rows } = image.grid;
  const tileWidth = Math.floor(width / cols);
  const tileHeight = Math.floor(height / rows);
  const signatures: PictureSignature[] = [];
  for (const [k, time] of image.times.entries()) {
    if (k >= cols * rows || tileWidth < 1 || tileHeight < 1) break;
    const region = { left: (k % cols) * tileWidth, top: Math.floor(k / cols) * tileHeight, width: tileWidth, height: tileHeight };
    signatures.push({ time, histogram: await signatureOf(sharp(image.bytes).extract(region)) });
  }
  return signatures;
}

/** One signature per frame or grid tile of the request, in time order. */
export async function pictureSignatures(images: readonly RequestImage[]): Promise<PictureSignature[]> {
  const all: PictureSignature[] = [];
  for (const image of images) {
    const key = createHash('sha1').update(image.bytes).update(JSON.stringify([image.times, image.grid])).digest('hex');
    let signed = signatureCache.get(key);
    if (!signed) {
      if (signatureCache.size >= signatureCacheLimit) signatureCache.clear();
      signed = signImage(image);
      signatureCache.set(key, signed);
      signed.catch(() => signatureCache.delete(key));
    }
    all.push(...(await signed));
  }
  return all.sort((a, b) => a.time - b.time);
}

/** Share of the picture whose colour moved to other bins between two signatures (total variation, 0–1). */
export function changedShare(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / 2;
}

/**
 * Scene cuts: times between two consecutive pictures where a large share of the picture changed (the
 * midpoint of the two sampled times: the cut lies somewhere between them).
 * @example sceneCuts(signatures) // [34.3, 95.5]
 */
export function sceneCuts(signatures: readonly PictureSignature[], minimumShare = 0.18): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < signatures.length; i++) {
    const before = signatures[i - 1]!;
    const after = signatures[i]!;
    if (after.time <= before.time) continue;
    if (changedShare(before.histogram, after.histogram) >= minimumShare) cuts.push(Math.round(((before.time + after.time) / 2) * 10) / 10);
  }
  return cuts;
}
