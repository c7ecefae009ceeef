/**
 * A run's answers in OVO-Bench's result format (`utils/OVOBench.py`): one file per task under
 * `results/<model>/`, each `{backward, realtime, forward}`; backward and real-time entries carry the
 * response and the true letter, forward entries are the annotation items with each probe's response.
 * `score.py` and `reelm eval score --benchmark ovobench` read them back.
 */

import type { SubmissionFile } from '../../benchmark.js';
import type { OvoDoc } from './index.js';
import type { OvoChoiceResult, OvoItem, OvoResults } from './records.js';

export function ovoSubmission(docs: readonly OvoDoc[], outputs: ReadonlyArray<string | null>, model = 'reelm'): SubmissionFile[] {
  const byTask = new Map<string, OvoResults>();
  const forwardItems = new Map<number, OvoItem>();
  docs.forEach((doc, i) => {
    const results = byTask.get(doc.item.task) ?? { backward: [], realtime: [], forward: [] };
    byTask.set(doc.item.task, results);
    const response = outputs[i] ?? null;
    if (doc.mode !== 'forward') {
      const entry: OvoChoiceResult = { id: doc.item.id, video: doc.item.video, task: doc.item.task, question: doc.item.question ?? '', response, ground_truth: String.fromCharCode(65 + (doc.item.gt ?? 0)) };
      results[doc.mode].push(entry);
      return;
    }
    let item = forwardItems.get(doc.item.id);
    if (!item) {
      item = { ...doc.item, test_info: (doc.item.test_info ?? []).map((probe) => ({ ...probe, response: null })) };
      forwardItems.set(doc.item.id, item);
      results.forward.push(item);
    }
    item.test_info![doc.probe ?? 0]!.response = response;
  });
  return [...byTask].map(([task, results]) => ({ path: `results/${model}/${model}_${task}_offline.json`, content: JSON.stringify(results, null, 4) }));
}
