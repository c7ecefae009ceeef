/** `reelm eval score --benchmark nextqa`: a result file in NExT-QA's format, reported as `eval_mc.py` prints it. */

import { ConfigError } from '../../../core/errors.js';
import { row, type ScoreReport, type ScorePredictionsInput } from '../../predictions/score-report.js';
import { formatFixedLikePython } from '../../python-numbers.js';
import { nextqaAccuracy, nextqaColumns, type NextqaGroup } from './accuracy.js';
import { loadNextqaQuestions, loadNextqaResults, type NextqaSplit } from './records.js';

export function scoreNextqaPredictions(split: NextqaSplit) {
  return async (input: ScorePredictionsInput): Promise<ScoreReport> => {
    if (!input.dataDir) throw new ConfigError('flag --data', 'is required for nextqa: a checkout of doc-doc/NExT-QA (holding dataset/nextqa/val.csv).');
    const [questions, results] = await Promise.all([loadNextqaQuestions(input.dataDir, split), loadNextqaResults(input.predictions)]);
    const accuracy = nextqaAccuracy(questions, results, input.predictions);
    const percent = (correct: number, count: number): number => (correct * 100.0) / count;
    const rows = (Object.keys(nextqaColumns) as NextqaGroup[]).map((group) => {
      const { correct, count } = accuracy.groups[group];
      const value = percent(correct, count);
      return row(nextqaColumns[group], value, formatFixedLikePython(value, 2), count);
    });
    const overall = percent(accuracy.correct, accuracy.count);
    const notes = accuracy.answerMismatches ? [`${accuracy.answerMismatches} results store an answer that differs from the CSV; eval_mc.py scores against the result file's answer, and so does this report.`] : [];
    return {
      benchmark: `nextqa (${split})`,
      officialScript: 'doc-doc/NExT-QA eval_mc.py',
      sections: [
        { title: 'per question type and group', rows },
        { title: 'overall', rows: [row('Acc', overall, formatFixedLikePython(overall, 2), accuracy.count)] },
      ],
      notes,
    };
  };
}
