/**
 * The benchmark core and the synth benchmarks: declarations are validated and frozen, the registry
 * holds the three synth sets, a generated folder loads as one doc per question, the exact prompt text
 * is pinned, and scoring follows the stated rules (letter, whole word, span IoU; unparsed is reported).
 */

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { aggregateScores, defineBenchmark, resolveVariant } from '../../src/eval/benchmark.js';
import { benchmarkIds, getBenchmark } from '../../src/eval/benchmark-registry.js';
import { parseChoiceLetter, scoreSynthDoc, spanIoU, synthPrompt, type SynthDoc } from '../../src/eval/benchmark-synth.js';
import { generateSynthSet } from '../../src/eval/synth/generate-set.js';
import { synthSets } from '../../src/eval/synth/sets.js';

let dir = '';
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-bench-'));
  await generateSynthSet(synthSets['synth-small'], { outDir: dir, seed: 616, limit: 1 });
});

const mcDoc: SynthDoc = {
  id: 'x-colour-1', set: 'synth-small', video: '/v.mp4', duration: 12,
  question: { id: 'x-colour-1', family: 'colour', form: 'multiple-choice', question: 'What colour is the star on screen at 00:00:05.0?', options: ['red', 'blue', 'green', 'black'], answer: 'B', evidence: [] },
};

test('defineBenchmark validates and freezes', () => {
  const parts = { load: async () => [], docToVisual: () => ({ video: 'v' }), docToPrompt: () => ({ kind: 'open' as const, text: '' }), scoreDoc: () => ({}) };
  assert.throws(() => defineBenchmark({ id: 'Bad Id', ...parts, metrics: [{ name: 'a', aggregate: 'mean', higherIsBetter: true }] }), { name: 'ConfigError' });
  assert.throws(() => defineBenchmark({ id: 'b', ...parts, metrics: [] }), { name: 'ConfigError' });
  const ok = defineBenchmark({ id: 'ok', ...parts, metrics: [{ name: 'a', aggregate: 'mean', higherIsBetter: true }] });
  assert.ok(Object.isFrozen(ok));
  assert.throws(() => resolveVariant(ok, 'nope'), { name: 'NotFoundError' });
});

test('the registry holds the synth sets and names the known ids on a miss', () => {
  // Public benchmarks are registered after the synth sets (the evaluation issue adds them).
  assert.deepEqual(benchmarkIds().slice(0, 3), ['synth-small', 'synth-medium', 'synth-long']);
  assert.throws(() => getBenchmark('no-such-benchmark'), /known: synth-small, synth-medium, synth-long/);
});

test('a generated folder loads as one doc per question; the wrong variant is refused', async () => {
  const benchmark = getBenchmark('synth-small');
  const docs = (await benchmark.load({ dataDir: dir })) as SynthDoc[];
  const truth = JSON.parse(await fs.readFile(path.join(dir, 'synth-small-001.json'), 'utf8')) as { questions: unknown[] };
  assert.equal(docs.length, truth.questions.length);
  assert.equal(benchmark.docToVisual(docs[0]).video, path.join(dir, 'synth-small-001.mp4'));
  await assert.rejects(resolveVariant(benchmark, 'shifted').load({ dataDir: dir }), { name: 'ConfigError' });
  // A perfect answer sheet scores 1 everywhere.
  const scores = docs.map((doc) => benchmark.scoreDoc(doc, doc.question.answer));
  for (const metric of aggregateScores(benchmark, scores)) assert.equal(metric.value, 1, metric.name);
});

test('the multiple-choice prompt text is pinned', () => {
  assert.equal(
    synthPrompt(mcDoc).text,
    'What colour is the star on screen at 00:00:05.0?\nA. red\nB. blue\nC. green\nD. black\nAnswer with the option\'s letter from the given choices directly.',
  );
});

test('scoring: letters, whole words, span IoU, unparsed reported', () => {
  assert.equal(parseChoiceLetter('(B) blue', ['A', 'B', 'C', 'D']), 'B');
  assert.equal(parseChoiceLetter('The answer is C.', ['A', 'B', 'C', 'D']), 'C');
  assert.equal(parseChoiceLetter('blue', ['A', 'B', 'C', 'D']), undefined);
  assert.deepEqual(scoreSynthDoc(mcDoc, 'B'), { accuracy: 1 });
  assert.deepEqual(scoreSynthDoc(mcDoc, 'A.'), { accuracy: 0 });
  assert.deepEqual(scoreSynthDoc(mcDoc, 'It is blue'), { accuracy: null });
  const open: SynthDoc = { ...mcDoc, question: { ...mcDoc.question, form: 'open', answer: 'blue', accepted: ['blue'] } };
  assert.deepEqual(scoreSynthDoc(open, 'It is Blue.'), { accuracy: 1 });
  assert.deepEqual(scoreSynthDoc(open, 'bluegreen'), { accuracy: 0 });
  assert.equal(spanIoU([{ start: 0, end: 2 }], [{ start: 1, end: 3 }]), 1 / 3);
  const grounding: SynthDoc = { ...mcDoc, question: { ...mcDoc.question, form: 'grounding', answer: '', spans: [{ start: 2, end: 4 }] } };
  assert.deepEqual(scoreSynthDoc(grounding, '00:00:02.0-00:00:04.0'), { iou: 1 });
  const [accuracy] = aggregateScores(getBenchmark('synth-small'), [{ accuracy: 1 }, { accuracy: null }, { iou: 0.5 }]);
  assert.deepEqual(accuracy, { name: 'accuracy', value: 0.5, count: 2, unparsed: 1, higherIsBetter: true });
});
