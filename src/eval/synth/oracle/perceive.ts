/**
 * What the oracle sees in one image: the foreground blobs standing out from a textured background, each
 * with its colour name, shape name, centroid and size, and the regions that look like text (a plate of
 * mixed dark and light pixels) for OCR to read.
 *
 * The background model is generic: the image is cut into blocks, each block's median colour is taken,
 * and the colours of the blocks form clusters (single linkage); the clusters that cover a large share
 * of the image are the background (a texture of a few tones and the blends between them). A pixel is
 * foreground when its colour is far from every background colour. Blobs are 4-connected foreground.
 *
 * Limits, as for a real model: a blob whose larger side is under {@link minVisiblePixels} pixels in the
 * image it was sent is not seen at all; colours are named from hue and lightness (see colour-names.ts),
 * shapes from geometry (see shape-features.ts). Nothing here knows how the images were made.
 */

import { nameColour, type Rgb } from './colour-names.js';
import { classifyShape, type BlobGeometry } from './shape-features.js';

/** Objects smaller than this (larger side of the bounding box, pixels of the sent image) are not seen. */
export const minVisiblePixels = 24;

export interface RgbImage {
  width: number;
  height: number;
  /** 3 bytes a pixel, rows top to bottom. */
  data: Uint8Array;
}

export interface PerceivedObject {
  colour: string;
  shape: string;
  rgb: Rgb;
  /** Centroid in pixels of the image. */
  x: number;
  y: number;
  /** Pixel count. */
  area: number;
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface TextRegion {
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface Perception {
  objects: PerceivedObject[];
  textRegions: TextRegion[];
}

const linkDistance = 48;
const foregroundDistance = 45;
const quantBits = 5;

function backgroundColours(image: RgbImage): Rgb[] {
  const { width, height, data } = image;
  const block = Math.max(6, Math.round(Math.min(width, height) / 12));
  const medians: Rgb[] = [];
  // Per-channel medians from 256-bin histograms of every second pixel (rows and columns) of each block:
  // the same value a sort would give (the upper median), without sorting thousands of numbers a block.
  const histograms = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)] as const;
  for (let by = 0; by + block <= height; by += block) {
    for (let bx = 0; bx + block <= width; bx += block) {
      for (const h of histograms) h.fill(0);
      let count = 0;
      for (let y = by; y < by + block; y += 2) {
        for (let x = bx; x < bx + block; x += 2) {
          const o = (y * width + x) * 3;
          histograms[0][data[o]!]!++;
          histograms[1][data[o + 1]!]!++;
          histograms[2][data[o + 2]!]!++;
          count++;
        }
      }
      medians.push(histograms.map((h) => histogramRank(h, count >> 1)) as unknown as Rgb);
    }
  }
  // Single-linkage clusters of block colours.
  const cluster = medians.map((_, i) => i);
  const find = (i: number): number => (cluster[i] === i ? i : (cluster[i] = find(cluster[i]!)));
  for (let i = 0; i < medians.length; i++) {
    for (let j = i + 1; j < medians.length; j++) {
      if (distance(medians[i]!, medians[j]!) <= linkDistance) cluster[find(i)] = find(j);
    }
  }
  const sizes = new Map<number, number>();
  for (let i = 0; i < medians.length; i++) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
  const largest = Math.max(...sizes.values());
  const unique = new Map<string, Rgb>();
  medians.forEach((colour, i) => {
    const size = sizes.get(find(i))!;
    if (size >= largest * 0.5 || size >= medians.length * 0.25) unique.set(colour.map((c) => c >> 3).join(','), colour);
  });
  return [...unique.values()];
}

/** The value at 0-based position `rank` of the sorted samples a histogram counts. */
function histogramRank(histogram: Uint32Array, rank: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) if ((seen += histogram[v]!) > rank) return v;
  return 255;
}

function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** A cell of the foreground table not yet computed. */
const unknown = 255;

/**
 * Foreground lookup over quantised colours, filled lazily: 1 where the colour is far from every
 * background colour, 0 where it is near one, {@link unknown} until a pixel of that colour is met (an
 * image holds a few thousand of the 32768 cells, so most are never computed).
 */
function foregroundClassifier(background: readonly Rgb[]): (r: number, g: number, b: number) => number {
  const levels = 1 << quantBits;
  const step = 256 / levels;
  const shift = 8 - quantBits;
  const table = new Uint8Array(levels ** 3).fill(unknown);
  const limit = foregroundDistance * foregroundDistance;
  const flat = Float64Array.from(background.flat());
  return (r, g, b) => {
    const cell = (((r >> shift) * levels + (g >> shift)) * levels) + (b >> shift);
    const known = table[cell]!;
    if (known !== unknown) return known;
    const cr = ((r >> shift) + 0.5) * step, cg = ((g >> shift) + 0.5) * step, cb = ((b >> shift) + 0.5) * step;
    let foreground = 1;
    for (let k = 0; k < flat.length; k += 3) {
      const dr = cr - flat[k]!, dg = cg - flat[k + 1]!, db = cb - flat[k + 2]!;
      if (dr * dr + dg * dg + db * db <= limit) {
        foreground = 0;
        break;
      }
    }
    table[cell] = foreground;
    return foreground;
  };
}

