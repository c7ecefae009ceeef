/**
 * NExT-QA's `eval_mc.py` (doc-doc/NExT-QA): questions grouped by type in the CSV's order (TP merged into
 * TN), a prediction correct when it equals the `answer` stored in the result file itself (not the CSV,
 * a quirk kept), accuracy per type, per group (C: causal, T: temporal, D: descriptive) and overall,
 * printed with two decimals.
 */

import { ConfigError } from '../../../core/errors.js';
import type { NextqaQuestion, NextqaResults } from './records.js';

/** The script's column names, in its printing order. */
export const nextqaColumns = Object.freeze({ CW: 'Why', CH: 'How', TN: 'Bef&Aft', TC: 'When', DC: 'Cnt', DL: 'Loc', DO: 'Other', C: 'Acc_C', T: 'Acc_T', D: 'Acc_D' } as const);
export type NextqaGroup = keyof typeof nextqaColumns;

export function nextqaQuestionType(type: string): string {
  return type === 'TP' ? 'TN' : type;
}

export interface NextqaAccuracy {
  /** Correct and counted per type and group. */
  groups: Record<NextqaGroup, { correct: number; count: number }>;
  correct: number;
  count: number;
  /** Results whose stored answer differs from the CSV's (the script trusts the result file). */
  answerMismatches: number;
}

export function nextqaAccuracy(questions: readonly NextqaQuestion[], results: NextqaResults, file: string): NextqaAccuracy {
  const groups = Object.fromEntries(Object.keys(nextqaColumns).map((k) => [k, { correct: 0, count: 0 }])) as NextqaAccuracy['groups'];
  let correct = 0;
  let answerMismatches = 0;
  for (const question of questions) {
    const type = nextqaQuestionType(question.type);
    if (!(type in groups) || type.length !== 2) throw new ConfigError(`question ${question.key}`, `has type "${question.type}", which eval_mc.py does not know.`);
    const result = results[question.key];
    if (!result) throw new ConfigError(file, `has no result for "${question.key}"; eval_mc.py needs one for every question of the split.`);
    const hit = result.answer === result.prediction ? 1 : 0;
    if (result.answer !== question.answer) answerMismatches += 1;
    for (const group of [type, type[0]!] as NextqaGroup[]) {
      groups[group].correct += hit;
      groups[group].count += 1;
    }
    correct += hit;
  }
  return { groups, correct, count: questions.length, answerMismatches };
}
