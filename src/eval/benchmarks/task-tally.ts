/**
 * Right answers and question counts per task, in first-seen order: the `final_res` dictionary that the
 * MVBench notebook and MLVU's choice_bench.py build before printing per-task accuracy (their `Avg`
 * rules differ, so each report computes its own).
 */

/**
 * @example tallyByTask([{ task: 'a', correct: 1 }, { task: 'a', correct: 0 }]) // Map { 'a' => [1, 2] }
 */
export function tallyByTask(questions: ReadonlyArray<{ task: string; correct: number }>): Map<string, [right: number, count: number]> {
  const tally = new Map<string, [number, number]>();
  for (const question of questions) {
    const entry = tally.get(question.task) ?? [0, 0];
    entry[0] += question.correct;
    entry[1] += 1;
    tally.set(question.task, entry);
  }
  return tally;
}
