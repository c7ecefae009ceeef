/**
 * LVBench as a benchmark: `polish_answer`, exact-letter accuracy as a fraction, per question type (a
 * question counts for each of its types), leaderboard names in `breakdowns.leaderboard`. LVBench publishes
 * no prompt; reelm asks the question (options included, as published) and for the letter.
 */

import { defineBenchmark, type Benchmark, type BenchmarkPrompt, type DocScore } from '../../benchmark.js';
import { loadLvbench, type LvbenchDoc } from './loader.js';
import { lvbenchReportFromResults, polishLvbenchAnswer } from './score.js';
import { lvbenchSubmission } from './submission.js';

export function lvbenchPrompt(doc: Pick<LvbenchDoc, 'question'>): BenchmarkPrompt {
  const letters = [...doc.question.matchAll(/^\(([A-Z])\)/gm)].map((m) => m[1]!);
  return { kind: 'multiple-choice', letters, text: `${doc.question}\nAnswer with the option's letter from the given choices directly.` };
}

export function scoreLvbenchDoc(doc: LvbenchDoc, output: string): DocScore {
  const answer = polishLvbenchAnswer(output);
  return { accuracy: answer === '' ? null : answer === doc.answer ? 1 : 0 };
}

export const lvbench: Benchmark<LvbenchDoc> = defineBenchmark<LvbenchDoc>({
  id: 'lvbench',
  description: 'LVBench (hour-long YouTube videos, A–D): polish_answer and compute_accuracy, fractions per question type',
  load: loadLvbench,
  docToVisual: (doc) => ({ video: doc.video }),
  docToPrompt: lvbenchPrompt,
  scoreDoc: scoreLvbenchDoc,
  // An answer that polishes to "" stays in the denominator (the answer file holds ""), counted wrong and apart.
  aggregate: (docs, scores) => lvbenchReportFromResults(docs.map((doc, i) => ({ questionTypes: doc.questionTypes, correct: scores[i]?.accuracy === 1, unparsed: scores[i]?.accuracy === null }))),
  toSubmission: lvbenchSubmission,
  metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }],
});
