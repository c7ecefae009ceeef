/**
 * The NExT-GQA question for a language model. The benchmark publishes no prompt for one (its baselines
 * are trained models), so this is reelm's: the question, the lettered options, and a request for the
 * letter followed by the supporting moment in seconds. `parseNextGqaAnswer` reads that back; an answer it
 * cannot read is unparsed, never guessed.
 */

import { parseTimeSpans } from '../../../plan/parse-time-spans.js';
import type { BenchmarkPrompt } from '../../benchmark.js';
import type { NextGqaDoc } from './loader.js';

export function nextGqaPrompt(doc: Pick<NextGqaDoc, 'question' | 'options'>): BenchmarkPrompt {
  const letters = doc.options.map((_, i) => String.fromCharCode(65 + i));
  const options = doc.options.map((option, i) => `${letters[i]}. ${option}`);
  return {
    kind: 'multiple-choice',
    letters,
    text: [`${doc.question}?`, ...options, 'Answer with the option\'s letter, then the start and end time in seconds of the moment in the video that shows the answer, as: <letter> <start>-<end>'].join('\n'),
  };
}

/** The option index (undefined when no leading letter) and the first span (undefined when none). */
export function parseNextGqaAnswer(output: string, optionCount: number, duration: number): { option?: number; span?: [number, number] } {
  const match = /^\s*\(?([A-Z])\)?(?=[\s.,:)]|$)/.exec(output);
  const letter = match?.[1];
  const result: { option?: number; span?: [number, number] } = {};
  const index = letter === undefined ? -1 : letter.charCodeAt(0) - 65;
  if (index >= 0 && index < optionCount) result.option = index;
  const rest = match ? output.slice(match[0].length) : output;
  const parsed = parseTimeSpans(rest, duration);
  if (parsed.kind === 'spans' && parsed.spans[0]) result.span = [parsed.spans[0].start, parsed.spans[0].end];
  return result;
}
