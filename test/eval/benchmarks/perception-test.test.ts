/**
 * Perception Test multiple choice: google-deepmind/perception_test names top-1 accuracy and publishes no
 * scoring code, so the letter rule is lmms-eval's @ 75571cf `lmms_eval/tasks/perceptiontest/val/utils.py`
 * (`re.search(r"\b([A-D])\b", pred.strip())`, accuracy = correct / all), tested case by case.
 */

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { parsePerceptionTestOption, perceptionTest, perceptionTestPrompt } from '../../../src/eval/benchmarks/perception-test/index.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/perception-test');

test('perceptiontest_val_process_results_mc: the first whole-word A–D, case-sensitive', () => {
  assert.equal(parsePerceptionTestOption('C'), 2);
  assert.equal(parsePerceptionTestOption('(B) moving'), 1);
  assert.equal(parsePerceptionTestOption('I think C.'), 2);
  // "Based" has no word boundary after its B; "A" in "A." has one.
  assert.equal(parsePerceptionTestOption('Based on it, A.'), 0);
  // D is accepted by the pattern although there are three options: index 3 is simply wrong.
  assert.equal(parsePerceptionTestOption('D'), 3);
  assert.equal(parsePerceptionTestOption('c'), undefined);
  assert.equal(parsePerceptionTestOption('Éa'), undefined);
});

test('loads mc_question_valid.json and reports accuracy by area and reasoning', async () => {
  const docs = await perceptionTest.load({ dataDir: fixture });
  assert.deepEqual(docs.map((d) => d.id), ['video_10909/0', 'video_10909/1', 'video_7806/0']);
  assert.equal(docs[0]?.video, path.join(fixture, 'valid_videos/video_10909.mp4'));
  assert.equal(perceptionTestPrompt(docs[0]!).text, "Is the camera moving or static?\nA. I don't know\nB. moving\nC. static or shaking\nAnswer with the option's letter from the given choices directly.");
  const scores = docs.map((doc, i) => perceptionTest.scoreDoc(doc, ['C', 'B', 'none'][i]!));
  assert.deepEqual(scores.map((s) => s.accuracy), [1, 0, null]);
  const report = perceptionTest.aggregate!(docs, scores);
  assert.equal(report.metrics.accuracy, 1 / 3);
  assert.deepEqual(report.breakdowns?.area, { physics: 1, memory: 0, abstraction: 0 });
  assert.equal(report.unparsed, 1);
});
