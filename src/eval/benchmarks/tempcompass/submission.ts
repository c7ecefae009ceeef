/**
 * A run's answers in TempCompass's prediction format (`predictions/<model>/<task>.json`:
 * `{video: {dimension: [{question, answer, prediction}]}}`, the order of `questions/<task>.json`), which
 * the official `eval_<task>.py` scripts and `reelm eval score --benchmark tempcompass` read.
 */

import type { SubmissionFile } from '../../benchmark.js';
import type { TempcompassDoc } from './index.js';
import type { PerVideo, TempcompassPrediction } from './records.js';

export function tempcompassSubmission(docs: readonly TempcompassDoc[], outputs: ReadonlyArray<string | null>, model = 'reelm'): SubmissionFile[] {
  const byTask = new Map<string, PerVideo<TempcompassPrediction>>();
  docs.forEach((doc, i) => {
    const perVideo = byTask.get(doc.task) ?? {};
    byTask.set(doc.task, perVideo);
    const index = Number(doc.id.split('/').at(-1));
    const list = ((perVideo[doc.video] ??= {})[doc.dimension] ??= []);
    list[index] = { question: doc.question, answer: doc.answer, prediction: outputs[i] ?? null };
  });
  return [...byTask].map(([task, perVideo]) => ({ path: `predictions/${model}/${task}.json`, content: JSON.stringify(perVideo, null, 4) }));
}
