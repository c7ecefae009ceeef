/**
 * `reelm eval score --benchmark perception-test`: a multiple-choice submission
 * `{"<video id>": [{"id": <question id>, "answer_id": <option index>, …}]}` — the per-video answer lists of
 * the Perception Test challenge (the format of `mc_question_*.json`'s `mc_question` entries, as baselines
 * such as DAMO-NLP-SG/VideoLLaMA2 `videollama2/eval/run_inference_video_qa_perception_test_mcqa.py` write
 * them), scored top-1 against the validation annotations from `--data`. google-deepmind/perception_test
 * publishes no metric code ("coming soon"); top-1 accuracy is its README's metric. Questions missing from
 * the file count as wrong and are reported apart; answers for unknown questions are ignored and counted.
 */

import { z } from 'zod';
import { ConfigError } from '../../../core/errors.js';
import type { DocScore } from '../../benchmark.js';
import { parsePredictionShape } from '../../predictions/parse-prediction-shape.js';
import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { loadPerceptionTest, perceptionTestReport } from './index.js';

export const perceptionTestSubmissionFormat = 'a submission {"<video id>": [{"id": <question id>, "answer_id": <option index>}]}';

const submissionShape = z.record(z.string(), z.array(z.object({ id: z.union([z.number(), z.string()]), answer_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]) })));

export const scorePerceptionTestPredictions: PredictionScorer = async (input): Promise<ScoreReport> => {
  const docs = await loadPerceptionTest({ dataDir: input.dataDir ?? '.' });
  const raw = await readJsonFile<unknown>(input.predictions, { origin: 'your model, as {"<video id>": [{"id", "answer_id"}]}' });
  const submission = parsePredictionShape(raw, submissionShape, input.predictions, perceptionTestSubmissionFormat);
  const answers = new Map<string, number>();
  for (const [videoId, entries] of Object.entries(submission)) for (const entry of entries) answers.set(`${videoId}/${entry.id}`, Number(entry.answer_id));
  const scores: DocScore[] = docs.map((doc) => (answers.has(doc.id) ? { accuracy: answers.get(doc.id) === doc.answer ? 1 : 0 } : { accuracy: null }));
  const missing = scores.filter((s) => s.accuracy === null).length;
  if (missing === docs.length) throw new ConfigError(input.predictions, `answers none of the ${docs.length} questions in the annotations under --data; its keys must be their video ids (e.g. "${docs[0]?.videoId ?? 'video_10909'}") and each "id" a question id of that video.`);
  const known = new Set(docs.map((doc) => doc.id));
  const foreign = [...answers.keys()].filter((key) => !known.has(key)).length;
  const report = perceptionTestReport(docs, scores);
  const breakdown = (field: 'area' | 'reasoning') => Object.entries(report.breakdowns?.[field] ?? {}).map(([name, value]) => row(name, value, floatRepr(value), docs.filter((doc) => doc[field] === name).length));
  return {
    benchmark: 'perception-test',
    officialScript: 'google-deepmind/perception_test README "Metrics" (multiple-choice video QA: top-1 accuracy)',
    sections: [
      { title: 'top-1 accuracy', rows: [row('accuracy', report.metrics.accuracy!, floatRepr(report.metrics.accuracy!), docs.length)] },
      { title: 'by area', rows: breakdown('area') },
      { title: 'by reasoning', rows: breakdown('reasoning') },
    ],
    notes: [
      `${missing} of ${docs.length} questions have no answer in the file (counted as wrong).`,
      ...(foreign ? [`${foreign} answers are for questions not in the annotations and were ignored.`] : []),
    ],
  };
};
