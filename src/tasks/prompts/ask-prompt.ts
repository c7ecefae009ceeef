/**
 * The `ask` prompt. Multiple choice lists the options as `A. …` lines under the question and asks for
 * the letter directly (the lmms-eval wording the synthetic benchmark also uses); an open question asks
 * for a short answer. Both then ask for the times the answer rests on, on a second line:
 *
 *     B
 *     Times: 00:00:12.0-00:00:15.0, 00:00:31.5
 *
 * The `Times:` line is read by the span parser (parse-time-spans.ts); a missing line means no spans.
 * The wording avoids the phrase "time spans" so a model (or the oracle) does not answer with spans
 * instead of the letter.
 */

import type { TimeStyle } from '../../core/time.js';
import { timePattern, type TaskPrompt } from './time-format.js';

/** The letter of the option at `index`: 0 → A. */
export function choiceLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * @example askPrompt('What colour is the car?', ['red', 'blue'], 'hms').question // 'What colour is the car?\nA. red\nB. blue'
 */
export function askPrompt(query: string, choices: readonly string[] | undefined, style: TimeStyle): TaskPrompt {
  const times = `Then, on a second line starting with "Times:", list the times in the video that show it, written ${timePattern(style)} like the image labels (a range as start-end).`;
  if (choices && choices.length > 0) {
    const options = choices.map((choice, index) => `${choiceLetter(index)}. ${choice.trim()}`).join('\n');
    return { question: `${query}\n${options}`, instruction: `Answer with the option's letter from the given choices directly.\n${times}` };
  }
  return { question: query, instruction: `Answer briefly, in a few words or one sentence.\n${times}` };
}
