/**
 * Greedy non-maximum suppression per label: keep the best-scoring box, drop every box of the same label
 * that overlaps it by more than `iouThreshold`, repeat. CenterNet's peak extraction already removes most
 * duplicates, but it still reports a person twice when two nearby peaks (head and body) both fire, and
 * counting people is exactly where a duplicate hurts. Written here because it is a dozen lines over
 * plain arrays, and keeping it pure lets it be tested without a tensor runtime.
 */

import { boxIou, type Detection } from './detection.js';

/**
 * The detections that survive suppression, best first.
 * @example suppressOverlaps([person 0.9 at A, person 0.5 overlapping A by 0.8], 0.5) // → [person 0.9 at A]
 */
export function suppressOverlaps(detections: readonly Detection[], iouThreshold: number): Detection[] {
  const sorted = [...detections].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const candidate of sorted) {
    const overlaps = kept.some((k) => k.classIndex === candidate.classIndex && boxIou(k.box, candidate.box) > iouThreshold);
    if (!overlaps) kept.push(candidate);
  }
  return kept;
}
