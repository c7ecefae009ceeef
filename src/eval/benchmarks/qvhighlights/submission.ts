/**
 * A run's answers in QVHighlights' submission format (`hl_val_submission.jsonl`, standalone_eval/README.md):
 * one line per query with `pred_relevant_windows` `[start, end, score]`, ranked in the order the model
 * listed them (score = rank from the end). Saliency scores are left out (a language model is not asked
 * for them; eval.py then skips highlight metrics). An answer without spans becomes one empty window
 * `[0, 0, 0]`, which matches nothing — eval.py needs at least one window per query.
 */

import { parseTimeSpans } from '../../../plan/parse-time-spans.js';
import type { SubmissionFile } from '../../benchmark.js';
import type { QvhighlightsDoc } from './index.js';

export function qvhighlightsSubmission(docs: readonly QvhighlightsDoc[], outputs: ReadonlyArray<string | null>, split = 'val'): SubmissionFile[] {
  const lines = docs.map((doc, i) => {
    const parsed = parseTimeSpans(outputs[i] ?? '', doc.duration);
    const spans = parsed.kind === 'spans' ? parsed.spans : [];
    const windows = spans.length ? spans.map((span, rank) => [span.start, span.end, spans.length - rank]) : [[0, 0, 0]];
    return JSON.stringify({ qid: doc.qid, query: doc.query, vid: doc.vid, pred_relevant_windows: windows });
  });
  return [{ path: `hl_${split}_submission.jsonl`, content: lines.join('\n') + '\n' }];
}
