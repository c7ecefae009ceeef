/**
 * LVBench scoring as THUDM/LVBench does it: `lvbench/utils/answer_util.py::polish_answer` turns a
 * response into the answer-file string — strip, text before the first ")", text after the first "(",
 * first space-separated token, its first character — so unbracketed prose gives the first letter of its
 * first word ("The answer is C" → "T"); nothing is upper-cased or limited to A–D.
 * `lvbench/metrics/compute_accuracy.py` compares it with the gt letter exactly, as a fraction, over the
 * uids present in the answer file, and counts a question once for each of its `question_type`s;
 * `scripts/test_acc.py` renames the keys for the leaderboard.
 */

import type { OfficialReport } from '../../benchmark.js';

export function polishLvbenchAnswer(response: string): string {
  let answer = response.trim();
  answer = (answer.split(')')[0] ?? '').trim();
  if (answer.includes('(')) answer = (answer.split('(')[1] ?? '').trim();
  answer = answer.split(' ')[0] ?? '';
  return answer.length > 0 ? [...answer][0]! : answer;
}

export const lvbenchLeaderboardNames = Object.freeze({
  'key information retrieval': 'KIR', 'event understanding': 'EU', summarization: 'Sum', 'entity recognition': 'ER', reasoning: 'Rea', 'temporal grounding': 'TG', acc: 'Overall',
} as const satisfies Record<string, string>);

export interface LvbenchQuestion { uid: string; answer: string; questionTypes: readonly string[] }

/** `compute_accuracy` over questions in meta order and an answer file `{uid: polished answer}`: uids missing from the file are dropped. */
export function lvbenchReport(questions: readonly LvbenchQuestion[], answers: Readonly<Record<string, string>>): OfficialReport {
  const answered = questions.filter((q) => Object.hasOwn(answers, q.uid));
  const report = lvbenchReportFromResults(answered.map((q) => ({ questionTypes: q.questionTypes, correct: answers[q.uid] === q.answer, unparsed: answers[q.uid] === '' })));
  return { ...report, total: questions.length };
}

/** The same aggregation over per-question results (what a run produces). */
export function lvbenchReportFromResults(results: ReadonlyArray<{ questionTypes: readonly string[]; correct: boolean; unparsed: boolean }>): OfficialReport {
  const right = new Map<string, number>();
  const total = new Map<string, number>();
  let rightCount = 0;
  for (const result of results) {
    for (const category of result.questionTypes) {
      total.set(category, (total.get(category) ?? 0) + 1);
      if (result.correct) right.set(category, (right.get(category) ?? 0) + 1);
    }
    if (result.correct) rightCount++;
  }
  const metrics: Record<string, number> = {};
  for (const [category, count] of total) metrics[category] = (right.get(category) ?? 0) / count;
  metrics.acc = rightCount / results.length;
  const leaderboard = Object.fromEntries(Object.entries(metrics).map(([name, value]) => [lvbenchLeaderboardNames[name as keyof typeof lvbenchLeaderboardNames] ?? name, value]));
  return { metrics, breakdowns: { leaderboard }, counted: results.length, total: results.length, unparsed: results.filter((r) => r.unparsed).length };
}
