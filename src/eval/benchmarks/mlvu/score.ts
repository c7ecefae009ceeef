/**
 * MLVU (dev) multiple-choice scoring as JUNJIE99/MLVU `evaluation/multiple_choice_evaluation/choice_bench.py`
 * does it. `check_ans`: when the prediction holds ")", only the one character before the first ")" counts
 * (")" at the start gives ""); otherwise the whole prediction must equal the letter ("A." and " B" are
 * wrong). The ground truth is `qa_template`'s "(X) answer", with "@" when the answer is not a candidate
 * (two real dev items). Per task correct/total × 100; M-Avg ("Avg") is the unweighted mean of the tasks.
 * The `videochat2` copy (`evaluation/models/videochat2/choice_bench.py`) keeps everything before ")".
 */

import type { OfficialReport } from '../../benchmark.js';
import { tallyByTask } from '../task-tally.js';

export function mlvuGroundTruth(candidates: readonly string[], answer: string): string {
  return `(${String.fromCharCode(65 + candidates.indexOf(answer))}) ${answer}`;
}

function groundTruthOption(groundTruth: string): string {
  return groundTruth.slice(groundTruth.indexOf('(') + 1, groundTruth.indexOf(')'));
}

/** The string `check_ans` compares with the ground-truth letter. */
export function mlvuParsedAnswer(prediction: string, rule: 'official' | 'videochat2' = 'official'): string {
  const close = prediction.indexOf(')');
  if (close < 0) return prediction;
  // Python's pred[index3-1:index3] with index3 == 0 is pred[-1:0], the empty string.
  return rule === 'official' ? (close === 0 ? '' : prediction.slice(close - 1, close)) : prediction.slice(0, close);
}

export function mlvuCheckAnswer(prediction: string, groundTruth: string, rule: 'official' | 'videochat2' = 'official'): boolean {
  return mlvuParsedAnswer(prediction, rule) === groundTruthOption(groundTruth);
}

/** `final_res`: per task in first-seen order, then `Avg`, the sum of task percentages over the task count. */
export function mlvuReport(questions: ReadonlyArray<{ task: string; correct: number }>): OfficialReport {
  const tally = tallyByTask(questions);
  const metrics: Record<string, number> = {};
  let total = 0;
  for (const [task, [right, count]] of tally) {
    metrics[task] = (right / count) * 100;
    total += metrics[task];
  }
  metrics.Avg = total / tally.size;
  return { metrics, counted: questions.length, total: questions.length, unparsed: 0 };
}
