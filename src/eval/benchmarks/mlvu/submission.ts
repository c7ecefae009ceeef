/** MLVU answers as `choice_bench.py` saves them: `{acc_dict, res_list: [{pred, gt, question, question_type, video}]}`. */

import type { SubmissionFile } from '../../benchmark.js';
import type { MlvuDoc } from './loader.js';
import { mlvuCheckAnswer, mlvuGroundTruth } from './score.js';
import { mlvuQuestionBlock } from './prompt.js';

export function mlvuSubmission(docs: readonly MlvuDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  const accDict: Record<string, [number, number]> = {};
  const resList = docs.map((doc, i) => {
    const pred = outputs[i] ?? '';
    const gt = mlvuGroundTruth(doc.candidates, doc.answer);
    const tally = (accDict[doc.task] ??= [0, 0]);
    tally[1] += 1;
    if (mlvuCheckAnswer(pred, gt)) tally[0] += 1;
    return { pred, gt, question: mlvuQuestionBlock(doc.question, doc.candidates), question_type: doc.task, video: doc.video };
  });
  return [{ path: 'test_all_choice.json', content: `${JSON.stringify({ acc_dict: accDict, res_list: resList })}\n` }];
}
