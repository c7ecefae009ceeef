/**
 * NExT-GQA as a benchmark: multiple-choice QA plus the moment that grounds it, scored by
 * `eval_ground.py` (Acc&GQA, mIoP, IoP@0.3/0.5, mIoU, IoU@0.3/0.5). The default is the test split
 * (the one papers report); `val` is a variant. A response without a span is left out of the grounding
 * denominator, as the official scorer skips questions without a prediction, and is counted as unparsed.
 */

import { defineBenchmark, type Benchmark, type DocScore } from '../../benchmark.js';
import { loadNextGqa, type NextGqaDoc } from './loader.js';
import { nextGqaPrompt, parseNextGqaAnswer } from './prompt.js';
import { nextGqaMaxima, nextGqaReport } from './score.js';
import { nextGqaSubmission } from './submission.js';

export function scoreNextGqaDoc(doc: NextGqaDoc, output: string): DocScore {
  const { option, span } = parseNextGqaAnswer(output, doc.options.length, doc.duration);
  const qa = option === undefined ? null : option === doc.answer ? 1 : 0;
  if (!span) return { qa, iou: null, iop: null };
  const { maxIoU, maxIoP } = nextGqaMaxima(doc.locations, span);
  return { qa, iou: maxIoU, iop: maxIoP };
}

function report(docs: readonly NextGqaDoc[], scores: readonly DocScore[]) {
  const results = docs.flatMap((doc, i) => {
    const score = scores[i];
    if (typeof score?.iou !== 'number' || typeof score.iop !== 'number') return [];
    return [{ key: doc.id, maxIoU: score.iou, maxIoP: score.iop, qaCorrect: score.qa === 1 }];
  });
  return nextGqaReport(results, docs.length, docs.length - results.length);
}

export const nextGqa: Benchmark<NextGqaDoc> = defineBenchmark<NextGqaDoc>({
  id: 'nextgqa',
  description: 'NExT-GQA (test, 5,553 questions): answer and ground it; Acc&GQA, IoP and IoU as eval_ground.py computes them',
  load: (context) => loadNextGqa(context, 'test'),
  docToVisual: (doc) => ({ video: doc.video }),
  docToPrompt: nextGqaPrompt,
  scoreDoc: scoreNextGqaDoc,
  aggregate: report,
  toSubmission: nextGqaSubmission,
  metrics: [
    { name: 'qa', aggregate: 'mean', higherIsBetter: true },
    { name: 'iou', aggregate: 'mean', higherIsBetter: true },
    { name: 'iop', aggregate: 'mean', higherIsBetter: true },
  ],
  variants: { val: { description: 'the validation split (3,358 questions)', load: (context) => loadNextGqa(context, 'val') } },
});
