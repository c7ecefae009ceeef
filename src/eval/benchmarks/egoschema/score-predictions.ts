/**
 * `reelm eval score --benchmark egoschema`: a submission `{"<q_uid>": <option index>}` (the format
 * egoschema/EgoSchema `validate.py` uploads), scored locally on the subset whose answers are public
 * (`subset_answers.json` from `--data`): correct / subset size; subset questions missing from the
 * submission count as wrong and are reported apart. Other uids are ignored (only the server knows them).
 */

import path from 'node:path';
import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { egoSchemaReport } from './score.js';

export const scoreEgoSchemaPredictions: PredictionScorer = async (input): Promise<ScoreReport> => {
  const answers = await readJsonFile<Record<string, number>>(path.join(input.dataDir ?? '.', 'subset_answers.json'), { origin: 'the GitHub repository egoschema/EgoSchema' });
  const submission = await readJsonFile<Record<string, number | string>>(input.predictions, { origin: 'your model, as {"<q_uid>": <option index>}' });
  const report = egoSchemaReport(Object.entries(answers).map(([uid, answer]) => ({ correct: Object.hasOwn(submission, uid) && Number(submission[uid]) === answer ? 1 : 0, unparsed: !Object.hasOwn(submission, uid) })));
  return {
    benchmark: 'egoschema',
    officialScript: 'egoschema/EgoSchema subset_answers.json (accuracy on the public subset)',
    sections: [{ title: 'Subset', rows: [row('accuracy', report.metrics.score!, floatRepr(report.metrics.score!), report.total)] }],
    notes: [`${report.unparsed} subset questions have no prediction (counted as wrong).`],
  };
};
