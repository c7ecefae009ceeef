/**
 * OVO-Bench (JoeLeelyf/OVO-Bench) as a benchmark, following its offline protocol: a backward or
 * real-time item is asked once on the video cut at `ceil(realtime)`; a forward item (REC, SSR, CRR) is
 * asked at every probe `i`, each on the video cut at `ceil(test_info[i].realtime)` — one doc per cut, as
 * `utils/chunk_videos.py` writes `{id}.mp4` and `{id}_{i}.mp4`. Source videos are read from
 * `data/src_videos/<video>` (the default of `chunk_videos.py`) or `src_videos/<video>` (the Hugging Face
 * dataset). Scores follow `utils/OVOBenchScore.py`; `aggregate` gives per-task accuracy, the mean per
 * mode and the total.
 */

import { defineBenchmark, type BenchmarkLoadContext, type DocScore, type OfficialReport } from '../../benchmark.js';
import { resolveMediaPath } from '../../benchmark-files.js';
import { ovoPrompt } from './prompts.js';
import { loadOvoItems, modeOfTask, type OvoItem, type OvoMode } from './records.js';
import { ovoSubmission } from './submission.js';
import { scoreChoice, scoreCount, scoreYesNo, summarizeOvo } from './rules.js';

export interface OvoDoc {
  /** `{id}` or `{id}_{probe}`, the name of the cut clip. */
  id: string;
  item: OvoItem;
  mode: OvoMode;
  /** Forward tasks: which probe of `test_info`. */
  probe?: number;
  /** The cut: the video from 0 to here, in seconds (`ceil` of the probe time). */
  cutAt: number;
  video: string;
}

async function loadDocs(context: BenchmarkLoadContext): Promise<OvoDoc[]> {
  const items = await loadOvoItems(context.dataDir);
  const docs: OvoDoc[] = [];
  for (const item of items) {
    const mode = modeOfTask(item.task)!;
    const video = await resolveMediaPath(context.dataDir, [`data/src_videos/${item.video}`, `src_videos/${item.video}`]);
    if (mode === 'forward') {
      (item.test_info ?? []).forEach((probe, i) => docs.push({ id: `${item.id}_${i}`, item, mode, probe: i, cutAt: Math.ceil(probe.realtime), video }));
    } else {
      docs.push({ id: String(item.id), item, mode, cutAt: Math.ceil(item.realtime ?? 0), video });
    }
    if (context.limit !== undefined && docs.length >= context.limit) return docs.slice(0, context.limit);
  }
  return docs;
}

/** One answer scored by the official rule; the metric is the task name. */
export function scoreOvoDoc(doc: OvoDoc, output: string): DocScore {
  const { item } = doc;
  if (doc.mode !== 'forward') return { [item.task]: scoreChoice(output, String.fromCharCode(65 + (item.gt ?? 0))) };
  const probe = item.test_info?.[doc.probe ?? 0];
  if (item.task === 'REC') return { REC: scoreCount(output, probe?.count ?? 0) };
  return { [item.task]: scoreYesNo(output, probe?.type ?? 0) };
}

export function aggregateOvo(docs: readonly OvoDoc[], scores: readonly DocScore[]): OfficialReport {
  const answers = docs.map((doc, i) => ({ task: doc.item.task, score: scores[i]?.[doc.item.task] ?? 0 }));
  const summary = summarizeOvo(answers);
  const metrics: Record<string, number> = {};
  if (summary.modes.backward !== undefined) metrics.Backward = summary.modes.backward;
  if (summary.modes.realtime !== undefined) metrics.Realtime = summary.modes.realtime;
  if (summary.modes.forward !== undefined) metrics.Forward = summary.modes.forward;
  if (summary.total !== null) metrics.Total = summary.total;
  return {
    metrics,
    breakdowns: { task: Object.fromEntries(summary.tasks.map((t) => [t.task, t.accuracy])) },
    counted: answers.length,
    total: answers.length,
    unparsed: 0,
  };
}

const taskNames = ['EPM', 'ASI', 'HLD', 'OCR', 'ACR', 'ATR', 'STU', 'FPD', 'OJR', 'REC', 'SSR', 'CRR'];

export const ovobenchBenchmark = defineBenchmark<OvoDoc>({
  id: 'ovobench',
  description: 'OVO-Bench offline protocol: backward, real-time and forward-active tasks on videos cut at each probe time',
  load: loadDocs,
  docToVisual: (doc) => ({ video: doc.video, span: { start: 0, end: doc.cutAt } }),
  docToPrompt: (doc) => (doc.mode === 'forward'
    ? { kind: 'open', text: ovoPrompt(doc.item, doc.probe) }
    : { kind: 'multiple-choice', text: ovoPrompt(doc.item), letters: (doc.item.options ?? []).map((_, i) => String.fromCharCode(65 + i)) }),
  scoreDoc: scoreOvoDoc,
  aggregate: aggregateOvo,
  toSubmission: (docs, outputs) => ovoSubmission(docs, outputs),
  metrics: taskNames.map((name) => ({ name, aggregate: 'mean' as const, higherIsBetter: true })),
});
