/**
 * MLVU's multiple-choice prompt, from the template in JUNJIE99/MLVU
 * `evaluation/multiple_choice_evaluation/choice_bench.py`: the system text, then `qa_template`'s
 * "Question: …\nOptions:\n(A) …" with "Only give the best option." appended as written there (directly,
 * with no newline), and the answer starting "Best Option: (".
 */

import type { BenchmarkPrompt } from '../../benchmark.js';

export const mlvuSystem = 'Carefully watch this video and pay attention to every detail. Based on your observations, select the best option that accurately addresses the question.';

export function mlvuQuestionBlock(question: string, candidates: readonly string[]): string {
  return `Question: ${question}\nOptions:\n${candidates.map((c, i) => `(${String.fromCharCode(65 + i)}) ${c}`).join('\n')}`.trimEnd();
}

export function mlvuPrompt(doc: { question: string; candidates: readonly string[] }): BenchmarkPrompt {
  return {
    kind: 'multiple-choice',
    letters: doc.candidates.map((_, i) => String.fromCharCode(65 + i)),
    text: `${mlvuSystem}\n${mlvuQuestionBlock(doc.question, doc.candidates)}Only give the best option.`,
    answerPrefix: 'Best Option: (',
  };
}
