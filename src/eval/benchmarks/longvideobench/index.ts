/**
 * LongVideoBench (validation) as a benchmark: the reference loader's prompt ("Question: …", "A. …",
 * "Answer with the option's letter from the given choices directly."), lmms-eval's letter parser without
 * its random guess, and accuracy per duration group and question category.
 */

import { defineBenchmark, type Benchmark, type BenchmarkPrompt, type DocScore } from '../../benchmark.js';
import { loadLongVideoBench, type LongVideoBenchDoc } from './loader.js';
import { longVideoBenchReport, parseLongVideoBenchLetter } from './score.js';
import { longVideoBenchSubmission } from './submission.js';

export function longVideoBenchPrompt(doc: Pick<LongVideoBenchDoc, 'question' | 'candidates'>): BenchmarkPrompt {
  const letters = doc.candidates.map((_, i) => String.fromCharCode(65 + i));
  return { kind: 'multiple-choice', letters, text: [`Question: ${doc.question}`, ...doc.candidates.map((c, i) => `${letters[i]}. ${c}`), "Answer with the option's letter from the given choices directly."].join('\n') };
}

export function scoreLongVideoBenchDoc(doc: LongVideoBenchDoc, output: string): DocScore {
  const letter = parseLongVideoBenchLetter(output);
  return { accuracy: letter === undefined ? null : letter === doc.answer ? 1 : 0 };
}

export const longVideoBench: Benchmark<LongVideoBenchDoc> = defineBenchmark<LongVideoBenchDoc>({
  id: 'longvideobench',
  description: 'LongVideoBench validation (1,337 questions, up to an hour): accuracy per duration group and category, unparsed answers counted apart',
  load: loadLongVideoBench,
  docToVisual: (doc) => ({ video: doc.video, subtitles: doc.subtitles }),
  docToPrompt: longVideoBenchPrompt,
  scoreDoc: scoreLongVideoBenchDoc,
  aggregate: (docs, scores) => longVideoBenchReport(docs.map((doc, i) => ({ durationGroup: doc.durationGroup, questionCategory: doc.questionCategory, correct: scores[i]?.accuracy ?? 0, unparsed: scores[i]?.accuracy === null }))),
  toSubmission: longVideoBenchSubmission,
  metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }],
});
