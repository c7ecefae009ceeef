/**
 * `reelm eval score --benchmark qvhighlights`: a prediction file in the published format against the
 * split's annotation file, reported as `standalone_eval/eval.py` reports it (2 decimals).
 */

import { ConfigError } from '../../../core/errors.js';
import { row, type ScoreReport, type ScorePredictionsInput } from '../../predictions/score-report.js';
import { formatFixedLikePython } from '../../python-numbers.js';
import { evaluateSubmission } from './evaluate-submission.js';
import type { MomentRetrievalScores } from './moment-retrieval.js';
import { loadPredictions, loadQueries, type QvhighlightsSplit } from './records.js';

export function scoreQvhighlightsPredictions(split: QvhighlightsSplit) {
  return async (input: ScorePredictionsInput): Promise<ScoreReport> => {
    if (!input.dataDir) throw new ConfigError('flag --data', 'is required for qvhighlights: a checkout of jayleicn/moment_detr (holding data/highlight_val_release.jsonl).');
    const [truth, submission] = await Promise.all([loadQueries(input.dataDir, split), loadPredictions(input.predictions)]);
    const metrics = evaluateSubmission(submission, truth);
    const brief = Object.entries(metrics.brief).map(([name, value]) => row(name, value, formatFixedLikePython(value, 2)));
    const full = metrics.full as MomentRetrievalScores | undefined;
    const fullRows = full ? (['MR-mAP', 'MR-R1'] as const).flatMap((metric) => Object.entries(full[metric]).map(([threshold, value]) => row(`${metric}@${threshold}`, value, formatFixedLikePython(value, 2)))) : [];
    return {
      benchmark: `qvhighlights (${split})`,
      officialScript: 'jayleicn/moment_detr standalone_eval/eval.py',
      sections: [{ title: `brief (${submission.length} queries)`, rows: brief }, ...(fullRows.length ? [{ title: 'full: moment retrieval per IoU threshold', rows: fullRows }] : [])],
      notes: [],
      official: metrics,
    };
  };
}
