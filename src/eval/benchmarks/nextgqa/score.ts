/**
 * NExT-GQA grounding scores as doc-doc/NExT-GQA `code/TempGQA/eval_ground.py` computes them.
 * `get_tIoU(loc, span)` uses `span[0]` and `span[-1]`: a point (start == end) gets IoP 1 when inside the GT
 * segment (inclusive) and IoU 0; otherwise the intersection may be negative (disjoint or reversed spans),
 * which the maxima, starting at 0 with a strict ">", ignore. Max IoU and max IoP are taken independently
 * over the GT segments. Only predicted keys present in the GT count, in GT-file order. Acc&GQA counts
 * QA-correct questions with max IoP ≥ 0.5. In `gs` mode a normalised span is `np.round(span × duration, 1)`
 * (half to even). Everything is printed with `'{:.1f}'`.
 */

import type { OfficialReport } from '../../benchmark.js';
import { formatFixedLikePython, numpyRound } from '../../python-numbers.js';

export function nextGqaTIoU(loc: readonly number[], span: readonly number[]): { iou: number; iop: number } {
  const first = span[0]!;
  const last = span[span.length - 1]!;
  if (first === last) return { iou: 0, iop: loc[0]! <= first && first <= loc[1]! ? 1 : 0 };
  const unionStart = Math.min(loc[0]!, first);
  const unionEnd = Math.max(loc[loc.length - 1]!, last);
  const intersection = Math.min(loc[loc.length - 1]!, last) - Math.max(loc[0]!, first);
  return { iou: unionEnd > unionStart ? intersection / (unionEnd - unionStart) : 0, iop: last > first ? intersection / (last - first) : 0 };
}

/** The span scored: as given in seconds, or rounded from the normalised span in `gs` mode. */
export function nextGqaScoredSpan(span: readonly number[], duration: number, gs: boolean): number[] {
  return gs ? span.map((value) => numpyRound(value * duration, 1)) : [...span];
}

export function nextGqaMaxima(locations: ReadonlyArray<readonly number[]>, span: readonly number[]): { maxIoU: number; maxIoP: number } {
  let maxIoU = 0;
  let maxIoP = 0;
  for (const loc of locations) {
    const { iou, iop } = nextGqaTIoU(loc, span);
    if (iou > maxIoU) maxIoU = iou;
    if (iop > maxIoP) maxIoP = iop;
  }
  return { maxIoU, maxIoP };
}

export type NextGqaGroundTruth = Record<string, { duration: number; location: Record<string, number[][]>; fps?: number }>;
export type NextGqaQaResults = Record<string, { answer: number; prediction: number }>;

/** One question's maxima and QA result, in GT-file order. */
export interface NextGqaQuestionResult { key: string; maxIoU: number; maxIoP: number; qaCorrect: boolean }

/** `eval_ground` over the GT file, the prediction file and the QA result file. */
export function evalGround(gt: NextGqaGroundTruth, predictions: Readonly<Record<string, readonly number[]>>, qa: NextGqaQaResults | undefined, options: { gs?: boolean } = {}): { results: NextGqaQuestionResult[]; report: OfficialReport } {
  const results: NextGqaQuestionResult[] = [];
  for (const [vid, anno] of Object.entries(gt)) {
    for (const [qid, locations] of Object.entries(anno.location)) {
      const key = `${vid}_${qid}`;
      const predicted = predictions[key];
      if (!predicted) continue;
      const { maxIoU, maxIoP } = nextGqaMaxima(locations, nextGqaScoredSpan(predicted, anno.duration, options.gs ?? false));
      const entry = qa?.[key];
      results.push({ key, maxIoU, maxIoP, qaCorrect: entry !== undefined && entry.answer === entry.prediction });
    }
  }
  return { results, report: nextGqaReport(results, results.length) };
}

/** The aggregation of `eval_ground`, in its order of operations, with the printed lines. */
export function nextGqaReport(results: readonly NextGqaQuestionResult[], total: number, unparsed = 0): OfficialReport {
  let mIoU = 0;
  let mIoP = 0;
  let cqt = 0;
  let crt3 = 0;
  let crt5 = 0;
  let crtp3 = 0;
  let crtp5 = 0;
  for (const r of results) {
    if (r.maxIoP >= 0.3) {
      crtp3++;
      if (r.maxIoP >= 0.5) {
        crtp5++;
        if (r.qaCorrect) cqt++;
      }
    }
    if (r.maxIoU >= 0.3) {
      crt3++;
      if (r.maxIoU >= 0.5) crt5++;
    }
    mIoU += r.maxIoU;
    mIoP += r.maxIoP;
  }
  // With no prediction to score the script divides by zero; reelm reports zeros and the unparsed count.
  const cnt = results.length || Number.POSITIVE_INFINITY;
  const metrics = {
    'Acc&GQA': ((cqt * 1.0) / cnt) * 100,
    mIoP: (mIoP / cnt) * 100,
    'TIoP@0.3': ((crtp3 * 1.0) / cnt) * 100,
    'TIoP@0.5': ((crtp5 * 1.0) / cnt) * 100,
    mIoU: (mIoU / cnt) * 100,
    'TIoU@0.3': ((crt3 * 1.0) / cnt) * 100,
    'TIoU@0.5': ((crt5 * 1.0) / cnt) * 100,
  };
  const f = (value: number) => formatFixedLikePython(value, 1);
  const printed = `Acc&GQA mIoP TIoP@0.3 TIoP@0.5 mIoU TIoU@0.3 TIoU@0.5 \n${f(metrics['Acc&GQA'])} \t ${f(metrics.mIoP)}\t ${f(metrics['TIoP@0.3'])}\t ${f(metrics['TIoP@0.5'])} \t ${f(metrics.mIoU)} \t ${f(metrics['TIoU@0.3'])} \t ${f(metrics['TIoU@0.5'])}\n`;
  return { metrics, counted: results.length, total, unparsed, printed };
}
