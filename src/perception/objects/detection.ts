/**
 * One detector finding in one frame: a COCO label, the model's score, and a box as fractions of the
 * displayed frame (upright, 0–1, clipped to the frame).
 */

import type { SignalBox } from '../signal.js';

export interface Detection {
  /** COCO class index (0 = person). */
  classIndex: number;
  label: string;
  /** The detector's class score, 0–1. */
  score: number;
  box: SignalBox;
}

/** Intersection over union of two boxes. */
export function boxIou(a: SignalBox, b: SignalBox): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  return intersection / (a.width * a.height + b.width * b.height - intersection);
}

/** A box from corner coordinates, clipped to [0, 1]; `undefined` when nothing is left. */
export function boxFromCorners(x1: number, y1: number, x2: number, y2: number): SignalBox | undefined {
  const left = Math.max(0, Math.min(x1, x2)), top = Math.max(0, Math.min(y1, y2));
  const right = Math.min(1, Math.max(x1, x2)), bottom = Math.min(1, Math.max(y1, y2));
  if (right <= left || bottom <= top) return undefined;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
