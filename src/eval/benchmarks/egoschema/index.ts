/**
 * EgoSchema (the 500-question subset with public answers) as a benchmark: lmms-eval's prompt (the
 * question, "A. …" options, "Answer with the option's letter from the given choices directly."), its
 * parser without the random guess, and accuracy as a fraction over the subset.
 */

import { defineBenchmark, type Benchmark, type BenchmarkPrompt, type DocScore } from '../../benchmark.js';
import { loadEgoSchemaSubset, type EgoSchemaDoc } from './loader.js';
import { egoSchemaReport, parseEgoSchemaLetter } from './score.js';
import { egoSchemaSubmission } from './submission.js';

export function egoSchemaPrompt(doc: Pick<EgoSchemaDoc, 'question' | 'options'>): BenchmarkPrompt {
  const letters = doc.options.map((_, i) => String.fromCharCode(65 + i));
  return { kind: 'multiple-choice', letters, text: `${doc.question}${doc.options.map((o, i) => `\n${letters[i]}. ${o}`).join('')}\nAnswer with the option's letter from the given choices directly.` };
}

export function scoreEgoSchemaDoc(doc: EgoSchemaDoc, output: string): DocScore {
  const letter = parseEgoSchemaLetter(output, doc.options);
  return { accuracy: letter === undefined ? null : letter.charCodeAt(0) - 65 === doc.answer ? 1 : 0 };
}

export const egoSchema: Benchmark<EgoSchemaDoc> = defineBenchmark<EgoSchemaDoc>({
  id: 'egoschema',
  description: 'EgoSchema subset (500 questions with public answers, 3-minute egocentric clips): accuracy',
  load: loadEgoSchemaSubset,
  docToVisual: (doc) => ({ video: doc.video }),
  docToPrompt: egoSchemaPrompt,
  scoreDoc: scoreEgoSchemaDoc,
  aggregate: (docs, scores) => egoSchemaReport(docs.map((_, i) => ({ correct: scores[i]?.accuracy ?? 0, unparsed: scores[i]?.accuracy === null }))),
  toSubmission: egoSchemaSubmission,
  metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }],
});
