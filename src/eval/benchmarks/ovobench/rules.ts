/**
 * OVO-Bench's scoring rules, as `utils/OVOBenchScore.py` (OVOBenchOfflineScore) applies them: a
 * backward or real-time answer is right when the true letter occurs anywhere in the response; REC when
 * all digits of the response, joined, equal the count; SSR and CRR when the response is exactly "N"/"Y"
 * for No/Yes, or contains "No"/"Yes". A missing response (None) is wrong and stays in the denominator.
 * Accuracy per task, the unweighted mean of tasks per mode, and Total = the mean of the three modes.
 */

import { modeOfTask, ovoTasks, type OvoMode } from './records.js';

export function scoreChoice(response: string | null | undefined, letter: string): number {
  return response === null || response === undefined ? 0 : response.includes(letter) ? 1 : 0;
}

export function scoreCount(response: string | null | undefined, count: number): number {
  if (response === null || response === undefined) return 0;
  return (response.match(/\d+/g) ?? []).join('') === String(count) ? 1 : 0;
}

/** SSR and CRR: `type` 1 means the true answer is Yes. */
export function scoreYesNo(response: string | null | undefined, type: number): number {
  if ((response === 'N' && type === 0) || (response === 'Y' && type === 1)) return 1;
  if (response === null || response === undefined) return 0;
  return response.includes(type === 0 ? 'No' : 'Yes') ? 1 : 0;
}

export interface OvoScoredAnswer {
  task: string;
  score: number;
}

export interface OvoSummary {
  /** Per task, in order of first appearance within each mode. */
  tasks: Array<{ mode: OvoMode; task: string; correct: number; count: number; accuracy: number }>;
  /** `100 * sum(task fractions) / tasks`, per mode with answers. */
  modes: Partial<Record<OvoMode, number>>;
  /** Mean of the three modes; null when a mode has no answers (score.py stops there). */
  total: number | null;
}

export function summarizeOvo(answers: readonly OvoScoredAnswer[]): OvoSummary {
  const byTask = new Map<string, { correct: number; count: number }>();
  for (const answer of answers) {
    const entry = byTask.get(answer.task) ?? { correct: 0, count: 0 };
    entry.correct += answer.score;
    entry.count += 1;
    byTask.set(answer.task, entry);
  }
  const tasks: OvoSummary['tasks'] = [];
  const modes: OvoSummary['modes'] = {};
  for (const mode of Object.keys(ovoTasks) as OvoMode[]) {
    const fractions: number[] = [];
    for (const [task, { correct, count }] of byTask) {
      if (modeOfTask(task) !== mode) continue;
      tasks.push({ mode, task, correct, count, accuracy: (100 * correct) / count });
      fractions.push(correct / count);
    }
    if (fractions.length) modes[mode] = (100 * fractions.reduce((a, b) => a + b, 0)) / fractions.length;
  }
  const { backward, realtime, forward } = modes;
  const total = backward !== undefined && realtime !== undefined && forward !== undefined ? (backward + realtime + forward) / 3 : null;
  return { tasks, modes, total };
}
