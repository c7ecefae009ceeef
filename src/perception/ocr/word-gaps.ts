/**
 * Spaces the recogniser leaves out. The Chinese PP-OCRv4 model rarely emits its space class (spaces are
 * rare in its training text), so "Exit 12" reads "Exit12". A word gap is visible in the pixels, though:
 * a run of ink-free columns wider than ~0.28 of the line height, where gaps between letters of a word
 * are well under that. Ink is found with Otsu's threshold, taking the minority class as text; on busy
 * backgrounds noise fills the gaps, and then no space is added (never worse than the model alone).
 * Written by hand: it is a few lines over pixels we already hold, not worth an image library.
 */

/** Gap ≥ this × crop height counts as a word break. */
const minGapRatio = 0.28;

function otsuThreshold(gray: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const v of gray) histogram[v]! += 1;
  let total = 0;
  for (let v = 0; v < 256; v++) total += v * histogram[v]!;
  let best = 0, bestVariance = -1, below = 0, belowSum = 0;
  for (let t = 0; t < 256; t++) {
    below += histogram[t]!;
    belowSum += t * histogram[t]!;
    const above = gray.length - below;
    if (below === 0 || above === 0) continue;
    const diff = belowSum / below - (total - belowSum) / above;
    const variance = below * above * diff * diff;
    if (variance > bestVariance) [best, bestVariance] = [t, variance];
  }
  return best;
}

/**
 * Centres (in columns) of the word gaps of a text-line crop in packed RGB.
 * @example wordGapCenters(cropPixels, 426, 48) // → [131.5, 262]
 */
export function wordGapCenters(pixels: Uint8Array, width: number, height: number): number[] {
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    gray[i] = Math.round(0.299 * pixels[i * 3]! + 0.587 * pixels[i * 3 + 1]! + 0.114 * pixels[i * 3 + 2]!);
  }
  const threshold = otsuThreshold(gray);
  let bright = 0;
  for (const v of gray) if (v > threshold) bright += 1;
  const inkIsBright = bright < gray.length / 2;
  const top = Math.floor(height * 0.15), bottom = Math.ceil(height * 0.85);
  const inked: boolean[] = [];
  for (let x = 0; x < width; x++) {
    let count = 0;
    for (let y = top; y < bottom; y++) if (gray[y * width + x]! > threshold === inkIsBright) count += 1;
    inked.push(count >= 2);
  }
  const first = inked.indexOf(true), last = inked.lastIndexOf(true);
  const centers: number[] = [];
  let runStart = -1;
  for (let x = first; first >= 0 && x <= last; x++) {
    if (!inked[x] && runStart < 0) runStart = x;
    if (inked[x] && runStart >= 0) {
      if (x - runStart >= minGapRatio * height) centers.push((runStart + x - 1) / 2);
      runStart = -1;
    }
  }
  return centers;
}

/**
 * Joins recognised symbols (with the time step each was read at), adding a space wherever a word gap
 * falls between two symbols and the model did not already put one there.
 */
export function joinWithGaps(symbols: ReadonlyArray<{ text: string; step: number }>, gapSteps: readonly number[]): string {
  let text = '';
  symbols.forEach((symbol, i) => {
    const previous = symbols[i - 1];
    if (previous && symbol.text !== ' ' && !text.endsWith(' ')) {
      if (gapSteps.some((gap) => gap > previous.step && gap < symbol.step)) text += ' ';
    }
    text += symbol.text;
  });
  return text;
}
