/**
 * How the oracle reads a text region it found in an image: the region is cropped with a margin and
 * read by the real OCR models (PaddleOCR through `perception/ocr`); text read with low confidence is
 * not seen, and clock-like strings (the burned-in time labels of grid tiles) are ignored.
 *
 * Reading is the oracle's costliest step, so results are reused, never invented:
 * - by the SHA-1 of the crop's pixels, in memory and in a JSON-lines file that outlives the process
 *   (`REELM_ORACLE_OCR_CACHE`, default `<cache dir>/oracle/ocr-regions.jsonl`; `off` disables it), so
 *   a rerun over the same images runs no model;
 * - for a near-identical crop at the same place as one read moments before: on-screen text stays put
 *   for seconds while the video's noise changes every pixel a little, so a crop whose box overlaps a
 *   recent one (IoU ≥ 0.9) and whose brightness differs by more than {@link inkDifference} in at most
 *   {@link changedShare} of the shared pixels shows the same text. A changed word moves far more pixels
 *   than that (strokes are high-contrast), and is read afresh.
 */

import { createHash } from 'node:crypto';
import path from 'node:path';
import { defaultCacheDir } from '../../../core/paths.js';
import { createTextRecognizer, type TextRecognizer } from '../../../perception/ocr/index.js';
import { openOcrCacheFile, type OcrCacheFile } from '../../../perception/ocr/ocr-cache-file.js';
import type { RgbImage } from './perceive.js';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Brightness step (0–255) that counts a pixel as changed between two crops. */
export const inkDifference = 48;
/** Share of changed pixels up to which two crops show the same text. */
export const changedShare = 0.004;
/** Minimum overlap (IoU) of two crops' boxes for the pixel comparison to be tried. */
const minOverlap = 0.9;
/** Recent reads kept for comparison. */
const recentLimit = 48;

interface Crop {
  x0: number;
  y0: number;
  width: number;
  height: number;
  luma: Uint8Array;
}

interface RecentRead extends Crop {
  texts: string[];
}

/** Counters for benchmarks: how often each way of reading was used. */
export const textReadingStats = { modelRuns: 0, exactHits: 0, nearIdenticalHits: 0 };

let recognizer: Promise<TextRecognizer> | undefined;
let cacheFile: Promise<OcrCacheFile | undefined> | undefined;
const memory = new Map<string, string[]>();
const recent: RecentRead[] = [];

function textRecognizer(): Promise<TextRecognizer> {
  recognizer ??= createTextRecognizer().catch((error: unknown) => {
    recognizer = undefined;
    throw error;
  });
  return recognizer;
}

/** The persistent cache file, or undefined when `REELM_ORACLE_OCR_CACHE=off`. */
export function oracleOcrCacheFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.REELM_ORACLE_OCR_CACHE;
  if (setting === 'off') return undefined;
  return setting ? path.resolve(setting) : path.join(defaultCacheDir(env), 'oracle', 'ocr-regions.jsonl');
}

function persistentCache(): Promise<OcrCacheFile | undefined> {
  const file = oracleOcrCacheFile();
  cacheFile ??= file ? openOcrCacheFile(file) : Promise.resolve(undefined);
  return cacheFile;
}

/** Writes pending cache records; call before a process that used the oracle exits. */
export async function flushTextReadingCache(): Promise<void> {
  await (await cacheFile)?.flush();
}

function cropRgb(image: RgbImage, x0: number, y0: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 3;
    data.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, data };
}

function lumaOf(rgb: RgbImage): Uint8Array {
  const luma = new Uint8Array(rgb.width * rgb.height);
  for (let i = 0, o = 0; i < luma.length; i++, o += 3) luma[i] = (77 * rgb.data[o]! + 150 * rgb.data[o + 1]! + 29 * rgb.data[o + 2]!) >> 8;
  return luma;
}

/** True when `b` shows what `a` showed: boxes overlapping by IoU ≥ 0.9, almost no pixel changed. */
export function sameContent(a: Crop, b: Crop): boolean {
  const ix0 = Math.max(a.x0, b.x0), iy0 = Math.max(a.y0, b.y0);
  const ix1 = Math.min(a.x0 + a.width, b.x0 + b.width), iy1 = Math.min(a.y0 + a.height, b.y0 + b.height);
  if (ix1 <= ix0 || iy1 <= iy0) return false;
  const shared = (ix1 - ix0) * (iy1 - iy0);
  if (shared / (a.width * a.height + b.width * b.height - shared) < minOverlap) return false;
  const allowed = Math.floor(shared * changedShare);
  let changed = 0;
  for (let y = iy0; y < iy1; y++) {
    let pa = (y - a.y0) * a.width + (ix0 - a.x0);
    let pb = (y - b.y0) * b.width + (ix0 - b.x0);
    for (let x = ix0; x < ix1; x++, pa++, pb++) {
      if (Math.abs(a.luma[pa]! - b.luma[pb]!) > inkDifference && ++changed > allowed) return false;
    }
  }
  return true;
}

/**
 * The text in one region of `image` (a box in its pixels), read with a margin of 30% of the box height.
 * @example await readTextRegion(frame, { x0: 500, y0: 300, x1: 700, y1: 340 }) // ['4248']
 */
export async function readTextRegion(image: RgbImage, box: Box): Promise<string[]> {
  const pad = Math.round((box.y1 - box.y0 + 1) * 0.3);
  const x0 = Math.max(0, box.x0 - pad);
  const y0 = Math.max(0, box.y0 - pad);
  const rgb = cropRgb(image, x0, y0, Math.min(image.width, box.x1 + pad + 1) - x0, Math.min(image.height, box.y1 + pad + 1) - y0);
  const crop: Crop = { x0, y0, width: rgb.width, height: rgb.height, luma: lumaOf(rgb) };
  const like = recent.find((read) => sameContent(read, crop));
  if (like) {
    textReadingStats.nearIdenticalHits++;
    return like.texts;
  }
  const ocr = await textRecognizer();
  const key = createHash('sha1').update(`${ocr.modelKey}|${rgb.width}x${rgb.height}|`).update(rgb.data).digest('hex');
  const cache = await persistentCache();
  let texts = memory.get(key);
  if (texts) textReadingStats.exactHits++;
  else {
    let lines = cache?.get(key);
    if (lines) textReadingStats.exactHits++;
    else {
      textReadingStats.modelRuns++;
      lines = await ocr.recognize(rgb);
      cache?.set(key, lines);
    }
    texts = lines.map((line) => line.text.trim()).filter((text) => text !== '' && !/^\d+:\d+(:\d+)?(\.\d+)?$/.test(text));
    if (memory.size > 20_000) memory.clear();
    memory.set(key, texts);
  }
  recent.unshift({ ...crop, texts });
  if (recent.length > recentLimit) recent.length = recentLimit;
  return texts;
}