/** Perceives the objects and text regions of one image. */
export function perceiveImage(image: RgbImage): Perception {
  const { width, height, data } = image;
  const isForeground = foregroundClassifier(backgroundColours(image));
  const size = width * height;
  const mask = new Uint8Array(size);
  for (let i = 0, o = 0; i < size; i++, o += 3) mask[i] = isForeground(data[o]!, data[o + 1]!, data[o + 2]!);
  // Blobs are 4-connected foreground; a pixel's mask cell is cleared once it joins a blob.
  const objects: PerceivedObject[] = [];
  const textRegions: TextRegion[] = [];
  let stack = new Int32Array(1024);
  for (let start = 0; start < size; start++) {
    if (!mask[start]) continue;
    const pixels: number[] = [];
    mask[start] = 0;
    stack[0] = start;
    let top = 1;
    while (top > 0) {
      const p = stack[--top]!;
      pixels.push(p);
      if (top + 4 > stack.length) {
        const grown = new Int32Array(stack.length * 2);
        grown.set(stack);
        stack = grown;
      }
      const x = p % width;
      if (x > 0 && mask[p - 1]) { mask[p - 1] = 0; stack[top++] = p - 1; }
      if (x < width - 1 && mask[p + 1]) { mask[p + 1] = 0; stack[top++] = p + 1; }
      if (p >= width && mask[p - width]) { mask[p - width] = 0; stack[top++] = p - width; }
      if (p + width < size && mask[p + width]) { mask[p + width] = 0; stack[top++] = p + width; }
    }
    if (pixels.length < minVisiblePixels) continue; // cannot span 24 px either way
    const geometry = blobGeometry(pixels, width);
    const { box } = geometry;
    if (Math.max(box.x1 - box.x0 + 1, box.y1 - box.y0 + 1) < minVisiblePixels) continue;
    const rgb = medianColour(pixels, data);
    if (looksLikeText(pixels, data, geometry)) {
      textRegions.push({ box });
      continue;
    }
    objects.push({ colour: nameColour(rgb), shape: classifyShape(geometry), rgb, x: geometry.cx, y: geometry.cy, area: pixels.length, box });
  }
  return { objects, textRegions };
}

function blobGeometry(pixels: readonly number[], width: number): BlobGeometry {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, sx = 0, sy = 0;
  for (const p of pixels) {
    const x = p % width;
    const y = (p - x) / width;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    sx += x;
    sy += y;
  }
  const rowMin = new Array<number>(y1 - y0 + 1).fill(Infinity);
  const rowMax = new Array<number>(y1 - y0 + 1).fill(-Infinity);
  for (const p of pixels) {
    const x = p % width;
    const r = (p - x) / width - y0;
    if (x < rowMin[r]!) rowMin[r] = x;
    if (x > rowMax[r]!) rowMax[r] = x;
  }
  return { area: pixels.length, box: { x0, y0, x1, y1 }, cx: sx / pixels.length + 0.5, cy: sy / pixels.length + 0.5, rowMin, rowMax };
}

function luminance(data: Uint8Array, p: number): number {
  return 0.299 * data[p * 3]! + 0.587 * data[p * 3 + 1]! + 0.114 * data[p * 3 + 2]!;
}

/** A text plate: dark and light pixels mixed in one blob (letters on a plate), unlike a flat-coloured shape. */
function looksLikeText(pixels: readonly number[], data: Uint8Array, geometry: BlobGeometry): boolean {
  let dark = 0, light = 0;
  for (const p of pixels) {
    const l = luminance(data, p);
    if (l < 90) dark++;
    else if (l > 170) light++;
  }
  const w = geometry.box.x1 - geometry.box.x0 + 1;
  const h = geometry.box.y1 - geometry.box.y0 + 1;
  return Math.min(dark, light) > pixels.length * 0.06 && w > h;
}

function medianColour(pixels: readonly number[], data: Uint8Array): Rgb {
  const pick = (c: number): number => {
    const histogram = new Uint32Array(256);
    for (const p of pixels) histogram[data[p * 3 + c]!]!++;
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += histogram[v]!) * 2 >= pixels.length) return v;
    return 255;
  };
  return [pick(0), pick(1), pick(2)];
}
