/**
 * `eval_submission` of QVHighlights' `standalone_eval/eval.py` (jayleicn/moment_detr): moment retrieval
 * per GT-length range and highlight detection per saliency level, with the "brief" summary the paper
 * tables quote. The result has the shape of the script's metrics JSON
 * (`standalone_eval/sample_val_preds_metrics_raw.json`), numbers already rounded as it rounds them.
 */

import { ConfigError } from '../../../core/errors.js';
import { evaluateHighlights, type HighlightScores } from './highlight-detection.js';
import { momentRetrievalAP, momentRetrievalR1, restrictToLengthRange, type MomentRetrievalScores } from './moment-retrieval.js';
import type { QvhighlightsPrediction, QvhighlightsQuery } from './records.js';

export const lengthRanges = Object.freeze({ short: [0, 10], middle: [10, 30], long: [30, 150], full: [0, 150] } as const);

export interface QvhighlightsMetrics {
  brief: Record<string, number>;
  [section: string]: Record<string, number> | MomentRetrievalScores | HighlightScores;
}

/** Scores a submission; like the script, the query ids of both sides must match exactly. */
export function evaluateSubmission(submission: readonly QvhighlightsPrediction[], truth: readonly QvhighlightsQuery[]): QvhighlightsMetrics {
  const predicted = new Set(submission.map((p) => p.qid));
  const annotated = new Set(truth.map((q) => q.qid));
  const missing = [...annotated].filter((qid) => !predicted.has(qid));
  const extra = [...predicted].filter((qid) => !annotated.has(qid));
  if (missing.length || extra.length) {
    throw new ConfigError('predictions', `query ids must match the annotation file (as eval.py asserts): ${missing.length} annotated queries have no prediction (e.g. ${missing.slice(0, 3).join(', ') || '—'}), ${extra.length} predictions have no annotation (e.g. ${extra.slice(0, 3).join(', ') || '—'}).`);
  }
  if (submission.length === 0) throw new ConfigError('predictions', 'holds no predictions.');
  const sections: Record<string, MomentRetrievalScores | Record<string, HighlightScores[keyof HighlightScores]> | HighlightScores> = {};
  const brief: Record<string, number> = {};
  const first = submission[0]!;
  if (first.pred_relevant_windows !== undefined) {
    const byRange: Record<string, MomentRetrievalScores> = {};
    for (const [name, range] of Object.entries(lengthRanges)) {
      const part = restrictToLengthRange(submission, truth, range);
      byRange[name] = { 'MR-mAP': momentRetrievalAP(part.submission, part.truth), 'MR-R1': momentRetrievalR1(part.submission, part.truth) };
    }
    const full = byRange.full!;
    const mr: Record<string, number> = {
      'MR-full-mAP': full['MR-mAP'].average!,
      'MR-full-mAP@0.5': full['MR-mAP']['0.5']!,
      'MR-full-mAP@0.75': full['MR-mAP']['0.75']!,
      'MR-short-mAP': byRange.short!['MR-mAP'].average!,
      'MR-middle-mAP': byRange.middle!['MR-mAP'].average!,
      'MR-long-mAP': byRange.long!['MR-mAP'].average!,
      'MR-full-R1@0.5': full['MR-R1']['0.5']!,
      'MR-full-R1@0.7': full['MR-R1']['0.7']!,
    };
    for (const key of Object.keys(mr).sort()) brief[key] = mr[key]!;
    Object.assign(sections, byRange);
  }
  if (first.pred_saliency_scores !== undefined) {
    const highlights = evaluateHighlights(submission, truth);
    for (const [level, scores] of Object.entries(highlights)) {
      brief[`${level}-mAP`] = scores['HL-mAP'];
      brief[`${level}-Hit1`] = scores['HL-Hit1'];
    }
    Object.assign(sections, highlights);
  }
  const metrics: QvhighlightsMetrics = { brief };
  for (const key of Object.keys(sections).sort()) metrics[key] = sections[key] as MomentRetrievalScores;
  return metrics;
}
