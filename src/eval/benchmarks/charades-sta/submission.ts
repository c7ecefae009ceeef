/** Charades-STA answers as lmms-eval's combined submission: `{"<video>>>><caption>>>>[start, end]": response}`, last answer of a key kept. */

import type { SubmissionFile } from '../../benchmark.js';
import type { CharadesDoc } from './loader.js';
import { charadesKey } from './score.js';

export function charadesSubmission(docs: readonly CharadesDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  const combined: Record<string, string> = {};
  docs.forEach((doc, i) => {
    combined[charadesKey(doc.video, doc.caption, doc.timestamp)] = outputs[i] ?? '';
  });
  return [{ path: 'inference_results_temporal_grounding_charades.json', content: `${JSON.stringify(combined, null, 4)}\n` }];
}
