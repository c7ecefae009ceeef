/**
 * MVBench against the official outputs in ../shared/goldens/mvbench (Ask-Anything
 * `video_chat2/mvbench.ipynb` @ 4dd8210: `qa_template`, the clean-up in `answer()`/`infer_mvbench()`,
 * `check_ans`, and the final cell): per case the question block, ground truth, prediction, compared
 * option and score; then `final_res` number for number. The loader reads the fixture folder.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { mvbench } from '../../../src/eval/benchmarks/mvbench/index.js';
import { mvbenchFrameIndices } from '../../../src/eval/benchmarks/mvbench/frame-indices.js';
import { mvbenchPrompt, mvbenchQuestionBlock } from '../../../src/eval/benchmarks/mvbench/prompt.js';
import { mvbenchCheckAnswer, mvbenchGroundTruth, mvbenchPredictedOption, mvbenchPrediction, mvbenchReport } from '../../../src/eval/benchmarks/mvbench/score.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens/mvbench');
const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/mvbench');

interface Case { id: string; task_type: string; question: string; candidates: string[]; answer: string; official_gt: string; official_question_block: string; generated_text: string; official_parsed: string; official_pred_option: string; official_score: number }
const cases = JSON.parse(fs.readFileSync(path.join(goldens, 'cases.json'), 'utf8')) as Case[];
const aggregate = JSON.parse(fs.readFileSync(path.join(goldens, 'aggregate.json'), 'utf8')) as { final_res: Record<string, number>; not_official_macro_mean_of_tasks: number };

test('every golden case: question block, ground truth, prediction, compared option and score', () => {
  for (const c of cases) {
    assert.equal(mvbenchQuestionBlock(c.question, c.candidates), c.official_question_block, c.id);
    const gt = mvbenchGroundTruth(c.candidates, c.answer);
    assert.equal(gt, c.official_gt, c.id);
    const prediction = mvbenchPrediction(c.generated_text);
    assert.equal(prediction, c.official_parsed, `${c.id}: ${JSON.stringify(c.generated_text)}`);
    assert.equal(mvbenchPredictedOption(prediction), c.official_pred_option, c.id);
    assert.equal(mvbenchCheckAnswer(prediction, gt) ? 1 : 0, c.official_score, c.id);
  }
});

test('final_res: per task and the micro Avg, number for number; empty outputs counted apart', () => {
  const report = mvbenchReport(cases.map((c) => ({ task: c.task_type, correct: mvbenchCheckAnswer(mvbenchPrediction(c.generated_text), mvbenchGroundTruth(c.candidates, c.answer)) ? 1 : 0, empty: mvbenchPrediction(c.generated_text) === '(' })));
  assert.deepEqual(report.metrics, aggregate.final_res);
  assert.deepEqual(Object.keys(report.metrics), Object.keys(aggregate.final_res));
  assert.notEqual(report.metrics.Avg, aggregate.not_official_macro_mean_of_tasks);
  assert.equal(report.unparsed, cases.filter((c) => c.generated_text.trim() === '').length);
});

test('loads all 20 task files, with sub-clip bounds and the TVQA frame folder', async () => {
  const docs = await mvbench.load({ dataDir: fixture });
  assert.equal(docs.length, 20);
  const sequence = docs.find((d) => d.task === 'Action Sequence')!;
  assert.deepEqual(mvbench.docToVisual(sequence), { video: path.join(fixture, 'video/star/Charades_v1_480/ZS9XR.mp4'), span: { start: 11.1, end: 19.6 } });
  const episodic = mvbench.docToVisual(docs.find((d) => d.task === 'Episodic Reasoning')!);
  assert.deepEqual(episodic.frameFolder, { fps: 3, firstIndex: 1, pattern: '%05d.jpg' });
  assert.equal(mvbench.docToVisual(docs.find((d) => d.task === 'Action Antonym')!).span, undefined);
  const scores = docs.map((doc) => mvbench.scoreDoc(doc, `${String.fromCharCode(65 + doc.candidates.indexOf(doc.answer))}) ${doc.answer}`));
  assert.equal(mvbench.aggregate!(docs, scores).metrics.Avg, 100);
});

test('the notebook prompt, printed in its output cell', () => {
  const prompt = mvbenchPrompt({ question: 'What happened after the person took the food?', candidates: ['Ate the medicine.', 'Tidied up the blanket.', 'Put down the cup/glass/bottle.', 'Took the box.'] });
  assert.equal(prompt.text, 'Carefully watch the video and pay attention to the cause and sequence of events, the detail and movement of objects, and the action and pose of persons. Based on your observations, select the best option that accurately addresses the question.\nQuestion: What happened after the person took the food?\nOptions:\n(A) Ate the medicine.\n(B) Tidied up the blanket.\n(C) Put down the cup/glass/bottle.\n(D) Took the box.\nOnly give the best option.');
  assert.equal(prompt.answerPrefix, 'Best option:(');
});

test('get_index: 16 segment middles within the bound; Python rounds half to even', () => {
  // Expected values computed with the notebook's get_index under numpy 1.24 (np.round is half to even: 22.5 → 22).
  assert.deepEqual(mvbenchFrameIndices({ start: 0.5, end: 1.5 }, 30, 299), [15, 17, 19, 21, 23, 24, 26, 28, 30, 32, 34, 36, 37, 39, 41, 43]);
  // No bound: the whole video, 0..max_frame.
  assert.deepEqual(mvbenchFrameIndices(undefined, 25, 159, 4), [19, 59, 99, 138]);
  // round(2.5) == 2 in Python: start index 2 (not 3), one segment of 48 frames → 2 + 24 = 26.
  assert.deepEqual(mvbenchFrameIndices({ start: 0.5, end: 10 }, 5, 1000, 1, 1), [26]);
});

test('the benchmark route (scoreDoc on the generated text, then aggregate) gives final_res', () => {
  const docs = cases.map((c, i) => ({ id: String(i), task: c.task_type, video: '', dataType: 'video' as const, question: c.question, candidates: c.candidates, answer: c.answer }));
  assert.deepEqual(mvbench.aggregate!(docs, docs.map((doc, i) => mvbench.scoreDoc(doc, cases[i]!.generated_text))).metrics, aggregate.final_res);
});
