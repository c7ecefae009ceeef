/**
 * `reelm eval score` readers of MVBench, TVBench, LongVideoBench and Perception Test, case by case, each
 * test naming the official file whose format and rule it follows. MVBench is also checked against
 * ../shared/goldens/mvbench (the notebook's `check_ans` and `final_res` run on crafted cases); none of
 * these benchmarks publishes prediction files with their scores, so there is no reproduction test.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ConfigError } from '../../../src/core/errors.js';
import { mvbenchGroundTruth } from '../../../src/eval/benchmarks/mvbench/score.js';
import { getPredictionScorer } from '../../../src/eval/predictions/index.js';
import type { ScoreReport } from '../../../src/eval/predictions/score-report.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens');
const fixtures = path.resolve(import.meta.dirname, '../../fixtures/benchmarks');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-score-wave-b-'));
after(() => fs.rmSync(work, { recursive: true }));

const write = (name: string, value: unknown): string => {
  const file = path.join(work, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const score = async (id: string, predictions: string, dataDir?: string) => (await getPredictionScorer(id).load())({ predictions, ...(dataDir ? { dataDir } : {}) });
const rows = (report: ScoreReport) => Object.fromEntries(report.sections.flatMap((s) => s.rows.map((r) => [r.name, r.printed])));
const rejectsWith = (pattern: RegExp) => (error: unknown) => ConfigError.isInstance(error) && pattern.test((error as Error).message);

test('mvbench: the notebook\'s test.json gives final_res of the golden run (Ask-Anything video_chat2/mvbench.ipynb cells 15–17)', async () => {
  const cases = JSON.parse(fs.readFileSync(path.join(goldens, 'mvbench/cases.json'), 'utf8')) as Array<{ official_parsed: string; official_gt: string }>;
  const aggregate = JSON.parse(fs.readFileSync(path.join(goldens, 'mvbench/aggregate.json'), 'utf8')) as { acc_dict: Record<string, [number, number]>; final_res: Record<string, number>; printed: string };
  const file = write('mvbench/test.json', { acc_dict: aggregate.acc_dict, res_list: cases.map((c) => ({ pred: c.official_parsed, gt: c.official_gt })) });
  const report = await score('mvbench', file);
  assert.deepEqual(Object.fromEntries(report.sections[0]!.rows.map((r) => [r.name, r.value])), aggregate.final_res);
  // The printed dict's values, as Python's repr writes them.
  assert.deepEqual(Object.values(rows(report)), [...aggregate.printed.matchAll(/: ([\d.]+)/g)].map((m) => m[1]));
  assert.doesNotMatch(report.notes.join('\n'), /differ/);
  const edited = write('mvbench/edited.json', { acc_dict: { ...aggregate.acc_dict, 'Action Count': [9, 10] }, res_list: cases.map((c) => ({ pred: c.official_parsed, gt: c.official_gt })) });
  assert.match((await score('mvbench', edited)).notes.join('\n'), /differ from the saved acc_dict for: Action Count/);
});

test('mvbench: a file whose acc_dict totals do not match res_list, or without res_list, is a ConfigError naming it', async () => {
  const short = write('mvbench/short.json', { acc_dict: { 'Action Sequence': [1, 3] }, res_list: [{ pred: '(A)', gt: '(A) a' }] });
  await assert.rejects(score('mvbench', short), rejectsWith(/short\.json: acc_dict counts 3 questions but res_list holds 1/));
  const wrong = write('mvbench/wrong.json', { results: [] });
  await assert.rejects(score('mvbench', wrong), rejectsWith(/wrong\.json: is not the notebook's saved results \{"acc_dict".*\(.*at acc_dict\)/));
});

test('tvbench: check_ans of daniel-cores/tvbench vqa_dataset.py on the notebook\'s saved file, Total Acc printed as infer.ipynb prints it', async () => {
  const gt = (candidates: string[], answer: string) => mvbenchGroundTruth(candidates, answer);
  const resList = [
    { pred: '(B) Sitting down', gt: gt(['Standing up', 'Sitting down'], 'Sitting down') }, // right
    { pred: '(', gt: gt(['3', '5', '2'], '3') }, // empty output: "(" is in "(a)", counted right
    { pred: '(A, left', gt: gt(['Left', 'Right', 'Up', 'Down'], 'Up') }, // wrong letter, and the comma would break it anyway
    { pred: '(C) Up', gt: gt(['Left', 'Right', 'Up', 'Down'], 'Up') }, // right
    { pred: '(b)', gt: gt(['2', '4', '1'], '4') }, // lower case: right
  ];
  const file = write('tvbench/test.json', { acc_dict: { 'Action Antonym': [1, 1], 'Action Count': [1, 1], 'Moving Direction': [1, 2], 'Object Count': [1, 1] }, res_list: resList });
  const report = await score('tvbench', file);
  assert.deepEqual(rows(report), { 'Action Antonym': '100.00%', 'Action Count': '100.00%', 'Moving Direction': '50.00%', 'Object Count': '100.00%', 'Total Acc': '80.00%' });
  assert.match(report.notes.join('\n'), /1 answers are empty/);
});

test('longvideobench: an lmms-eval submission {id: response} against lvb_val.json (lmms-eval tasks/longvideobench/utils.py), no random guess', async () => {
  const file = write('lvb/longvideobench_test_for_submission.json', { '86CxyhFV9MI_0': 'The answer is C.', Qd3sKUJ7mLk_1: 'I think it is the first one', 'test-only-id': 'A' });
  const report = await score('longvideobench', file, path.join(fixtures, 'longvideobench'));
  // 86Cx… is right (C); Qd3s… has no letter A–E (unparsed); Zz9Y… is missing: 1 of 3.
  assert.deepEqual(rows(report), { Overall: '0.33333', '600': '1.0', TOS: '0.5', '15': '0.0', E3E: '0.0' });
  assert.match(report.notes.join('\n'), /2 of 3 questions have no letter A–E \(1 of them are missing from the file\)/);
  assert.match(report.notes.join('\n'), /1 ids in the file are not validation questions/);
  await assert.rejects(score('longvideobench', write('lvb/test-set.json', { 'test-only-id': 'A' }), path.join(fixtures, 'longvideobench')), rejectsWith(/answers none of the 3 questions.*leaderboard/));
  await assert.rejects(score('longvideobench', write('lvb/list.json', ['A', 'B']), path.join(fixtures, 'longvideobench')), rejectsWith(/list\.json: is not a submission \{"<question id>": "<response or letter>"\}/));
});

test('perception-test: a per-video answer list {video: [{id, answer_id}]} scored top-1 (google-deepmind/perception_test README, Metrics)', async () => {
  const file = write('pt/submission.json', { video_10909: [{ id: 0, answer_id: 2, answer: 'static or shaking' }, { id: 1, answer_id: '1' }], video_99999: [{ id: 0, answer_id: 0 }] });
  const report = await score('perception-test', file, path.join(fixtures, 'perception-test'));
  // video_10909/0 right, video_10909/1 wrong (1 ≠ 0), video_7806/0 missing.
  assert.deepEqual(rows(report), { accuracy: '0.3333333333333333', physics: '1.0', memory: '0.0', abstraction: '0.0', descriptive: '0.3333333333333333' });
  assert.match(report.notes.join('\n'), /1 of 3 questions have no answer/);
  assert.match(report.notes.join('\n'), /1 answers are for questions not in the annotations/);
  await assert.rejects(score('perception-test', write('pt/letters.json', { video_10909: [{ id: 0, answer_id: 'C' }] }), path.join(fixtures, 'perception-test')), rejectsWith(/letters\.json: is not a submission .*answer_id/));
  await assert.rejects(score('perception-test', write('pt/other.json', { video_1: [{ id: 0, answer_id: 0 }] }), path.join(fixtures, 'perception-test')), rejectsWith(/answers none of the 3 questions/));
  await assert.rejects(score('perception-test', path.join(work, 'pt/none.json'), path.join(fixtures, 'perception-test')), /none\.json: not found/);
});

test('mvbench:lmms-eval: mcq_acc gives the official score on every recorded case (lmms-eval tasks/mvbench/utils.py)', async () => {
  const { lmmsEvalMcqCorrect } = await import('../../../src/eval/benchmarks/mvbench/lmms-eval-mcq.js');
  const { cases } = JSON.parse(fs.readFileSync(path.join(fixtures, 'mvbench/lmms-eval-mcq-cases.json'), 'utf8')) as { cases: Array<{ gt: string; pred: string; official_score: number }> };
  const wrong = cases.filter((c) => (lmmsEvalMcqCorrect(c.gt, c.pred) ? 1 : 0) !== c.official_score);
  assert.deepEqual(wrong, []);
  assert.ok(cases.some((c) => c.official_score === 1) && cases.some((c) => c.official_score === 0));
});

test('mvbench:lmms-eval: --log_samples files per subtask, empty answers out of the denominator (mvbench_aggregate_results)', async () => {
  const line = (pred: string, gt: string) => JSON.stringify({ doc_id: 0, doc: {}, target: 'x', arguments: [], resps: [[pred]], filtered_resps: [pred], mvbench_accuracy: { pred_answer: pred, gt_answer: gt, score: 0 } });
  const folder = path.join(work, 'lmms-eval/llava');
  write('lmms-eval/llava/20260101_samples_mvbench_action_count.jsonl', [line('A', 'A'), line('', 'B'), line('(C)', 'B')].join('\n'));
  write('lmms-eval/llava/20260101_samples_mvbench_object_shuffle.jsonl', [line('B. left', 'B')].join('\n'));
  write('lmms-eval/llava/20260101_results.json', '{}');
  const report = await score('mvbench:lmms-eval', folder);
  assert.deepEqual(rows(report), { mvbench_action_count: '50.0', mvbench_object_shuffle: '100.0', 'all subtasks': '66.66666666666667' });
  assert.match(report.notes.join('\n'), /1 empty answers left out/);
  const broken = write('lmms-eval/bad_samples_mvbench_x.jsonl', JSON.stringify({ doc_id: 0, resps: ['A'] }));
  await assert.rejects(score('mvbench:lmms-eval', broken), rejectsWith(/bad_samples_mvbench_x\.jsonl line 1: is not lmms-eval --log_samples output for mvbench/));
});
