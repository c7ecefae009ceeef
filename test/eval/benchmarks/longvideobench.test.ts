/**
 * LongVideoBench: no golden outputs exist (its repository has no scorer), so each rule of the scorer
 * people run — lmms-eval @ 75571cf `lmms_eval/tasks/longvideobench/utils.py` (`parse_multi_choice_response`,
 * `longvideobench_aggregate_results`, `calculate_ins_level_acc`) — is tested case by case, with the prompt
 * of longvideobench/LongVideoBench `longvideobench/longvideobench_dataset.py`.
 */

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { longVideoBench, longVideoBenchPrompt } from '../../../src/eval/benchmarks/longvideobench/index.js';
import { longVideoBenchReport, parseLongVideoBenchLetter } from '../../../src/eval/benchmarks/longvideobench/score.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/longvideobench');

test('utils.py parse_multi_choice_response: prefixes deleted anywhere, then the first upper-case A–E', () => {
  assert.equal(parseLongVideoBenchLetter('C. There is a man'), 'C');
  assert.equal(parseLongVideoBenchLetter('The best answer is E'), 'E');
  // "Best answer:" is in this list (unlike Video-MME's), so it is removed.
  assert.equal(parseLongVideoBenchLetter('Best answer: D'), 'D');
  // First capital A–E anywhere: "Based" gives B.
  assert.equal(parseLongVideoBenchLetter('Based on the video, C'), 'B');
  assert.equal(parseLongVideoBenchLetter('d'), undefined);
  // > 10 words and no letter: lmms-eval guesses at random; reelm reports it unparsed.
  assert.equal(parseLongVideoBenchLetter('i think it is the one where the man with black hair appears first'), undefined);
  assert.equal(parseLongVideoBenchLetter(''), undefined);
});

test('aggregate: each duration group and category, Overall weighted by their sizes, round(·, 5)', () => {
  const report = longVideoBenchReport([
    { durationGroup: '15', questionCategory: 'TOS', correct: 1, unparsed: false },
    { durationGroup: '15', questionCategory: 'E3E', correct: 0, unparsed: true },
    { durationGroup: '600', questionCategory: 'TOS', correct: 1, unparsed: false },
  ]);
  assert.deepEqual(report.breakdowns?.acc, { '15': 0.5, TOS: 1, E3E: 0, '600': 1 });
  assert.equal(report.metrics.Overall, 0.66667);
  assert.equal(report.unparsed, 1);
});

test('loads lvb_val.json and scores through the benchmark', async () => {
  const docs = await longVideoBench.load({ dataDir: fixture });
  assert.deepEqual(docs.map((d) => d.answer), ['C', 'A', 'B']);
  assert.equal(longVideoBench.docToVisual(docs[0]!).video, path.join(fixture, 'videos/86CxyhFV9MI.mp4'));
  assert.equal(longVideoBenchPrompt(docs[2]!).text, "Question: What colour is the cup on the table?\nA. Blue\nB. Green\nC. Red\nAnswer with the option's letter from the given choices directly.");
  const scores = docs.map((doc, i) => longVideoBench.scoreDoc(doc, ['C', 'no idea', 'B. Green'][i]!));
  assert.deepEqual(scores.map((s) => s.accuracy), [1, null, 1]);
  const report = longVideoBench.aggregate!(docs, scores);
  assert.equal(report.metrics.Overall, 0.66667);
  assert.equal(report.unparsed, 1);
});
