/**
 * `reelm eval score --benchmark mlvu[:videochat2]`: the file `choice_bench.py` saves (`{acc_dict, res_list:
 * [{pred, gt, question, question_type, video}]}`), re-scored from each `pred` and `gt` with `check_ans`;
 * per task and M-Avg as its `final_res`.
 */

import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { mlvuCheckAnswer, mlvuReport } from './score.js';

export function scoreMlvuPredictions(rule: 'official' | 'videochat2'): PredictionScorer {
  return async (input): Promise<ScoreReport> => {
    const saved = await readJsonFile<{ res_list: Array<{ pred: string; gt: string; question_type: string }> }>(input.predictions, { origin: 'JUNJIE99/MLVU evaluation/multiple_choice_evaluation/choice_bench.py (its saved test_all_choice.json)' });
    const report = mlvuReport(saved.res_list.map((r) => ({ task: r.question_type, correct: mlvuCheckAnswer(r.pred, r.gt, rule) ? 1 : 0 })));
    return {
      benchmark: rule === 'official' ? 'mlvu' : 'mlvu:videochat2',
      officialScript: rule === 'official' ? 'JUNJIE99/MLVU evaluation/multiple_choice_evaluation/choice_bench.py' : 'JUNJIE99/MLVU evaluation/models/videochat2/choice_bench.py',
      sections: [{ title: 'final_res', rows: Object.entries(report.metrics).map(([name, value]) => row(name, value, floatRepr(value))) }],
      notes: ['Avg (M-Avg) is the mean of the task accuracies.'],
    };
  };
}
