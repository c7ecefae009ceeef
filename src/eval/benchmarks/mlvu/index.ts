/**
 * MLVU (dev, multiple choice) as a benchmark: the official `check_ans` and M-Avg (macro mean of tasks).
 * Variant `videochat2`: the videochat2 copy of `check_ans` (everything before the first ")").
 */

import { defineBenchmark, type Benchmark, type DocScore } from '../../benchmark.js';
import { loadMlvu, type MlvuDoc } from './loader.js';
import { mlvuPrompt } from './prompt.js';
import { mlvuCheckAnswer, mlvuGroundTruth, mlvuReport } from './score.js';
import { mlvuSubmission } from './submission.js';

function scorer(rule: 'official' | 'videochat2') {
  return (doc: MlvuDoc, output: string): DocScore => ({ accuracy: mlvuCheckAnswer(output, mlvuGroundTruth(doc.candidates, doc.answer), rule) ? 1 : 0 });
}

export const mlvu: Benchmark<MlvuDoc> = defineBenchmark<MlvuDoc>({
  id: 'mlvu',
  description: 'MLVU dev (7 multiple-choice tasks, 3 min to 2 h): the official check_ans, M-Avg = mean of task accuracies',
  load: loadMlvu,
  docToVisual: (doc) => ({ video: doc.video }),
  docToPrompt: mlvuPrompt,
  scoreDoc: scorer('official'),
  aggregate: (docs, scores) => mlvuReport(docs.map((doc, i) => ({ task: doc.task, correct: scores[i]?.accuracy ?? 0 }))),
  toSubmission: mlvuSubmission,
  metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }],
  variants: { videochat2: { description: "videochat2's check_ans: the text before the first ')' must equal the letter", scoreDoc: scorer('videochat2') } },
});
