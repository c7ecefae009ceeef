/**
 * Charades-STA metrics as lmms-eval computes them (@ 75571cf, `lmms_eval/tasks/charades_sta/`).
 * Results are keyed `video>>>caption>>>[start, end]` (Python's list repr), so a repeated key keeps its
 * first position and takes the last prediction. In-harness (`utils.py`, the default): a response that does
 * not parse to exactly one span scores IoU 0 and is counted as a bad prediction; R@1 at IoU ≥ 0.3/0.5/0.7
 * and mIoU are `× 100 / total`. Standalone (`eval_tvg.py`): an unparsed response is scored as the span
 * [gt_end + 10, gt_end + 20], and the script prints its four numbers.
 */

import type { OfficialReport } from '../../benchmark.js';
import { floatRepr } from '../../python-numbers.js';
import { extractTimeInHarness, extractTimeStandalone, type Span } from './extract-time.js';

/** `utils.py::iou`: 0 when the union is not positive. */
export function iouInHarness(a: readonly [number, number], b: readonly [number, number]): number {
  const denominator = Math.max(a[1], b[1]) - Math.min(a[0], b[0]);
  return denominator <= 0 ? 0 : Math.max(Math.min(a[1], b[1]) - Math.max(a[0], b[0]), 0) / denominator;
}

/** `eval_tvg.py::iou`: no guard (Python raises ZeroDivisionError on an empty union). */
export function iouStandalone(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.max(Math.min(a[1], b[1]) - Math.max(a[0], b[0]), 0) / (Math.max(a[1], b[1]) - Math.min(a[0], b[0]));
}

export function charadesKey(video: string, caption: string, timestamp: readonly number[]): string {
  return `${video}>>>${caption}>>>[${timestamp.map(floatRepr).join(', ')}]`;
}

export interface CharadesPrediction { video: string; caption: string; timestamp: readonly [number, number]; response: string }


export function scoreInHarness(gt: readonly [number, number], response: string): { iou: number; parsed: Span[]; bad: boolean } {
  const parsed = extractTimeInHarness(response);
  return parsed.length === 1 ? { iou: iouInHarness(gt, parsed[0]!), parsed, bad: false } : { iou: 0, parsed, bad: true };
}

export function scoreStandalone(gt: readonly [number, number], response: string): { iou: number; parsed: Span[]; scored: Span } {
  const parsed = extractTimeStandalone(response);
  const scored: Span = parsed.length === 1 ? parsed[0]! : [gt[1] + 10, gt[1] + 20];
  return { iou: iouStandalone(gt, scored), parsed, scored };
}

function recall(ious: readonly number[], threshold: number): number {
  return ious.length ? (ious.filter((iou) => iou >= threshold).length * 100) / ious.length : 0;
}

/** One scored key of the combined submission. */
export interface CharadesKeyResult { iou: number; unparsed: boolean; response?: string }

/** Collapses per-prediction results by key: first position, last value. */
export function collapseByKey<T>(entries: ReadonlyArray<{ key: string; value: T }>): T[] {
  const combined = new Map<string, T>();
  for (const entry of entries) combined.set(entry.key, entry.value);
  return [...combined.values()];
}

/** `_temporal_grounding_compute_metrics` over the unique keys' results. */
export function inHarnessMetrics(results: readonly CharadesKeyResult[], predictions = results.length): OfficialReport {
  const ious = results.map((r) => r.iou);
  const bad = results.filter((r) => r.unparsed).length;
  const total = ious.length;
  let sum = 0;
  for (const iou of ious) sum += iou;
  return {
    metrics: { 'charades_sta_IOU@3': recall(ious, 0.3), 'charades_sta_IOU@5': recall(ious, 0.5), 'charades_sta_IOU@7': recall(ious, 0.7), charades_sta_mIOU: total ? (sum * 100) / total : 0 },
    counted: total, total: predictions, unparsed: bad, printed: `Charades-STA bad predictions: ${bad}/${total}\n`,
  };
}

/** `eval_tvg.py`'s numbers and stdout over the unique keys' results (unparsed ones already scored on the fallback span). */
export function standaloneMetrics(results: readonly CharadesKeyResult[], predictions = results.length): OfficialReport {
  const ious = results.map((r) => r.iou);
  const lines = results.filter((r) => r.unparsed).map((r) => `pred=${r.response ?? ''},timestamps=[]`);
  const num = ious.length;
  let sum = 0;
  for (const iou of ious) sum += iou;
  const metrics = { 'IOU 0.3': recall(ious, 0.3), 'IOU 0.5': recall(ious, 0.5), 'IOU 0.7': recall(ious, 0.7), mIOU: (sum * 100) / num };
  lines.push(`IOU 0.3: ${floatRepr(metrics['IOU 0.3'])}`, `IOU 0.5: ${floatRepr(metrics['IOU 0.5'])}`, `IOU 0.7: ${floatRepr(metrics['IOU 0.7'])}`, `mIOU ${floatRepr(metrics.mIOU)}`);
  return { metrics, counted: num, total: predictions, unparsed: results.filter((r) => r.unparsed).length, printed: `${lines.join('\n')}\n` };
}

function keyed(predictions: readonly CharadesPrediction[]): CharadesPrediction[] {
  return collapseByKey(predictions.map((p) => ({ key: charadesKey(p.video, p.caption, p.timestamp), value: p })));
}

/** The in-harness report from raw responses (what `eval score` runs on a submission file). */
export function charadesInHarnessReport(predictions: readonly CharadesPrediction[]): OfficialReport {
  return inHarnessMetrics(keyed(predictions).map((p) => {
    const result = scoreInHarness(p.timestamp, p.response);
    return { iou: result.iou, unparsed: result.bad };
  }), predictions.length);
}

/** The standalone report from raw responses, stdout included. */
export function charadesStandaloneReport(predictions: readonly CharadesPrediction[]): OfficialReport {
  return standaloneMetrics(keyed(predictions).map((p) => {
    const result = scoreStandalone(p.timestamp, p.response);
    return { iou: result.iou, unparsed: result.parsed.length !== 1, response: p.response };
  }), predictions.length);
}
