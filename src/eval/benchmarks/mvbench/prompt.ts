/**
 * The MVBench prompt (Ask-Anything `video_chat2/mvbench.ipynb`, `infer_mvbench` with `system_llm=True`):
 * the system text, then `qa_template`'s "Question: …\nOptions:\n(A) …", then "\nOnly give the best
 * option."; the answer starts with "Best option:(" (the `answerPrefix`). TVBench uses the same prompt.
 */

import type { BenchmarkPrompt } from '../../benchmark.js';

export const mvbenchSystem = 'Carefully watch the video and pay attention to the cause and sequence of events, the detail and movement of objects, and the action and pose of persons. Based on your observations, select the best option that accurately addresses the question.\n';

/** `qa_template`'s question block: "Question: q\nOptions:\n(A) c1\n(B) c2", right-stripped. */
export function mvbenchQuestionBlock(question: string, candidates: readonly string[]): string {
  return `Question: ${question}\nOptions:\n${candidates.map((c, i) => `(${String.fromCharCode(65 + i)}) ${c}`).join('\n')}`.trimEnd();
}

export function mvbenchPrompt(doc: { question: string; candidates: readonly string[] }): BenchmarkPrompt {
  return {
    kind: 'multiple-choice',
    letters: doc.candidates.map((_, i) => String.fromCharCode(65 + i)),
    text: `${mvbenchSystem}${mvbenchQuestionBlock(doc.question, doc.candidates)}\nOnly give the best option.`,
    answerPrefix: 'Best option:(',
  };
}
