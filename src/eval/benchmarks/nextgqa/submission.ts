/**
 * NExT-GQA answers as `eval_ground.py::main` reads them: the grounding file `<split>_ground.json`
 * (`{"<video>_<qid>": [start, end]}` in seconds; questions without a span are left out, as the scorer skips
 * them) and the QA file `<split>-res.json` (`{"<video>_<qid>": {answer, prediction}}`, -1 for no letter).
 */

import type { SubmissionFile } from '../../benchmark.js';
import type { NextGqaDoc } from './loader.js';
import { parseNextGqaAnswer } from './prompt.js';

export function nextGqaSubmission(docs: readonly NextGqaDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  const split = docs[0]?.split ?? 'test';
  const ground: Record<string, [number, number]> = {};
  const qa: Record<string, { answer: number; prediction: number }> = {};
  docs.forEach((doc, i) => {
    const { option, span } = parseNextGqaAnswer(outputs[i] ?? '', doc.options.length, doc.duration);
    if (span) ground[doc.id] = span;
    qa[doc.id] = { answer: doc.answer, prediction: option ?? -1 };
  });
  return [
    { path: `${split}_ground.json`, content: `${JSON.stringify(ground)}\n` },
    { path: `${split}-res.json`, content: `${JSON.stringify(qa)}\n` },
  ];
}
