/** LVBench answers as the answer file `compute_accuracy.py` reads: `{"<uid>": polish_answer(response)}`. */

import type { SubmissionFile } from '../../benchmark.js';
import type { LvbenchDoc } from './loader.js';
import { polishLvbenchAnswer } from './score.js';

export function lvbenchSubmission(docs: readonly LvbenchDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  return [{ path: 'answers.json', content: `${JSON.stringify(Object.fromEntries(docs.map((doc, i) => [doc.uid, polishLvbenchAnswer(outputs[i] ?? '')])), null, 4)}\n` }];
}
