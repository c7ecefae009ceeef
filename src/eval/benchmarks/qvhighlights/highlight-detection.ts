/**
 * Highlight detection metrics by the rules of QVHighlights' `standalone_eval/eval.py` and `utils.get_ap`
 * (jayleicn/moment_detr): clip scores of the three annotators made binary at Fair ≥ 2, Good ≥ 3,
 * VeryGood ≥ 4 over `int(duration / 2)` clips; HIT@1 = the top-scored clip is positive for any annotator;
 * mAP = per query and annotator, the mean of the running-max precision at each recall step of
 * scikit-learn's `precision_recall_curve` (predictions truncated or zero-padded to the clip count;
 * all-negative truth scores 0, all-positive 1), averaged over all of them.
 */

import { ConfigError } from '../../../core/errors.js';
import { numpyMean, roundLikePython } from '../../predictions/numpy-mean.js';
import { clipSeconds, type QvhighlightsPrediction, type QvhighlightsQuery } from './records.js';

export const saliencyLevels = Object.freeze([
  { name: 'Fair', minimum: 2 },
  { name: 'Good', minimum: 3 },
  { name: 'VeryGood', minimum: 4 },
] as const);

/** `mk_gt_scores`: (#clips × 3) annotator scores over the whole video, zero outside relevant clips. */
export function clipScores(query: QvhighlightsQuery): number[][] {
  const clips = Math.trunc(query.duration / clipSeconds);
  const scores = Array.from({ length: clips }, () => [0, 0, 0]);
  query.relevant_clip_ids.forEach((clip, i) => {
    if (clip >= clips) throw new ConfigError(`qid ${query.qid}`, `relevant clip ${clip} lies past the ${clips} clips of a ${query.duration} s video.`);
    scores[clip] = [...(query.saliency_scores[i] ?? [0, 0, 0])];
  });
  return scores;
}

/**
 * scikit-learn's `precision_recall_curve` followed by `get_ap(interpolate=True)`: thresholds at the
 * distinct scores from high to low, running max of precision from the lowest threshold upward, mean of
 * precision where recall changes.
 */
export function saliencyAveragePrecision(truth: readonly number[], predicted: readonly number[]): number {
  const labels = new Set(truth);
  if (labels.size === 1) return truth[0] === 0 ? 0 : 1;
  const order = predicted.map((_, i) => i).sort((a, b) => predicted[b]! - predicted[a]!);
  const tps: number[] = [];
  const fps: number[] = [];
  let positives = 0;
  order.forEach((index, rank) => {
    positives += truth[index]!;
    const next = order[rank + 1];
    if (next === undefined || predicted[next] !== predicted[index]) {
      tps.push(positives);
      fps.push(rank + 1 - positives);
    }
  });
  const total = tps[tps.length - 1]!;
  // Reversed so recall decreases, then the (precision 1, recall 0) end point.
  const precision = tps.map((tp, i) => tp / (tp + fps[i]!)).reverse();
  const recall = tps.map((tp) => Math.fround(tp / total)).reverse();
  precision.push(1);
  recall.push(0);
  for (let i = 1; i < precision.length; i += 1) precision[i] = Math.max(precision[i - 1]!, precision[i]!);
  const atSteps: number[] = [];
  for (let i = 0; i + 1 < recall.length; i += 1) if (recall[i + 1] !== recall[i]) atSteps.push(precision[i]!);
  return numpyMean(atSteps);
}

/** The prediction fitted to the clip count: truncated, or padded with zeros (`compute_ap_from_tuple`). */
function fitToClips(scores: readonly number[], clips: number): number[] {
  return scores.length >= clips ? scores.slice(0, clips) : [...scores, ...Array<number>(clips - scores.length).fill(0)];
}

export interface HighlightScores {
  'HL-mAP': number;
  'HL-Hit1': number;
}

/** `eval_highlight`: HL-mAP and HL-Hit1 at each saliency level, ×100, 2 decimals. */
export function evaluateHighlights(submission: readonly QvhighlightsPrediction[], truth: readonly QvhighlightsQuery[]): Record<string, HighlightScores> {
  const predictions = new Map(submission.map((p) => [p.qid, p]));
  const scoresByQid = new Map(truth.map((q) => [q.qid, clipScores(q)]));
  const result: Record<string, HighlightScores> = {};
  for (const level of saliencyLevels) {
    const hits: number[] = [];
    const aps: number[] = [];
    for (const [qid, prediction] of predictions) {
      const binary = (scoresByQid.get(qid) ?? []).map((clip) => clip.map((s) => (s >= level.minimum ? 1 : 0)));
      const saliency = prediction.pred_saliency_scores ?? [];
      let top = 0;
      saliency.forEach((s, i) => { if (s > saliency[top]!) top = i; });
      hits.push(top < binary.length ? Math.max(...binary[top]!) : 0);
      for (let annotator = 0; annotator < 3; annotator += 1) {
        aps.push(saliencyAveragePrecision(binary.map((clip) => clip[annotator]!), fitToClips(saliency, binary.length)));
      }
    }
    result[`HL-min-${level.name}`] = {
      'HL-mAP': roundLikePython(100 * numpyMean(aps), 2),
      'HL-Hit1': roundLikePython(100 * numpyMean(hits), 2),
    };
  }
  return result;
}
