/**
 * A run's answers in NExT-QA's result format (`results/*.json`: `{"<video>_<qid>": {prediction, answer}}`
 * with option indices), which `eval_mc.py` and `reelm eval score --benchmark nextqa` read. An answer
 * without a letter is written as prediction -1, which never equals an answer: the format has no
 * "unparsed", and eval_mc.py counts such a question wrong.
 */

import type { SubmissionFile } from '../../benchmark.js';
import { parseChoiceLetter } from '../../benchmark-synth.js';
import type { NextqaDoc } from './index.js';

const letters = ['A', 'B', 'C', 'D', 'E'];

export function nextqaSubmission(docs: readonly NextqaDoc[], outputs: ReadonlyArray<string | null>, name = 'reelm-val'): SubmissionFile[] {
  const results: Record<string, { prediction: number; answer: number }> = {};
  docs.forEach((doc, i) => {
    const letter = parseChoiceLetter(outputs[i] ?? '', letters);
    results[doc.key] = { prediction: letter === undefined ? -1 : letters.indexOf(letter), answer: doc.answer };
  });
  return [{ path: `results/${name}.json`, content: JSON.stringify(results, null, 4) }];
}
