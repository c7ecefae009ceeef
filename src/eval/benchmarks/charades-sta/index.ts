/**
 * Charades-STA as a benchmark: lmms-eval's prompt (its "seonds" typo kept) and its two scorers — the
 * in-harness `utils.py` by default, the standalone `eval_tvg.py` as the `eval-tvg` variant. The per-doc
 * `iou` is null when the response does not parse (`utils.py` scores it 0); `aggregate` applies the
 * official key collapsing (last prediction of a key wins).
 */

import { defineBenchmark, type Benchmark, type BenchmarkPrompt, type DocScore } from '../../benchmark.js';
import { loadCharadesSta, type CharadesDoc } from './loader.js';
import { charadesSubmission } from './submission.js';
import { charadesKey, collapseByKey, inHarnessMetrics, scoreInHarness, scoreStandalone, standaloneMetrics, type CharadesKeyResult } from './score.js';

const prePrompt = "Please find the visual event described by a sentence in the video, determining its starting and ending times. The format should be: 'The event happens in the start time - end time'. For example, The event 'person turn a light on' happens in the 24.3 - 30.4 seonds. Now I will give you the textual sentence: ";
const postPrompt = 'Please return its start time and end time.';

export function charadesPrompt(doc: Pick<CharadesDoc, 'caption'>): BenchmarkPrompt {
  return { kind: 'grounding', text: `${prePrompt}${doc.caption}. ${postPrompt}` };
}

/** `iou` is null when unparsed; `scoredIou` is what the official script counts for the doc (eval_tvg scores a fallback span). */
function scorer(which: 'utils' | 'eval-tvg') {
  return (doc: CharadesDoc, output: string): DocScore => {
    if (which === 'utils') {
      const result = scoreInHarness(doc.timestamp, output);
      return { iou: result.bad ? null : result.iou, scoredIou: result.iou };
    }
    const result = scoreStandalone(doc.timestamp, output);
    return { iou: result.parsed.length === 1 ? result.iou : null, scoredIou: result.iou };
  };
}

function keyResults(docs: readonly CharadesDoc[], scores: readonly DocScore[]): CharadesKeyResult[] {
  return collapseByKey(docs.map((doc, i) => ({ key: charadesKey(doc.video, doc.caption, doc.timestamp), value: { iou: scores[i]?.scoredIou ?? 0, unparsed: scores[i]?.iou === null } })));
}

export const charadesSta: Benchmark<CharadesDoc> = defineBenchmark<CharadesDoc>({
  id: 'charades-sta',
  description: 'Charades-STA (3,720 test queries): R@1 at IoU 0.3/0.5/0.7 and mIoU, scored as lmms-eval utils.py does',
  load: loadCharadesSta,
  docToVisual: (doc) => ({ video: doc.videoPath }),
  docToPrompt: charadesPrompt,
  scoreDoc: scorer('utils'),
  aggregate: (docs, scores) => inHarnessMetrics(keyResults(docs, scores), docs.length),
  toSubmission: charadesSubmission,
  metrics: [{ name: 'iou', aggregate: 'mean', higherIsBetter: true }],
  variants: {
    'eval-tvg': { description: "lmms-eval's standalone eval_tvg.py: keyword sentences only, unparsed scored as [gt_end+10, gt_end+20]", scoreDoc: scorer('eval-tvg'), aggregate: (docs, scores) => standaloneMetrics(keyResults(docs, scores), docs.length) },
  },
});
