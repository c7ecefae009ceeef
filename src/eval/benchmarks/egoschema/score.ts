/**
 * EgoSchema scoring on the 500-question subset whose answers are public (egoschema/EgoSchema
 * `subset_answers.json`, `{q_uid: option index}`): accuracy as a fraction, every subset question in the
 * denominator (lmms-eval `egoschema_aggregate_score`). The official repository reads no model text (its
 * server takes option indices), so the answer is read with lmms-eval's MMMU-style
 * `parse_multi_choice_response` (@ 75571cf, `lmms_eval/tasks/egoschema/utils.py`) — except that where it
 * picks a random letter, reelm reports the answer unparsed.
 */

import type { OfficialReport } from '../../benchmark.js';

function stripChar(text: string, char: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === char) start++;
  while (end > start && text[end - 1] === char) end--;
  return text.slice(start, end);
}

/** The letter lmms-eval's parser picks, or undefined where it would pick at random. */
export function parseEgoSchemaLetter(output: string, options: readonly string[]): string | undefined {
  const choices = options.map((_, i) => String.fromCharCode(65 + i));
  let response = output;
  for (const char of [',', '.', '!', '?', ';', ':', "'"]) response = stripChar(response, char);
  response = ` ${response} `;
  let indexAnswer = true;
  const candidates: string[] = [];
  for (const choice of choices) if (response.includes(`(${choice})`)) candidates.push(`(${choice})`);
  for (const choice of choices) if (response.includes(`${choice} `)) candidates.push(`${choice} `);
  for (const choice of choices) if (response.includes(`${choice}.`)) candidates.push(`${choice}.`);
  if (candidates.length === 0 && response.split(/\s+/).filter(Boolean).length > 5) {
    options.forEach((option, i) => {
      if (response.toLowerCase().includes(option.trim().toLowerCase())) candidates.push(choices[i]!);
    });
    indexAnswer = false;
  }
  if (candidates.length === 0) return undefined;
  const clean = (candidate: string) => candidate.replace(/[().]/g, '').trim();
  if (candidates.length === 1) return clean(candidates[0]!);
  const starts = candidates.map((candidate) => (indexAnswer ? response.lastIndexOf(candidate) : response.toLowerCase().lastIndexOf(options[candidate.charCodeAt(0) - 65]!.trim().toLowerCase())));
  // np.argmin: the first smallest.
  const first = starts.indexOf(Math.min(...starts));
  return clean(candidates[first]!);
}

export function egoSchemaReport(questions: ReadonlyArray<{ correct: number; unparsed: boolean }>): OfficialReport {
  const right = questions.filter((q) => q.correct === 1).length;
  return { metrics: { score: right / questions.length }, counted: questions.length, total: questions.length, unparsed: questions.filter((q) => q.unparsed).length };
}
