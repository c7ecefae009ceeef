/**
 * Moment retrieval metrics by the rules of QVHighlights' `standalone_eval/eval.py` and `utils.py`
 * (jayleicn/moment_detr): per-query interpolated average precision over the first 10 listed windows at
 * IoU 0.50:0.05:0.95 (a prediction matches the highest-IoU unmatched GT window; windows ranked by score),
 * averaged over queries; R1 = the first listed window against the GT window it overlaps most, with the
 * script's "paired" IoU whose union is the hull of the two windows; length ranges short (0,10], middle
 * (10,30], long (30,150] keep only GT windows of that length.
 */

import { numpyMean, pairwiseSum, roundLikePython } from '../../predictions/numpy-mean.js';
import type { QvhighlightsPrediction, QvhighlightsQuery, Window } from './records.js';

/** `[float(f"{e:.2f}") for e in np.linspace(0.5, 0.95, 10)]`. */
export const iouThresholds = Object.freeze([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
const thresholdNames = Object.freeze(['0.5', '0.55', '0.6', '0.65', '0.7', '0.75', '0.8', '0.85', '0.9', '0.95']);

export const maxPredictedWindows = 10;

/** IoU with the true union (`compute_temporal_iou_batch_cross`). */
export function crossIoU(a: readonly number[], b: readonly number[]): number {
  const inter = Math.max(Math.min(a[1]!, b[1]!) - Math.max(a[0]!, b[0]!), 0);
  const union = (a[1]! - a[0]!) + (b[1]! - b[0]!) - inter;
  return inter / union;
}

/** IoU over the hull of both windows (`compute_temporal_iou_batch_paired`, "not the correct union though"). */
export function pairedIoU(a: readonly number[], b: readonly number[]): number {
  const inter = Math.max(0, Math.min(a[1]!, b[1]!) - Math.max(a[0]!, b[0]!));
  const union = Math.max(a[1]!, b[1]!) - Math.min(a[0]!, b[0]!);
  return union !== 0 ? inter / union : 0;
}

/** VOC-style interpolated AP (`interpolated_precision_recall`). */
function interpolatedAP(precision: readonly number[], recall: readonly number[]): number {
  const p = [0, ...precision, 0];
  const r = [0, ...recall, 1];
  for (let i = p.length - 2; i >= 0; i -= 1) p[i] = Math.max(p[i]!, p[i + 1]!);
  const terms: number[] = [];
  for (let i = 1; i < r.length; i += 1) if (r[i] !== r[i - 1]) terms.push((r[i]! - r[i - 1]!) * p[i]!);
  return pairwiseSum(terms);
}

/** AP per threshold for one query (`compute_average_precision_detection`). */
export function queryAveragePrecision(truth: readonly Window[], predicted: ReadonlyArray<readonly number[]>, thresholds: readonly number[] = iouThresholds): number[] {
  const ap = thresholds.map(() => 0);
  if (predicted.length === 0) return ap;
  // Stable sort by decreasing score, as Python's list.sort.
  const ranked = [...predicted].sort((a, b) => b[2]! - a[2]!);
  const locked = thresholds.map(() => truth.map(() => -1));
  const tp = thresholds.map(() => ranked.map(() => 0));
  const fp = thresholds.map(() => ranked.map(() => 0));
  ranked.forEach((window, index) => {
    if (truth.length === 0) {
      thresholds.forEach((_, t) => { fp[t]![index] = 1; });
      return;
    }
    const ious = truth.map((gt) => crossIoU(window, gt));
    // argsort()[::-1]: descending IoU; among equal IoUs the later GT window first.
    const order = ious.map((_, j) => j).sort((a, b) => ious[b]! - ious[a]! || b - a);
    thresholds.forEach((threshold, t) => {
      for (const j of order) {
        if (ious[j]! < threshold) { fp[t]![index] = 1; break; }
        if (locked[t]![j]! >= 0) continue;
        tp[t]![index] = 1;
        locked[t]![j] = index;
        break;
      }
      if (fp[t]![index] === 0 && tp[t]![index] === 0) fp[t]![index] = 1;
    });
  });
  return thresholds.map((_, t) => {
    let tpSum = 0;
    let fpSum = 0;
    const precision: number[] = [];
    const recall: number[] = [];
    ranked.forEach((_, index) => {
      tpSum += tp[t]![index]!;
      fpSum += fp[t]![index]!;
      recall.push(tpSum / truth.length);
      precision.push(tpSum / (tpSum + fpSum));
    });
    return interpolatedAP(precision, recall);
  });
}

export interface MomentRetrievalScores {
  'MR-mAP': Record<string, number>;
  'MR-R1': Record<string, number>;
}

/** `get_data_by_range`: GT windows with length in (min, max]; queries with none left are dropped. */
export function restrictToLengthRange(submission: readonly QvhighlightsPrediction[], truth: readonly QvhighlightsQuery[], range: readonly [number, number]): { submission: QvhighlightsPrediction[]; truth: QvhighlightsQuery[] } {
  const [min, max] = range;
  if (min === 0 && max === 150) return { submission: [...submission], truth: [...truth] };
  const kept: QvhighlightsQuery[] = [];
  for (const query of truth) {
    const windows = query.relevant_windows.filter((w) => min < w[1] - w[0] && w[1] - w[0] <= max);
    if (windows.length) kept.push({ ...query, relevant_windows: windows });
  }
  const qids = new Set(kept.map((q) => q.qid));
  return { submission: submission.filter((p) => qids.has(p.qid)), truth: kept };
}

/** `compute_mr_ap`: mAP per threshold and their average, ×100, rounded to 2 decimals as the script does. */
export function momentRetrievalAP(submission: readonly QvhighlightsPrediction[], truth: readonly QvhighlightsQuery[]): Record<string, number> {
  const predictedByQid = new Map<number, number[][]>();
  for (const p of submission) {
    const list = predictedByQid.get(p.qid) ?? [];
    list.push(...(p.pred_relevant_windows ?? []).slice(0, maxPredictedWindows));
    predictedByQid.set(p.qid, list);
  }
  const truthByQid = new Map<number, Window[]>();
  for (const q of truth) truthByQid.set(q.qid, [...(truthByQid.get(q.qid) ?? []), ...q.relevant_windows]);
  const rows = [...predictedByQid].map(([qid, windows]) => queryAveragePrecision(truthByQid.get(qid) ?? [], windows));
  // ap_array.mean(0): a column-wise reduction, summed row after row.
  const perThreshold = iouThresholds.map((_, t) => rows.reduce((sum, r) => sum + r[t]!, 0) / rows.length);
  const result: Record<string, number> = {};
  thresholdNames.forEach((name, t) => { result[name] = roundLikePython(100 * perThreshold[t]!, 2); });
  result.average = roundLikePython(100 * numpyMean(perThreshold), 2);
  return result;
}

/** `compute_mr_r1`: recall of the first listed window at each threshold, ×100, 2 decimals. */
export function momentRetrievalR1(submission: readonly QvhighlightsPrediction[], truth: readonly QvhighlightsQuery[]): Record<string, number> {
  const firstWindow = new Map<number, number[]>();
  for (const p of submission) firstWindow.set(p.qid, (p.pred_relevant_windows?.[0] ?? [0, 0]).slice(0, 2));
  const bestTruth = new Map<number, readonly number[]>();
  for (const q of truth) {
    let best = 0;
    if (q.relevant_windows.length > 0 && firstWindow.has(q.qid)) {
      const ious = q.relevant_windows.map((w) => crossIoU(firstWindow.get(q.qid)!, w));
      ious.forEach((iou, j) => { if (iou > ious[best]!) best = j; });
    }
    bestTruth.set(q.qid, q.relevant_windows[best] ?? [0, 0]);
  }
  const ious = [...firstWindow].map(([qid, window]) => pairedIoU(window, bestTruth.get(qid) ?? [0, 0]));
  const result: Record<string, number> = {};
  iouThresholds.forEach((threshold, t) => {
    const hits = ious.filter((iou) => iou >= threshold).length;
    result[thresholdNames[t]!] = roundLikePython((hits / ious.length) * 100, 2);
  });
  return result;
}
