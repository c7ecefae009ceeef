/**
 * Text detection with PP-OCRv4 det and the "differentiable binarization" (DB) post-processing.
 *
 * Facts carried over from PaddleOCR's det configs: the image is scaled so its longer side is at most
 * 960 and each side is a multiple of 32; pixels are in BGR order (PaddleOCR reads with OpenCV, and the
 * models were trained that way) normalised with ImageNet mean/std; the probability map is thresholded at
 * 0.3, a region scoring under 0.6 (mean probability inside its box) is dropped, and boxes are grown by
 * `area × 1.5 / perimeter` because the model predicts shrunk text kernels.
 *
 * Written by hand: PaddleOCR finds contours and minimum-area rectangles with OpenCV, which Node has no
 * maintained binding for. Here regions are connected components with axis-aligned boxes, which is
 * what on-screen text (captions, labels, signs facing the camera) needs; rotated text gets a looser box.
 */

import type { InferenceSession } from 'onnxruntime-node';
import type { OcrModels } from './ocr-models.js';
import { resizeRgb, type RgbImage, type TextBox } from './rgb-image.js';

export const detectionDefaults = {
  maxSide: 960,
  binaryThreshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  minSide: 3,
  maxCandidates: 1000,
};

export type DetectionSettings = typeof detectionDefaults;

const mean = [0.485, 0.456, 0.406] as const;
const std = [0.229, 0.224, 0.225] as const;

/** The detector's input size: longer side at most `maxSide`, both sides rounded to multiples of 32. */
export function detectionInputSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const round32 = (side: number) => Math.max(32, Math.round((side * scale) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}

/** Fills an NCHW float tensor in BGR order, normalised with the det config's mean/std. */
function detectionTensor(pixels: Uint8Array, width: number, height: number): Float32Array {
  const plane = width * height;
  const tensor = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      const value = pixels[i * 3 + (2 - c)]! / 255; // channel c of BGR is RGB channel 2 − c
      tensor[c * plane + i] = (value - mean[c]!) / std[c]!;
    }
  }
  return tensor;
}

/**
 * DB post-processing on a probability map: connected components (8-neighbour) of `prob > threshold`,
 * scored, grown and returned in map coordinates.
 */
export function boxesFromProbabilityMap(
  prob: Float32Array,
  width: number,
  height: number,
  settings: DetectionSettings = detectionDefaults,
): Array<TextBox & { score: number }> {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const boxes: Array<TextBox & { score: number }> = [];
  for (let start = 0; start < prob.length && boxes.length < settings.maxCandidates; start++) {
    if (seen[start] || prob[start]! <= settings.binaryThreshold) continue;
    let minX = width, minY = height, maxX = -1, maxY = -1;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % width, y = (at - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (seen[next] || prob[next]! <= settings.binaryThreshold) continue;
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    const w = maxX - minX + 1, h = maxY - minY + 1;
    if (Math.min(w, h) < settings.minSide) continue;
    let sum = 0;
    for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) sum += prob[y * width + x]!;
    const score = sum / (w * h);
    if (score < settings.boxThreshold) continue;
    const grow = (w * h * settings.unclipRatio) / (2 * (w + h));
    if (Math.min(w, h) + 2 * grow < settings.minSide + 2) continue;
    boxes.push({ x: minX - grow, y: minY - grow, width: w + 2 * grow, height: h + 2 * grow, score });
  }
  return boxes;
}

/** Reading order: top to bottom, and left to right within a line (tops within 10 px share a line). */
export function sortReadingOrder<T extends TextBox>(boxes: T[]): T[] {
  const sorted = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0; j--) {
      const [prev, cur] = [sorted[j - 1]!, sorted[j]!];
      if (Math.abs(cur.y - prev.y) < 10 && cur.x < prev.x) [sorted[j - 1], sorted[j]] = [cur, prev];
      else break;
    }
  }
  return sorted;
}

/** Finds text regions in `image`; boxes are integer pixels of the input, clipped to it. */
export async function detectTextBoxes(
  models: Pick<OcrModels, 'ort' | 'detection'>,
  image: RgbImage,
  settings: DetectionSettings = detectionDefaults,
): Promise<Array<TextBox & { score: number }>> {
  const size = detectionInputSize(image.width, image.height, settings.maxSide);
  const pixels = await resizeRgb(image, size.width, size.height);
  const input = new models.ort.Tensor('float32', detectionTensor(pixels, size.width, size.height), [1, 3, size.height, size.width]);
  const session: InferenceSession = models.detection;
  const outputs = await session.run({ [session.inputNames[0]!]: input });
  const output = outputs[session.outputNames[0]!]!;
  const [, , mapHeight, mapWidth] = output.dims as number[];
  const found = boxesFromProbabilityMap(output.data as Float32Array, mapWidth!, mapHeight!, settings);
  const sx = image.width / mapWidth!, sy = image.height / mapHeight!;
  const clipped = found.flatMap((box) => {
    const x0 = Math.max(0, Math.floor(box.x * sx)), y0 = Math.max(0, Math.floor(box.y * sy));
    const x1 = Math.min(image.width, Math.ceil((box.x + box.width) * sx));
    const y1 = Math.min(image.height, Math.ceil((box.y + box.height) * sy));
    return x1 - x0 >= 2 && y1 - y0 >= 2 ? [{ x: x0, y: y0, width: x1 - x0, height: y1 - y0, score: box.score }] : [];
  });
  return sortReadingOrder(clipped);
}
