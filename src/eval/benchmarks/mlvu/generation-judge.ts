/**
 * Asking the configured judge to score one MLVU generation answer, with the official rubric
 * (generation-rubric.ts): the user template filled as the f-string does — the question with its newlines
 * removed, the scoring points as Python prints a list of strings, the reference answer, the prediction —
 * at temperature 0. The reply is read with `extract_scores` (generation-scores.ts).
 */

import type { LanguageModel } from '../../../models/language-model.js';
import { mlvuJudgeRubrics, type MlvuGenerationTask } from './generation-rubric.js';
import { extractJudgeScores, type ExtractedScores } from './generation-scores.js';

/** Python's `repr(str)`: single quotes unless the text has a ' and no ", escapes for \\, the quote and control characters. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === quote) out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

/** `str(list_of_strings)` in Python, as an f-string prints the scoring points. */
export function pythonListRepr(items: readonly string[]): string {
  return `[${items.map(pythonStringRepr).join(', ')}]`;
}

export interface MlvuJudgeCase {
  task: MlvuGenerationTask;
  question: string;
  answer: string;
  prediction: string;
  scoringPoints?: readonly string[];
}

/** The user message the official script sends. */
export function mlvuJudgeUserPrompt(item: MlvuJudgeCase): string {
  const values: Record<string, string> = {
    question: item.question.replace(/\n/g, ''),
    scoring_points: pythonListRepr(item.scoringPoints ?? []),
    answer: item.answer,
    pred: item.prediction,
  };
  return mlvuJudgeRubrics[item.task].user.replace(/\{(question|scoring_points|answer|pred)\}/g, (_, name: string) => values[name]!);
}

export interface MlvuJudgeVerdict extends ExtractedScores {
  text: string;
}

export async function judgeMlvuGeneration(judge: LanguageModel, item: MlvuJudgeCase, signal?: AbortSignal): Promise<MlvuJudgeVerdict> {
  const rubric = mlvuJudgeRubrics[item.task];
  const response = await judge.generate({
    messages: [{ role: 'system', content: rubric.system }, { role: 'user', content: mlvuJudgeUserPrompt(item) }],
    parameters: { temperature: rubric.temperature },
    ...(signal ? { signal } : {}),
  });
  return { text: response.text, ...extractJudgeScores(response.text, rubric.scoreKeys) };
}
