/**
 * LVBench against the official outputs in ../shared/goldens/lvbench (THUDM/LVBench @ f998d95:
 * `lvbench/utils/answer_util.py::polish_answer`, `lvbench/metrics/compute_accuracy.py`, the name map in
 * `scripts/test_acc.py`): every polished answer and score, and the accuracy dictionary in its key order.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { lvbench, lvbenchPrompt } from '../../../src/eval/benchmarks/lvbench/index.js';
import { lvbenchReport, polishLvbenchAnswer } from '../../../src/eval/benchmarks/lvbench/score.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens/lvbench');
const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/lvbench');

interface Case { id: string; uid: number; question_type: string[]; response: string | null; official_parsed: string | null; answer: string; official_score: number | null; in_answer_file: boolean }
const cases = JSON.parse(fs.readFileSync(path.join(goldens, 'cases.json'), 'utf8')) as Case[];
const aggregate = JSON.parse(fs.readFileSync(path.join(goldens, 'aggregate.json'), 'utf8')) as {
  compute_accuracy_return: Record<string, number>;
  result_json_for_leaderboard: Record<string, number>;
  answer_file_used: Record<string, string>;
  meta_jsonl_used: Array<{ key: string; qa: Array<{ uid: number; answer: string; question_type: string[] }> }>;
};

test('every golden case: polish_answer and the exact-match score', () => {
  for (const c of cases.filter((x) => x.in_answer_file)) {
    const parsed = polishLvbenchAnswer(c.response ?? '');
    assert.equal(parsed, c.official_parsed, `${c.id}: ${JSON.stringify(c.response)}`);
    assert.equal(parsed === c.answer ? 1 : 0, c.official_score, c.id);
  }
});

test('compute_accuracy on the official answer file: missing uids dropped, extra ones ignored, key order kept', () => {
  const answers = Object.fromEntries(cases.filter((c) => c.in_answer_file).map((c) => [String(c.uid), polishLvbenchAnswer(c.response ?? '')]));
  assert.deepEqual(answers, Object.fromEntries(Object.entries(aggregate.answer_file_used).filter(([uid]) => uid !== '999999')));
  const questions = aggregate.meta_jsonl_used.flatMap((line) => line.qa.map((qa) => ({ uid: String(qa.uid), answer: qa.answer, questionTypes: qa.question_type })));
  const report = lvbenchReport(questions, aggregate.answer_file_used);
  assert.deepEqual(report.metrics, aggregate.compute_accuracy_return);
  assert.deepEqual(Object.keys(report.metrics), Object.keys(aggregate.compute_accuracy_return));
  assert.deepEqual(report.breakdowns?.leaderboard, aggregate.result_json_for_leaderboard);
  assert.equal(report.unparsed, Object.values(aggregate.answer_file_used).filter((a) => a === '').length);
});

test('loads the meta JSONL fixture and scores through the benchmark', async () => {
  const docs = await lvbench.load({ dataDir: fixture });
  assert.deepEqual(docs.map((d) => d.uid), ['1001', '1004', '2008']);
  assert.equal(docs[0]?.video, path.join(fixture, 'videos/sMNcrqL_Eho.mp4'));
  assert.deepEqual(lvbenchPrompt(docs[0]!).letters, ['A', 'B', 'C', 'D']);
  const scores = docs.map((doc, i) => lvbench.scoreDoc(doc, ['(A)', 'The answer is C', 'B) A football match'][i]!));
  assert.deepEqual(scores.map((s) => s.accuracy), [1, 0, 1]);
  const report = lvbench.aggregate!(docs, scores);
  assert.equal(report.metrics.acc, 2 / 3);
  assert.equal(report.metrics.reasoning, 0);
});
