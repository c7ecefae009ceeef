/** MVBench-format answers as the notebook saves them (`test.json`: `{acc_dict, res_list: [{pred, gt}]}`, `pred` with its "(" prefix). */

import type { SubmissionFile } from '../../benchmark.js';
import type { MvbenchDoc } from './loader.js';
import { mvbenchCheckAnswer, mvbenchGroundTruth, mvbenchPrediction } from './score.js';

export function mvbenchSubmission(docs: readonly MvbenchDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  const accDict: Record<string, [number, number]> = {};
  const resList = docs.map((doc, i) => {
    const pred = mvbenchPrediction(outputs[i] ?? '');
    const gt = mvbenchGroundTruth(doc.candidates, doc.answer);
    const tally = (accDict[doc.task] ??= [0, 0]);
    tally[1] += 1;
    if (mvbenchCheckAnswer(pred, gt)) tally[0] += 1;
    return { pred, gt };
  });
  return [{ path: 'test.json', content: `${JSON.stringify({ acc_dict: accDict, res_list: resList })}\n` }];
}
