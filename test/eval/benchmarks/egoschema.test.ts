/**
 * EgoSchema subset: no golden outputs; each rule is tested case by case. The subset and its answers are
 * egoschema/EgoSchema `subset_answers.json`; the reading of model text follows lmms-eval @ 75571cf
 * `lmms_eval/tasks/egoschema/utils.py::parse_multi_choice_response` (without its random guess) and the
 * score `egoschema_aggregate_score` (correct / all subset questions).
 */

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { egoSchema, egoSchemaPrompt } from '../../../src/eval/benchmarks/egoschema/index.js';
import { parseEgoSchemaLetter } from '../../../src/eval/benchmarks/egoschema/score.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/egoschema');
const options = ['A hammer.', 'A knife.', 'A brush.', 'A spoon.', 'A screwdriver.'];

test('parse_multi_choice_response: "(X)", "X ", "X." candidates; the earliest of their last occurrences', () => {
  assert.equal(parseEgoSchemaLetter('(B)', options), 'B');
  assert.equal(parseEgoSchemaLetter('C', options), 'C');
  assert.equal(parseEgoSchemaLetter('D.', options), 'D');
  // The final "." is stripped first; "B " and "C " are candidates, at 1 and 15 (rfind): the smaller wins.
  assert.equal(parseEgoSchemaLetter('B rather than C.', options), 'B');
  // Leading/trailing punctuation is stripped before the search.
  assert.equal(parseEgoSchemaLetter('E.', options), 'E');
});

test('parse_multi_choice_response: option text only when the answer is longer than five words', () => {
  assert.equal(parseEgoSchemaLetter('the person mostly uses a knife. here', options), 'B');
  assert.equal(parseEgoSchemaLetter('a knife', options), undefined);
  // No candidate at all: lmms-eval picks at random; reelm reports it unparsed.
  assert.equal(parseEgoSchemaLetter('no idea', options), undefined);
});

test('loads the public subset only, and scores correct / subset size', async () => {
  const docs = await egoSchema.load({ dataDir: fixture });
  assert.deepEqual(docs.map((d) => d.answer), [3, 4, 1]);
  assert.equal(docs[0]?.video, path.join(fixture, 'videos/0074f737-11cb-497d-8d07-77c3a8127391.mp4'));
  assert.match(egoSchemaPrompt(docs[1]!).text, /^What tool does c use most often throughout the video\?\nA\. A hammer\.\n.*\nE\. A screwdriver\.\nAnswer with the option's letter from the given choices directly\.$/s);
  const scores = docs.map((doc, i) => egoSchema.scoreDoc(doc, ['D', 'I am not sure', 'A'][i]!));
  assert.deepEqual(scores.map((s) => s.accuracy), [1, null, 0]);
  const report = egoSchema.aggregate!(docs, scores);
  assert.equal(report.metrics.score, 1 / 3);
  assert.equal(report.unparsed, 1);
});
