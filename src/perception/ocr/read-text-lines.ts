/**
 * Text recognition with PP-OCRv4 rec (an SVTR-style CTC model): each detected box is cropped, scaled to
 * height 48 keeping its aspect, normalised to [−1, 1] in BGR order, padded on the right, and decoded
 * greedily (best class per time step, repeats merged, blanks dropped).
 *
 * Facts carried over from PaddleOCR's rec config and inference code: input height 48 and a minimum width
 * of 320 (short lines are padded, not stretched, and long lines widen the batch instead of being
 * squeezed); lines are batched in groups of 6 sorted by aspect so padding stays small; the model ends in
 * a softmax, so its outputs are already probabilities. Spaces the model leaves out are restored from
 * the pixels (`word-gaps.ts`).
 */

import { throwIfAborted } from '../../core/errors.js';
import type { OcrModels } from './ocr-models.js';
import { resizeRgb, type RgbImage, type TextBox } from './rgb-image.js';
import { joinWithGaps, wordGapCenters } from './word-gaps.js';

export const recognitionDefaults = {
  height: 48,
  minWidth: 320,
  /** Lines wider than this (after scaling to height 48) are squeezed; bounds the cost of one batch. */
  maxWidth: 1600,
  batchSize: 6,
};

export interface TextLine {
  text: string;
  /** Each recognised symbol with the time step (8-pixel column of the input) it was read at. */
  symbols: Array<{ text: string; step: number }>;
  /** Mean of the per-character maximum probabilities; 0 when nothing was read. */
  confidence: number;
}

/**
 * Greedy CTC decoding of one line's [steps × classes] probabilities.
 * @example decodeCtcGreedy(probs, 40, classes.length, classes) // → { text: 'Exit 12', symbols, confidence: 0.97 }
 */
export function decodeCtcGreedy(probs: Float32Array, steps: number, classCount: number, classes: readonly string[], offset = 0): TextLine {
  const symbols: Array<{ text: string; step: number }> = [];
  let sum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classCount;
    let best = 0;
    let bestProb = probs[base]!;
    for (let k = 1; k < classCount; k++) {
      const p = probs[base + k]!;
      if (p > bestProb) [best, bestProb] = [k, p];
    }
    if (best !== 0 && best !== previous) {
      symbols.push({ text: classes[best] ?? '', step: t });
      sum += bestProb;
      kept += 1;
    }
    previous = best;
  }
  return { text: symbols.map((s) => s.text).join(''), symbols, confidence: kept > 0 ? sum / kept : 0 };
}

/** Writes one resized crop into the batch tensor (BGR planes, (x/255 − 0.5)/0.5); the rest stays 0. */
function writeCrop(tensor: Float32Array, slot: number, pixels: Uint8Array, cropWidth: number, height: number, batchWidth: number): void {
  const plane = height * batchWidth;
  const base = slot * 3 * plane;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < cropWidth; x++) {
      const from = (y * cropWidth + x) * 3;
      const to = y * batchWidth + x;
      for (let c = 0; c < 3; c++) tensor[base + c * plane + to] = pixels[from + (2 - c)]! / 127.5 - 1;
    }
  }
}

/** Reads the text in each box of `image`, in the order given. */
export async function readTextLines(
  models: Pick<OcrModels, 'ort' | 'recognition' | 'characters'>,
  image: RgbImage,
  boxes: readonly TextBox[],
  settings = recognitionDefaults,
  signal?: AbortSignal,
): Promise<TextLine[]> {
  const { height } = settings;
  const widths = boxes.map((box) => Math.max(1, Math.min(settings.maxWidth, Math.ceil((height * box.width) / box.height))));
  const order = boxes.map((_, i) => i).sort((a, b) => widths[a]! - widths[b]!);
  const results: TextLine[] = boxes.map(() => ({ text: '', symbols: [], confidence: 0 }));
  for (let start = 0; start < order.length; start += settings.batchSize) {
    throwIfAborted(signal);
    const group = order.slice(start, start + settings.batchSize);
    const batchWidth = Math.max(settings.minWidth, ...group.map((i) => widths[i]!));
    const tensor = new Float32Array(group.length * 3 * height * batchWidth);
    const crops = await Promise.all(group.map((i) => resizeRgb(image, widths[i]!, height, boxes[i])));
    crops.forEach((pixels, slot) => writeCrop(tensor, slot, pixels, widths[group[slot]!]!, height, batchWidth));
    const session = models.recognition;
    const input = new models.ort.Tensor('float32', tensor, [group.length, 3, height, batchWidth]);
    const outputs = await session.run({ [session.inputNames[0]!]: input });
    const output = outputs[session.outputNames[0]!]!;
    const [, steps, classCount] = output.dims as number[];
    const data = output.data as Float32Array;
    const columnsPerStep = batchWidth / steps!;
    group.forEach((index, slot) => {
      const line = decodeCtcGreedy(data, steps!, classCount!, models.characters, slot * steps! * classCount!);
      const gapSteps = wordGapCenters(crops[slot]!, widths[index]!, height).map((x) => x / columnsPerStep - 0.5);
      results[index] = { ...line, text: joinWithGaps(line.symbols, gapSteps) };
    });
  }
  return results;
}
