/**
 * MLVU (dev) against the official outputs in ../shared/goldens/mlvu (JUNJIE99/MLVU @ fd060c1
 * `evaluation/multiple_choice_evaluation/choice_bench.py`: `check_ans`, `qa_template`, `final_res`), plus
 * the videochat2 copy of `check_ans` (`evaluation/models/videochat2/choice_bench.py`) by name.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { resolveVariant } from '../../../src/eval/benchmark.js';
import { mlvu } from '../../../src/eval/benchmarks/mlvu/index.js';
import { mlvuPrompt, mlvuQuestionBlock } from '../../../src/eval/benchmarks/mlvu/prompt.js';
import { mlvuCheckAnswer, mlvuGroundTruth, mlvuParsedAnswer, mlvuReport } from '../../../src/eval/benchmarks/mlvu/score.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens/mlvu');
const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/mlvu');

interface Case { id: string; task_type: string; question: string; candidates: string[]; answer: string; official_gt: string; official_question_block: string; response: string; official_parsed: string; official_score: number; videochat2_variant_score: number }
const cases = JSON.parse(fs.readFileSync(path.join(goldens, 'cases.json'), 'utf8')) as Case[];
const aggregate = JSON.parse(fs.readFileSync(path.join(goldens, 'aggregate.json'), 'utf8')) as { final_res: Record<string, number>; not_official_micro_accuracy: number; videochat2_variant: { Avg: number } };

test('every golden case: question block, ground truth, parsed answer, score and the videochat2 score', () => {
  for (const c of cases) {
    assert.equal(mlvuQuestionBlock(c.question, c.candidates), c.official_question_block, c.id);
    const gt = mlvuGroundTruth(c.candidates, c.answer);
    assert.equal(gt, c.official_gt, c.id);
    assert.equal(mlvuParsedAnswer(c.response), c.official_parsed, `${c.id}: ${JSON.stringify(c.response)}`);
    assert.equal(mlvuCheckAnswer(c.response, gt) ? 1 : 0, c.official_score, c.id);
    assert.equal(mlvuCheckAnswer(c.response, gt, 'videochat2') ? 1 : 0, c.videochat2_variant_score, c.id);
  }
});

test('final_res: per task in data_list order and M-Avg as the mean of tasks, number for number', () => {
  const report = mlvuReport(cases.map((c) => ({ task: c.task_type, correct: mlvuCheckAnswer(c.response, mlvuGroundTruth(c.candidates, c.answer)) ? 1 : 0 })));
  assert.deepEqual(report.metrics, aggregate.final_res);
  assert.deepEqual(Object.keys(report.metrics), Object.keys(aggregate.final_res));
  const variant = mlvuReport(cases.map((c) => ({ task: c.task_type, correct: mlvuCheckAnswer(c.response, mlvuGroundTruth(c.candidates, c.answer), 'videochat2') ? 1 : 0 })));
  assert.equal(variant.metrics.Avg, aggregate.videochat2_variant.Avg);
});

test('loads the verbatim dev excerpts in data_list order and scores through the benchmark', async () => {
  const docs = await mlvu.load({ dataDir: fixture });
  assert.equal(docs.length, 15);
  assert.deepEqual([...new Set(docs.map((d) => d.task))], ['count', 'ego', 'needle', 'order', 'plotQA', 'anomaly_reco', 'topic_reasoning']);
  assert.equal(docs.find((d) => d.task === 'plotQA')?.video, path.join(fixture, 'video/1_plotQA/movie101_66.mp4'));
  // needle[34]'s answer is not a candidate, so no letter A–D is right for it (its ground truth is "(@) …").
  const right = docs.map((doc) => mlvu.scoreDoc(doc, `${String.fromCharCode(65 + Math.max(0, doc.candidates.indexOf(doc.answer)))}) x`));
  const report = mlvu.aggregate!(docs, right);
  assert.equal(report.metrics.needle, (2 / 3) * 100);
  const videochat2 = resolveVariant(mlvu, 'videochat2');
  assert.equal(videochat2.scoreDoc(docs[0]!, '(A) x').accuracy, 0);
});

test('the published prompt template', () => {
  assert.equal(mlvuPrompt({ question: 'What color is the main male character in the video?', candidates: ['Yellow', 'Red'] }).text,
    'Carefully watch this video and pay attention to every detail. Based on your observations, select the best option that accurately addresses the question.\nQuestion: What color is the main male character in the video?\nOptions:\n(A) Yellow\n(B) RedOnly give the best option.');
});

test('the benchmark route (scoreDoc, then aggregate) gives final_res', () => {
  const docs = cases.map((c, i) => ({ id: String(i), task: c.task_type, video: '', duration: 0, question: c.question, candidates: c.candidates, answer: c.answer }));
  assert.deepEqual(mlvu.aggregate!(docs, docs.map((doc, i) => mlvu.scoreDoc(doc, cases[i]!.response))).metrics, aggregate.final_res);
});
