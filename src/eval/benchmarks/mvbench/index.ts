/**
 * MVBench as a benchmark (20 tasks): the notebook's prompt with "Best option:(", questions bounded to
 * their sub-clip, TVQA frame folders, and the notebook's `check_ans` and `final_res`.
 * `defineMvbenchFormat` serves TVBench, which publishes the same format with its own task table.
 */

import { defineBenchmark, type Benchmark, type BenchmarkVisual, type DocScore } from '../../benchmark.js';
import { loadMvbenchFormat, type MvbenchDoc } from './loader.js';
import { mvbenchPrompt } from './prompt.js';
import { mvbenchCheckAnswer, mvbenchGroundTruth, mvbenchPrediction, mvbenchReport } from './score.js';
import { mvbenchSubmission } from './submission.js';
import { mvbenchTasks, type MvbenchFormatTask } from './tasks.js';

export function scoreMvbenchDoc(doc: MvbenchDoc, output: string): DocScore {
  const prediction = mvbenchPrediction(output);
  return { accuracy: mvbenchCheckAnswer(prediction, mvbenchGroundTruth(doc.candidates, doc.answer)) ? 1 : 0, empty: prediction === '(' ? 1 : 0 };
}

export function mvbenchVisual(doc: MvbenchDoc): BenchmarkVisual {
  const visual: BenchmarkVisual = { video: doc.video };
  if (doc.bound) visual.span = { start: doc.bound.start, end: doc.bound.end };
  if (doc.dataType === 'frame') visual.frameFolder = { fps: 3, firstIndex: 1, pattern: '%05d.jpg' };
  return visual;
}

export function defineMvbenchFormat(id: string, description: string, tasks: Readonly<Record<string, MvbenchFormatTask>>, source: string): Benchmark<MvbenchDoc> {
  return defineBenchmark<MvbenchDoc>({
    id,
    description,
    load: (context) => loadMvbenchFormat(context, tasks, source),
    docToVisual: mvbenchVisual,
    docToPrompt: mvbenchPrompt,
    scoreDoc: scoreMvbenchDoc,
    aggregate: (docs, scores) => mvbenchReport(docs.map((doc, i) => ({ task: doc.task, correct: scores[i]?.accuracy ?? 0, empty: scores[i]?.empty === 1 }))),
    toSubmission: mvbenchSubmission,
    metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }],
  });
}

export const mvbench = defineMvbenchFormat(
  'mvbench',
  'MVBench (20 temporal tasks, 16 frames within each question\'s bound): the notebook\'s check_ans, Avg over all questions',
  mvbenchTasks,
  'huggingface.co/datasets/OpenGVLab/MVBench (json/)',
);
