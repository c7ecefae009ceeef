/**
 * From the images of a request to timed observations: each image is decoded (sharp → raw RGB), a grid
 * is cut into its tiles (equal cells, reading order, one time each), and each frame or tile is
 * perceived (perceive.ts); the text regions perception finds are read by OCR (read-text-regions.ts).
 *
 * Requests about one video resend the same images (every question carries the evidence), so each image
 * is observed once per process, keyed by the SHA-1 of its bytes with its times and grid layout.
 */

import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { perceiveImage, type PerceivedObject, type RgbImage } from './perceive.js';
import { readTextRegion } from './read-text-regions.js';
import type { RequestImage } from './read-request.js';

export interface Observation {
  time: number;
  width: number;
  height: number;
  objects: PerceivedObject[];
  texts: string[];
}

/** What one request image showed: its size as sent, and one observation per frame or tile. */
export interface ObservedImage {
  width: number;
  height: number;
  observations: Observation[];
}

const observationCache = new Map<string, Promise<ObservedImage>>();
const observationCacheLimit = 20_000;

async function decode(bytes: Uint8Array): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function crop(image: RgbImage, x0: number, y0: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 3;
    data.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, data };
}

async function observeImage(image: RgbImage, time: number): Promise<Observation> {
  const { objects, textRegions } = perceiveImage(image);
  const texts: string[] = [];
  for (const region of textRegions) texts.push(...(await readTextRegion(image, region.box)));
  return { time, width: image.width, height: image.height, objects, texts };
}

/** The observations of one image: one for a frame, one per tile for a grid. */
async function observeRequestImage(image: RequestImage): Promise<ObservedImage> {
  const rgb = await decode(image.bytes);
  const size = { width: rgb.width, height: rgb.height };
  if (!image.grid) return { ...size, observations: [await observeImage(rgb, image.times[0] ?? 0)] };
  const { cols, rows } = image.grid;
  const tileW = Math.floor(rgb.width / cols);
  const tileH = Math.floor(rgb.height / rows);
  const observations: Observation[] = [];
  for (const [k, time] of image.times.entries()) {
    if (k >= cols * rows) break;
    const tile = crop(rgb, (k % cols) * tileW, Math.floor(k / cols) * tileH, tileW, tileH);
    observations.push(await observeImage(tile, time));
  }
  return { ...size, observations };
}

/** Each request image observed (from the cache when it was seen before), in request order. */
export async function observeRequestImages(images: readonly RequestImage[]): Promise<ObservedImage[]> {
  const observed: ObservedImage[] = [];
  for (const image of images) {
    const key = createHash('sha1').update(image.bytes).update(JSON.stringify([image.times, image.grid])).digest('hex');
    let seen = observationCache.get(key);
    if (!seen) {
      if (observationCache.size >= observationCacheLimit) observationCache.clear();
      seen = observeRequestImage(image);
      observationCache.set(key, seen);
      seen.catch(() => observationCache.delete(key));
    }
    observed.push(await seen);
  }
  return observed;
}

/** Observations of every frame and grid tile of a request, in time order. */
export async function observeImages(images: readonly RequestImage[]): Promise<Observation[]> {
  return (await observeRequestImages(images)).flatMap((image) => image.observations).sort((a, b) => a.time - b.time);
}
