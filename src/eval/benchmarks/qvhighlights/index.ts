/**
 * QVHighlights (jayleicn/moment_detr) as a benchmark: one doc per query of the val split (variant
 * `test`: the test split with its released ground truth), the 150-s clip `videos/<vid>.mp4` as visual,
 * a prompt asking for the relevant moments, and per-query moment retrieval scores by the official rules
 * (AP over IoU 0.5:0.95, R1 at 0.5 and 0.7) whose means are the official mAP and R1. Highlight scores need
 * per-clip saliency, which `reelm eval score` reads from the published prediction format.
 */

import path from 'node:path';
import { parseTimeSpans } from '../../../plan/parse-time-spans.js';
import { defineBenchmark, type BenchmarkLoadContext, type DocScore } from '../../benchmark.js';
import { iouThresholds, pairedIoU, crossIoU, queryAveragePrecision } from './moment-retrieval.js';
import { qvhighlightsSubmission } from './submission.js';
import { loadQueries, type QvhighlightsQuery, type QvhighlightsSplit } from './records.js';

export interface QvhighlightsDoc extends QvhighlightsQuery {
  video: string;
}

function loader(split: QvhighlightsSplit) {
  return async (context: BenchmarkLoadContext): Promise<QvhighlightsDoc[]> => {
    const queries = await loadQueries(context.dataDir, split);
    const docs = queries.map((q) => ({ ...q, video: path.join(context.dataDir, 'videos', `${q.vid}.mp4`) }));
    return context.limit === undefined ? docs : docs.slice(0, context.limit);
  };
}

export function qvhighlightsPrompt(doc: QvhighlightsDoc): string {
  return `Find every moment of this ${doc.duration}-second video that matches the query below. List the moments from most to least relevant.\nQuery: ${doc.query}\nGive each moment as HH:MM:SS.s-HH:MM:SS.s, one per line.`;
}

/** Per-query moment retrieval scores of an answer whose spans are ranked in the order given. */
export function scoreQvhighlightsDoc(doc: QvhighlightsDoc, output: string): DocScore {
  const parsed = parseTimeSpans(output, doc.duration);
  if (parsed.kind === 'unparsed') return { 'MR-mAP': null, 'MR-mAP@0.5': null, 'MR-mAP@0.75': null, 'MR-R1@0.5': null, 'MR-R1@0.7': null };
  const ranked = parsed.spans.map((span, i) => [span.start, span.end, parsed.spans.length - i]);
  const ap = queryAveragePrecision(doc.relevant_windows, ranked.slice(0, 10));
  const first = ranked[0] ?? [0, 0];
  let best = 0;
  doc.relevant_windows.forEach((w, j) => { if (crossIoU(first, w) > crossIoU(first, doc.relevant_windows[best]!)) best = j; });
  const iou = pairedIoU(first, doc.relevant_windows[best] ?? [0, 0]);
  return {
    'MR-mAP': ap.reduce((a, b) => a + b, 0) / ap.length,
    'MR-mAP@0.5': ap[iouThresholds.indexOf(0.5)]!,
    'MR-mAP@0.75': ap[iouThresholds.indexOf(0.75)]!,
    'MR-R1@0.5': iou >= 0.5 ? 1 : 0,
    'MR-R1@0.7': iou >= 0.7 ? 1 : 0,
  };
}

const parts = {
  docToVisual: (doc: QvhighlightsDoc) => ({ video: doc.video, span: { start: 0, end: doc.duration } }),
  docToPrompt: (doc: QvhighlightsDoc) => ({ kind: 'grounding' as const, text: qvhighlightsPrompt(doc) }),
  scoreDoc: scoreQvhighlightsDoc,
  toSubmission: (docs: readonly QvhighlightsDoc[], outputs: ReadonlyArray<string | null>) => qvhighlightsSubmission(docs, outputs),
};

export const qvhighlightsBenchmark = defineBenchmark<QvhighlightsDoc>({
  id: 'qvhighlights',
  description: 'QVHighlights moment retrieval (val): mAP over IoU 0.5:0.95 and R1@0.5/0.7 by standalone_eval/eval.py',
  load: loader('val'),
  ...parts,
  metrics: ['MR-mAP', 'MR-mAP@0.5', 'MR-mAP@0.75', 'MR-R1@0.5', 'MR-R1@0.7'].map((name) => ({ name, aggregate: 'mean' as const, higherIsBetter: true })),
  variants: { test: { description: 'the test split, scored with data/highlight_test_with_gt.jsonl', load: loader('test') } },
});
