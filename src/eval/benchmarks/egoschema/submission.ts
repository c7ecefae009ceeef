/** EgoSchema answers as `validate.py` uploads them: `{"<q_uid>": option index}`, -1 where no letter was read (as lmms-eval writes). */

import type { SubmissionFile } from '../../benchmark.js';
import type { EgoSchemaDoc } from './loader.js';
import { parseEgoSchemaLetter } from './score.js';

export function egoSchemaSubmission(docs: readonly EgoSchemaDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  const entries = docs.map((doc, i) => {
    const letter = parseEgoSchemaLetter(outputs[i] ?? '', doc.options);
    return [doc.id, letter === undefined ? -1 : letter.charCodeAt(0) - 65] as const;
  });
  return [{ path: 'submission.json', content: `${JSON.stringify(Object.fromEntries(entries), null, 4)}\n` }];
}
