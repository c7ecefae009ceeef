/**
 * Simple rasterisers on raw RGB frames (`Uint8Array`, 3 bytes a pixel, rows top to bottom): textured
 * backgrounds, filled shapes by scanline, mild additive noise, and alpha blending of RGBA bitmaps.
 * Hard edges, no anti-aliasing: the pixels inside a shape are exactly its colour before noise.
 */

import type { Rgb } from './palette.js';
import { Prng } from './prng.js';
import type { ShapeName, TextureName } from './scene-script.js';

export interface RgbFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

export function renderBackground(width: number, height: number, texture: TextureName, [a, b]: readonly [Rgb, Rgb], seed: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  const random = new Prng(seed);
  const cell = Math.max(4, Math.round(height / 6));
  const gridW = Math.ceil(width / cell) + 2;
  const grid = Float32Array.from({ length: gridW * (Math.ceil(height / cell) + 2) }, () => random.next());
  const angle = random.range(0, Math.PI);
  const period = Math.max(6, height / random.range(6, 12));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let w: number;
      if (texture === 'stripes') w = Math.floor((x * Math.cos(angle) + y * Math.sin(angle)) / period) % 2 === 0 ? 0 : 1;
      else if (texture === 'checker') w = (Math.floor(x / cell) + Math.floor(y / cell)) % 2;
      else if (texture === 'waves') w = 0.5 + 0.5 * Math.sin((x / period) * 1.3 + 2 * Math.sin(y / (period * 1.7)));
      else {
        const gx = x / cell;
        const gy = y / cell;
        const ix = Math.floor(gx);
        const iy = Math.floor(gy);
        const fx = gx - ix;
        const fy = gy - iy;
        const v = (i: number, j: number): number => grid[(iy + j) * gridW + ix + i]!;
        w = (v(0, 0) * (1 - fx) + v(1, 0) * fx) * (1 - fy) + (v(0, 1) * (1 - fx) + v(1, 1) * fx) * fy;
      }
      const o = (y * width + x) * 3;
      data[o] = a[0] + (b[0] - a[0]) * w;
      data[o + 1] = a[1] + (b[1] - a[1]) * w;
      data[o + 2] = a[2] + (b[2] - a[2]) * w;
    }
  }
  return data;
}

function polygon(shape: ShapeName, r: number): Array<[number, number]> {
  const regular = (n: number, radius: (i: number) => number, rotation: number): Array<[number, number]> =>
    Array.from({ length: n }, (_, i) => {
      const t = rotation + (i * 2 * Math.PI) / n;
      return [radius(i) * Math.cos(t), radius(i) * Math.sin(t)];
    });
  if (shape === 'triangle') return regular(3, () => r, -Math.PI / 2);
  if (shape === 'star') return regular(10, (i) => (i % 2 === 0 ? r : r * 0.45), -Math.PI / 2);
  if (shape === 'diamond') return regular(4, () => r, -Math.PI / 2);
  if (shape === 'hexagon') return regular(6, () => r, 0);
  const s = r * 0.75;
  return [[-s, -s], [s, -s], [s, s], [-s, s]];
}

function fillRow(frame: RgbFrame, y: number, x0: number, x1: number, [r, g, b]: Rgb): void {
  if (y < 0 || y >= frame.height) return;
  const from = Math.max(0, Math.ceil(x0));
  const to = Math.min(frame.width - 1, Math.floor(x1));
  for (let x = from, o = (y * frame.width + from) * 3; x <= to; x++, o += 3) {
    frame.data[o] = r;
    frame.data[o + 1] = g;
    frame.data[o + 2] = b;
  }
}

/** Fills `shape` centred at (cx, cy) with circumscribed radius `r`. */
export function drawShape(frame: RgbFrame, shape: ShapeName, cx: number, cy: number, r: number, rgb: Rgb): void {
  const top = Math.floor(cy - r);
  const bottom = Math.ceil(cy + r);
  if (shape === 'circle') {
    for (let y = top; y <= bottom; y++) {
      const dy = y + 0.5 - cy;
      if (Math.abs(dy) > r) continue;
      const half = Math.sqrt(r * r - dy * dy);
      fillRow(frame, y, cx - half, cx + half - 1, rgb);
    }
    return;
  }
  if (shape === 'cross') {
    const arm = r * 0.3;
    for (let y = top; y <= bottom; y++) {
      const dy = Math.abs(y + 0.5 - cy);
      if (dy > r * 0.85) continue;
      if (dy <= arm) fillRow(frame, y, cx - r * 0.85, cx + r * 0.85 - 1, rgb);
      else fillRow(frame, y, cx - arm, cx + arm - 1, rgb);
    }
    return;
  }
  const points = polygon(shape, r).map(([px, py]) => [cx + px, cy + py] as const);
  for (let y = top; y <= bottom; y++) {
    const sy = y + 0.5;
    const crossings: number[] = [];
    for (let i = 0; i < points.length; i++) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[(i + 1) % points.length]!;
      if ((ay <= sy && by > sy) || (by <= sy && ay > sy)) crossings.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
    }
    crossings.sort((p, q) => p - q);
    for (let i = 0; i + 1 < crossings.length; i += 2) fillRow(frame, y, crossings[i]! - 0.5, crossings[i + 1]! - 0.5, rgb);
  }
}

/** A block of small signed noise values; frames add a window of it at a per-frame offset. */
export function makeNoise(length: number, amplitude: number, seed: number): Int8Array {
  const random = new Prng(seed);
  return Int8Array.from({ length }, () => Math.round((random.next() * 2 - 1) * amplitude));
}

/** Adds `noise` (from `offset`, wrapping) to the bytes of rows y0..y1 and columns x0..x1 (inclusive), clamped. */
export function addNoise(frame: RgbFrame, noise: Int8Array, offset: number, region?: { x0: number; y0: number; x1: number; y1: number }): void {
  const { width, height, data } = frame;
  const x0 = Math.max(0, Math.floor(region?.x0 ?? 0));
  const x1 = Math.min(width - 1, Math.ceil(region?.x1 ?? width - 1));
  const y0 = Math.max(0, Math.floor(region?.y0 ?? 0));
  const y1 = Math.min(height - 1, Math.ceil(region?.y1 ?? height - 1));
  const n = noise.length;
  for (let y = y0; y <= y1; y++) {
    const from = (y * width + x0) * 3;
    const to = (y * width + x1) * 3 + 3;
    let j = (offset + from) % n;
    for (let i = from; i < to; i++) {
      const v = data[i]! + noise[j]!;
      data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
      if (++j === n) j = 0;
    }
  }
}

/** Blends an RGBA bitmap onto the frame with its top-left corner at (x, y). */
export function blendBitmap(frame: RgbFrame, bitmap: { width: number; height: number; data: Uint8Array }, x: number, y: number): void {
  const left = Math.round(x);
  const top = Math.round(y);
  for (let row = 0; row < bitmap.height; row++) {
    const fy = top + row;
    if (fy < 0 || fy >= frame.height) continue;
    for (let col = 0; col < bitmap.width; col++) {
      const fx = left + col;
      if (fx < 0 || fx >= frame.width) continue;
      const s = (row * bitmap.width + col) * 4;
      const alpha = bitmap.data[s + 3]!;
      if (alpha === 0) continue;
      const o = (fy * frame.width + fx) * 3;
      for (let c = 0; c < 3; c++) frame.data[o + c] = (bitmap.data[s + c]! * alpha + frame.data[o + c]! * (255 - alpha) + 127) / 255;
    }
  }
}
