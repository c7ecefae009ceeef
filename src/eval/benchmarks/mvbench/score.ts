/**
 * MVBench scoring as OpenGVLab/Ask-Anything `video_chat2/mvbench.ipynb` does it (TVBench's
 * `vqa_dataset.py::check_ans` is the same function). The model continues "Best option:(", so:
 * 1. the output is cut at "###" and after the last "Assistant:", then stripped (`answer()`);
 * 2. its first line is prefixed with "(" (`infer_mvbench`, `return_prompt='('`);
 * 3. `check_ans`: the first space-separated token, lower-cased, without ".", is a substring of the
 *    ground truth's "(x)" — or "(x)" is a substring of it.
 * Quirks kept: an empty output gives "(", a substring of every "(x)", so it counts as correct; a tab, comma
 * or colon after the letter makes it wrong; an answer missing from the candidates gives "(@)".
 * Avg is micro (all questions), per task is correct/total × 100.
 */

import type { OfficialReport } from '../../benchmark.js';
import { tallyByTask } from '../task-tally.js';

/** The official ground-truth string from `qa_template`: "(X) answer", with "@" when the answer is not a candidate. */
export function mvbenchGroundTruth(candidates: readonly string[], answer: string): string {
  const index = candidates.indexOf(answer);
  return `(${String.fromCharCode(65 + index)}) ${answer}`;
}

/** The text clean-up of `answer()` then `infer_mvbench`: what `check_ans` receives as `pred`. */
export function mvbenchPrediction(generated: string): string {
  const beforeStop = generated.split('###')[0] ?? '';
  const response = (beforeStop.split('Assistant:').at(-1) ?? '').trim();
  return `(${response.trim().split('\n')[0] ?? ''}`;
}

/** The option token `check_ans` compares: first space token, lower-cased, dots removed. */
export function mvbenchPredictedOption(prediction: string): string {
  return (prediction.toLowerCase().split(' ')[0] ?? '').replace(/\./g, '');
}

export function mvbenchCheckAnswer(prediction: string, groundTruth: string): boolean {
  const predOption = prediction.toLowerCase().split(' ')[0] ?? '';
  const gtOption = groundTruth.toLowerCase().split(' ')[0] ?? '';
  return gtOption.includes(predOption.replace(/\./g, '')) || predOption.includes(gtOption);
}

/** `final_res`: per task in first-seen order, then `Avg` over all questions. Empty outputs are counted apart (they still score as the notebook scores them). */
export function mvbenchReport(questions: ReadonlyArray<{ task: string; correct: number; empty: boolean }>): OfficialReport {
  const tally = tallyByTask(questions);
  const metrics: Record<string, number> = {};
  let correct = 0;
  let total = 0;
  for (const [task, [right, count]] of tally) {
    metrics[task] = (right / count) * 100;
    correct += right;
    total += count;
  }
  metrics.Avg = (correct / total) * 100;
  return { metrics, counted: total, total, unparsed: questions.filter((q) => q.empty).length };
}
