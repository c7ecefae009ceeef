/**
 * TVBench: no golden outputs; daniel-cores/tvbench `vqa_dataset.py::check_ans` is MVBench's function
 * (checked here on TVBench-style answers) and `infer.ipynb`'s `data_list` is the task table; the total is
 * the notebook's "Total Acc" (correct / total).
 */

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { tvbench, tvbenchTasks } from '../../../src/eval/benchmarks/tvbench/index.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/tvbench');

test('loads the ten tasks of infer.ipynb, with bounds on Action Sequence and Action Localization', async () => {
  const docs = await tvbench.load({ dataDir: fixture });
  assert.deepEqual(docs.map((d) => d.task), Object.keys(tvbenchTasks));
  const sequence = docs.find((d) => d.task === 'Action Sequence')!;
  assert.deepEqual(tvbench.docToVisual(sequence), { video: path.join(fixture, 'video/action_sequence/ACT01.mp4'), span: { start: 2.5, end: 14 } });
  assert.equal(tvbench.docToPrompt(sequence).answerPrefix, 'Best option:(');
});

test('vqa_dataset.py check_ans through the benchmark: continuation of "Best option:(", Total Acc over all questions', async () => {
  const docs = await tvbench.load({ dataDir: fixture });
  const letter = (i: number) => String.fromCharCode(65 + docs[i]!.candidates.indexOf(docs[i]!.answer));
  const outputs = docs.map((_, i) => (i === 0 ? 'B) 5' : i === 1 ? 'A, 2' : `${letter(i)}) ${docs[i]!.answer}`));
  const scores = docs.map((doc, i) => tvbench.scoreDoc(doc, outputs[i]!));
  // "B) 5" is wrong for answer "3" (A); "A, 2": the comma stays on the token, "(a," is not in "(b)".
  assert.deepEqual(scores.slice(0, 2).map((s) => s.accuracy), [0, 0]);
  const report = tvbench.aggregate!(docs, scores);
  assert.equal(report.metrics.Avg, 80);
  assert.equal(report.metrics['Action Count'], 0);
  assert.equal(report.metrics['Moving Direction'], 100);
});
