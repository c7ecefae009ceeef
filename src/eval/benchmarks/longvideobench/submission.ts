/** LongVideoBench answers as lmms-eval's submission file: `{"<id>": response}`. */

import type { SubmissionFile } from '../../benchmark.js';
import type { LongVideoBenchDoc } from './loader.js';

export function longVideoBenchSubmission(docs: readonly LongVideoBenchDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  return [{ path: 'longvideobench_test_for_submission.json', content: `${JSON.stringify(Object.fromEntries(docs.map((doc, i) => [doc.id, outputs[i] ?? ''])))}\n` }];
}
