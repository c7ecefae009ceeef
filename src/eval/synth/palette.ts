/**
 * The look of synthetic videos: RGB for each named colour, background palettes and textures, and the
 * `shifted` variant that re-renders the same script with other hues and swapped textures. These tables
 * belong to the generator alone: the oracle model must read colours from pixels, never from here.
 */

import type { ColourName, TextureName } from './scene-script.js';

export type RenderVariant = 'base' | 'shifted';
export const renderVariants: readonly RenderVariant[] = ['base', 'shifted'];

export type Rgb = readonly [number, number, number];

const baseColours: Record<ColourName, Rgb> = {
  red: [220, 30, 35],
  orange: [245, 135, 20],
  yellow: [245, 225, 30],
  green: [40, 175, 60],
  cyan: [30, 205, 215],
  blue: [35, 70, 215],
  purple: [135, 45, 185],
  pink: [245, 120, 190],
  white: [250, 250, 250],
  black: [15, 15, 15],
};

/** Muted, mid-value background pairs, so every named colour stands out. */
const backgroundPalettes: ReadonlyArray<readonly [Rgb, Rgb]> = [
  [[112, 118, 110], [138, 142, 132]],
  [[128, 116, 104], [150, 140, 126]],
  [[100, 110, 124], [126, 134, 146]],
  [[118, 108, 120], [142, 134, 144]],
  [[106, 120, 118], [132, 144, 140]],
  [[124, 124, 100], [146, 146, 126]],
];
export const backgroundPaletteCount = backgroundPalettes.length;

const shiftedTexture: Record<TextureName, TextureName> = { stripes: 'checker', checker: 'stripes', 'value-noise': 'waves', waves: 'value-noise' };

function rgbToHsl([r, g, b]: Rgb): [number, number, number] {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4;
  return [h * 60, s, l];
}

function hslToRgb(h: number, s: number, l: number): Rgb {
  const k = (n: number): number => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))));
  return [f(0), f(8), f(4)];
}

/** A hue nudge small enough that every colour keeps its name (red stays red), plus a lightness change. */
function shift(rgb: Rgb): Rgb {
  const [h, s, l] = rgbToHsl(rgb);
  if (s < 0.05) return rgb.map((v) => (v > 128 ? v - 14 : v + 22)) as unknown as Rgb;
  return hslToRgb((h + 8 + 360) % 360, Math.min(1, s * 0.9), Math.min(0.8, Math.max(0.25, l * 0.92)));
}

export function colourRgb(name: ColourName, variant: RenderVariant): Rgb {
  const rgb = baseColours[name];
  return variant === 'shifted' ? shift(rgb) : rgb;
}

export function backgroundColours(palette: number, variant: RenderVariant): readonly [Rgb, Rgb] {
  const pair = backgroundPalettes[palette % backgroundPalettes.length]!;
  return variant === 'shifted' ? [pair[1], pair[0]] : pair;
}

export function textureFor(texture: TextureName, variant: RenderVariant): TextureName {
  return variant === 'shifted' ? shiftedTexture[texture] : texture;
}

/** Words shown on screen: short, common and unambiguous when read aloud. */
export const wordList: readonly string[] = [
  'apple', 'river', 'candle', 'garden', 'rocket', 'pencil', 'winter', 'saucer', 'forest', 'bridge',
  'planet', 'window', 'kettle', 'tiger', 'anchor', 'castle', 'mirror', 'harbor', 'violin', 'desert',
  'island', 'basket', 'meadow', 'falcon', 'lantern', 'marble', 'summit', 'velvet', 'canyon', 'puzzle',
  'thunder', 'saddle', 'glacier', 'pepper', 'ribbon', 'compass', 'tunnel', 'jungle', 'walnut', 'beacon',
];
