/**
 * From the images of a request to timed observations: each image is decoded (sharp → raw RGB), a grid
 * is cut into its tiles (equal cells, reading order, one time each), and each frame or tile is
 * perceived (perceive.ts). On-screen text is read by the real OCR models (PaddleOCR through
 * `perception/ocr`) on the text regions perception found, cropped with a margin; text the OCR does not
 * read confidently is simply not seen. Small burned-in time labels of grid tiles are ignored.
 */

import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { createTextRecognizer, type TextRecognizer } from '../../../perception/ocr/index.js';
import { perceiveImage, type PerceivedObject, type RgbImage } from './perceive.js';
import type { RequestImage } from './read-request.js';

export interface Observation {
  time: number;
  width: number;
  height: number;
  objects: PerceivedObject[];
  texts: string[];
}

let recognizer: Promise<TextRecognizer> | undefined;
const ocrCache = new Map<string, string[]>();
/** Requests about one video resend the same images: each is perceived once (keyed by its bytes and times). */
const observationCache = new Map<string, Promise<Observation[]>>();

function textRecognizer(): Promise<TextRecognizer> {
  recognizer ??= createTextRecognizer();
  return recognizer;
}

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

async function readText(image: RgbImage, box: { x0: number; y0: number; x1: number; y1: number }): Promise<string[]> {
  const pad = Math.round((box.y1 - box.y0 + 1) * 0.3);
  const x0 = Math.max(0, box.x0 - pad);
  const y0 = Math.max(0, box.y0 - pad);
  const region = crop(image, x0, y0, Math.min(image.width, box.x1 + pad + 1) - x0, Math.min(image.height, box.y1 + pad + 1) - y0);
  const key = createHash('sha1').update(region.data).digest('hex');
  const cached = ocrCache.get(key);
  if (cached) return cached;
  const lines = await (await textRecognizer()).recognize(region);
  const texts = lines.map((line) => line.text.trim()).filter((text) => text !== '' && !/^\d+:\d+(:\d+)?(\.\d+)?$/.test(text));
  if (ocrCache.size > 5000) ocrCache.clear();
  ocrCache.set(key, texts);
  return texts;
}

async function observeImage(image: RgbImage, time: number): Promise<Observation> {
  const { objects, textRegions } = perceiveImage(image);
  const texts: string[] = [];
  for (const region of textRegions) texts.push(...(await readText(image, region.box)));
  return { time, width: image.width, height: image.height, objects, texts };
}

/** Observations of every frame and grid tile of a request, in time order. */
export async function observeImages(images: readonly RequestImage[]): Promise<Observation[]> {
  const observations: Observation[] = [];
  for (const image of images) {
    const key = createHash('sha1').update(image.bytes).update(JSON.stringify([image.times, image.grid])).digest('hex');
    let seen = observationCache.get(key);
    if (!seen) {
      if (observationCache.size > 20_000) observationCache.clear();
      seen = observeRequestImage(image);
      observationCache.set(key, seen);
      seen.catch(() => observationCache.delete(key));
    }
    observations.push(...(await seen));
  }
  return observations.sort((a, b) => a.time - b.time);
}

/** The observations of one image: one for a frame, one per tile for a grid. */
async function observeRequestImage(image: RequestImage): Promise<Observation[]> {
  const rgb = await decode(image.bytes);
  if (!image.grid) return [await observeImage(rgb, image.times[0] ?? 0)];
  const { cols, rows } = image.grid;
  const tileW = Math.floor(rgb.width / cols);
  const tileH = Math.floor(rgb.height / rows);
  const observations: Observation[] = [];
  for (const [k, time] of image.times.entries()) {
    if (k >= cols * rows) break;
    const tile = crop(rgb, (k % cols) * tileW, Math.floor(k / cols) * tileH, tileW, tileH);
    observations.push(await observeImage(tile, time));
  }
  return observations;
}
