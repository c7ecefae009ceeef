/**
 * LongVideoBench scoring. The benchmark repository (longvideobench/LongVideoBench) ships a data loader and
 * no scorer; the scorer people run is lmms-eval's (@ 75571cf, `lmms_eval/tasks/longvideobench/utils.py`):
 * `parse_multi_choice_response` strips, deletes eight answer prefixes anywhere, and takes the first
 * upper-case A–E anywhere — and on failure picks a random letter, which reelm does not: the answer is
 * unparsed, counted wrong and reported apart. `longvideobench_aggregate_results` scores each duration
 * group and question category, and "Overall" is their size-weighted mean (each question counted twice, so
 * it equals plain accuracy), rounded to 5 digits.
 */

import type { OfficialReport } from '../../benchmark.js';
import { formatFixedLikePython } from '../../python-numbers.js';

const answerPrefixes = ['The best answer is', 'The correct answer is', 'The answer is', 'The answer', 'The best option is', 'The correct option is', 'Best answer:', 'Best option:'] as const;

/** The letter lmms-eval's parser finds, or undefined where it would guess at random. */
export function parseLongVideoBenchLetter(response: string): string | undefined {
  let text = response.trim();
  for (const prefix of answerPrefixes) text = text.split(prefix).join('');
  if (text.split(/\s+/).filter(Boolean).length > 10 && !/[ABCDE]/.test(text)) return undefined;
  return /[ABCDE]/.exec(text)?.[0];
}

/** Python's `round(x, digits)` on a float. */
function pythonRound(value: number, digits: number): number {
  return Number(formatFixedLikePython(value, digits));
}

export interface LongVideoBenchScored { durationGroup: string; questionCategory: string; correct: number; unparsed: boolean }

export function longVideoBenchReport(questions: readonly LongVideoBenchScored[]): OfficialReport {
  const subsets = new Map<string, LongVideoBenchScored[]>();
  for (const q of questions) {
    for (const name of [String(q.durationGroup), q.questionCategory]) subsets.set(name, [...(subsets.get(name) ?? []), q]);
  }
  const breakdown: Record<string, number> = {};
  let weighted = 0;
  let count = 0;
  for (const [name, samples] of subsets) {
    const acc = samples.filter((s) => s.correct === 1).length / samples.length;
    breakdown[name] = pythonRound(acc, 5);
    weighted += acc * samples.length;
    count += samples.length;
  }
  const overall = count === 0 ? 0 : weighted / count;
  return { metrics: { Overall: pythonRound(overall, 5) }, breakdowns: { acc: breakdown }, counted: questions.length, total: questions.length, unparsed: questions.filter((q) => q.unparsed).length };
}
