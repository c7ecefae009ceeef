/**
 * `reelm eval score --benchmark longvideobench`: a submission `{"<id>": "<response>"}` — the
 * `longvideobench_test_for_submission.json` that lmms-eval (`tasks/longvideobench/utils.py`,
 * `longvideobench_aggregate_results_for_submission`) writes, and the id → answer file the leaderboard
 * takes; a bare letter is a response too. Scored against `lvb_val.json` from `--data` with lmms-eval's
 * parser and per-group accuracy (score.ts). The benchmark publishes no scorer of its own, so reelm departs
 * from lmms-eval where it guesses: an answer with no letter is unparsed (wrong, and counted apart), not
 * a random letter. Validation questions missing from the file count as wrong and are reported; ids that
 * are not validation questions (test-set answers only the leaderboard can score) are ignored and counted.
 */

import { z } from 'zod';
import { ConfigError } from '../../../core/errors.js';
import { parsePredictionShape } from '../../predictions/parse-prediction-shape.js';
import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { loadLongVideoBench } from './loader.js';
import { longVideoBenchReport, parseLongVideoBenchLetter } from './score.js';

export const longVideoBenchSubmissionFormat = 'a submission {"<question id>": "<response or letter>"} (lmms-eval\'s longvideobench_test_for_submission.json)';

export const scoreLongVideoBenchPredictions: PredictionScorer = async (input): Promise<ScoreReport> => {
  const docs = await loadLongVideoBench({ dataDir: input.dataDir ?? '.' });
  const raw = await readJsonFile<unknown>(input.predictions, { origin: 'your model, as {"<id>": "<response>"}' });
  const submission = parsePredictionShape(raw, z.record(z.string(), z.string()), input.predictions, longVideoBenchSubmissionFormat);
  const known = new Set(docs.map((doc) => doc.id));
  const foreign = Object.keys(submission).filter((id) => !known.has(id)).length;
  const answered = docs.filter((doc) => Object.hasOwn(submission, doc.id)).length;
  if (answered === 0) {
    throw new ConfigError(input.predictions, `answers none of the ${docs.length} questions of lvb_val.json${foreign ? ` (its ${foreign} ids are not validation questions: test-set answers are scored by the leaderboard, huggingface.co/spaces/longvideobench/LongVideoBench)` : ''}.`);
  }
  const scored = docs.map((doc) => {
    const letter = Object.hasOwn(submission, doc.id) ? parseLongVideoBenchLetter(submission[doc.id]!) : undefined;
    return { durationGroup: doc.durationGroup, questionCategory: doc.questionCategory, correct: letter === doc.answer ? 1 : 0, unparsed: letter === undefined };
  });
  const report = longVideoBenchReport(scored);
  const counts = new Map<string, number>();
  for (const q of scored) for (const name of [q.durationGroup, q.questionCategory]) counts.set(name, (counts.get(name) ?? 0) + 1);
  return {
    benchmark: 'longvideobench',
    officialScript: 'EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/longvideobench/utils.py (longvideobench_aggregate_results, no random guess)',
    sections: [
      { title: 'Overall', rows: [row('Overall', report.metrics.Overall!, floatRepr(report.metrics.Overall!), report.total)] },
      { title: 'by duration group and question category', rows: Object.entries(report.breakdowns?.acc ?? {}).map(([name, value]) => row(name, value, floatRepr(value), counts.get(name))) },
    ],
    notes: [
      `${report.unparsed} of ${report.total} questions have no letter A–E (${docs.length - answered} of them are missing from the file): counted wrong, where lmms-eval would pick a random letter.`,
      ...(foreign ? [`${foreign} ids in the file are not validation questions and were ignored.`] : []),
    ],
  };
};
