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
  for (let by = 0; by + block <= height; by += block) {
    for (let bx = 0; bx + block <= width; bx += block) {
      const channels: number[][] = [[], [], []];
      for (let y = by; y < by + block; y += 2) {
        for (let x = bx; x < bx + block; x += 2) {
          const o = (y * width + x) * 3;
          channels[0]!.push(data[o]!);
          channels[1]!.push(data[o + 1]!);
          channels[2]!.push(data[o + 2]!);
        }
      }
      medians.push(channels.map((c) => c.sort((a, b) => a - b)[c.length >> 1]!) as unknown as Rgb);
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

function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Foreground lookup over quantised colours: 1 where the colour is far from every background colour. */
function foregroundTable(background: readonly Rgb[]): Uint8Array {
  const levels = 1 << quantBits;
  const step = 256 / levels;
  const table = new Uint8Array(levels ** 3);
  for (let r = 0; r < levels; r++) {
    for (let g = 0; g < levels; g++) {
      for (let b = 0; b < levels; b++) {
        const c: Rgb = [(r + 0.5) * step, (g + 0.5) * step, (b + 0.5) * step];
        table[(r * levels + g) * levels + b] = background.some((bg) => distance(c, bg) <= foregroundDistance) ? 0 : 1;
      }
    }
  }
  return table;
}

/** Perceives the objects and text regions of one image. */
export function perceiveImage(image: RgbImage): Perception {
  const { width, height, data } = image;
  const table = foregroundTable(backgroundColours(image));
  const shift = 8 - quantBits;
  const mask = new Uint8Array(width * height);
  for (let i = 0, o = 0; i < mask.length; i++, o += 3) {
    const levels = 1 << quantBits;
    mask[i] = table[((data[o]! >> shift) * levels + (data[o + 1]! >> shift)) * levels + (data[o + 2]! >> shift)]!;
  }
  const labels = new Int32Array(width * height).fill(-1);
  const objects: PerceivedObject[] = [];
  const textRegions: TextRegion[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]! >= 0) continue;
    const pixels: number[] = [];
    labels[start] = next;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      pixels.push(p);
      const x = p % width;
      const visit = (q: number): void => {
        if (mask[q] && labels[q]! < 0) {
          labels[q] = next;
          stack.push(q);
        }
      };
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (p >= width) visit(p - width);
      if (p + width < mask.length) visit(p + width);
    }
    next++;
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
