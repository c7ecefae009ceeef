/**
 * `reelm eval score --benchmark charades-sta[:eval-tvg]`: lmms-eval's combined submission file
 * `{"<video>>>><caption>>>>[start, end]": "<response>"}` (the ground truth is in each key), scored by
 * lmms-eval's in-harness `utils.py` metrics or, by name, its standalone `eval_tvg.py`.
 */

import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { charadesInHarnessReport, charadesStandaloneReport, type CharadesPrediction } from './score.js';

/** The ground truth at the end of a key, written as a Python list "[start, end]". */
export function parseCharadesKey(key: string): [number, number] | undefined {
  const gt = key.slice(key.lastIndexOf('>>>') + 3);
  const match = /^\[\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*\]$/.exec(gt);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function scoreCharadesPredictions(which: 'utils' | 'eval-tvg'): PredictionScorer {
  return async (input): Promise<ScoreReport> => {
    const submission = await readJsonFile<Record<string, string>>(input.predictions, { origin: 'lmms-eval (inference_results_temporal_grounding_charades_*.json)' });
    const predictions: CharadesPrediction[] = [];
    const notes: string[] = [];
    for (const [key, response] of Object.entries(submission)) {
      const timestamp = parseCharadesKey(key);
      if (!timestamp) {
        notes.push(`key ${JSON.stringify(key)} has no [start, end] ground truth; skipped (lmms-eval counts it as a bad prediction).`);
        continue;
      }
      const [video = '', caption = ''] = key.split('>>>');
      predictions.push({ video, caption, timestamp, response });
    }
    const report = which === 'utils' ? charadesInHarnessReport(predictions) : charadesStandaloneReport(predictions);
    notes.push(`${report.unparsed} of ${report.counted} responses did not parse to one span.`);
    return {
      benchmark: which === 'utils' ? 'charades-sta' : 'charades-sta:eval-tvg',
      officialScript: which === 'utils' ? 'EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/charades_sta/utils.py' : 'EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/charades_sta/eval_tvg.py',
      sections: [{ title: 'R@1 and mIoU', rows: Object.entries(report.metrics).map(([name, value]) => row(name, value, floatRepr(value), report.counted)) }],
      notes,
      official: { printed: report.printed },
    };
  };
}
