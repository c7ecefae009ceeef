/**
 * The oracle's own colour vocabulary: the basic colour terms most people (and vision-language models)
 * use, named from HSV — white, black and grey by saturation and value, the rest by hue range — so a
 * colour keeps its name when its hue drifts a little or its lightness changes. The ranges are the usual
 * ones of the colour wheel (red around 0°, yellow 60°, green 120°, cyan 180°, blue 240°, purple ~280°,
 * pink ~320° or a light red), not any particular renderer's palette.
 */

export type Rgb = readonly [number, number, number];

export const colourVocabulary = ['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'pink', 'white', 'black', 'grey', 'brown'] as const;

/** Hue ranges in degrees, [from, to), for saturated colours. */
const hueRanges: ReadonlyArray<readonly [number, number, string]> = [
  [0, 14, 'red'],
  [14, 46, 'orange'],
  [46, 75, 'yellow'],
  [75, 165, 'green'],
  [165, 207, 'cyan'],
  [207, 258, 'blue'],
  [258, 298, 'purple'],
  [298, 346, 'pink'],
  [346, 361, 'red'],
];

export function rgbToHsv([r, g, b]: Rgb): { h: number; s: number; v: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d > 0) h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s: max === 0 ? 0 : d / max, v: max / 255 };
}

/**
 * The basic colour name of an sRGB colour.
 * @example nameColour([230, 40, 40]) // 'red'
 */
export function nameColour(rgb: Rgb): string {
  const { h, s, v } = rgbToHsv(rgb);
  if (v < 0.22) return 'black';
  if (s < 0.22) return v > 0.75 ? 'white' : v < 0.3 ? 'black' : 'grey';
  const name = hueRanges.find(([from, to]) => h >= from && h < to)?.[2] ?? 'red';
  if (name === 'orange' && v < 0.55) return 'brown';
  // A light, not fully saturated red reads as pink.
  if (name === 'red' && s < 0.6 && v > 0.8) return 'pink';
  return name;
}
