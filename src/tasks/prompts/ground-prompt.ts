/**
 * The `ground` prompt: find every span where the event happens. Two answer formats:
 *
 * - free text (default): one span per line, `HH:MM:SS.s-HH:MM:SS.s` (or `MM:SS-MM:SS` for profiles
 *   that use that style), or the words `not found` when it does not happen;
 * - JSON, for profiles that enforce a schema: `{"spans": [{"start": "00:00:12.0", "end": "00:00:15.0"}]}`,
 *   an empty list when it does not happen (`groundJsonSchema` is sent as the schema).
 *
 * Both are read by the one span parser users get (parse-time-spans.ts).
 */

import type { TimeStyle } from '../../core/time.js';
import { spanPattern, timePattern, type TaskPrompt } from './time-format.js';

/** The answer when the event does not happen (free-text format). */
export const notFoundAnswer = 'not found';

/** Strict-mode JSON schema for `{ spans: [{ start, end }] }` with times as strings. */
export const groundJsonSchema: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'object',
  properties: {
    spans: {
      type: 'array',
      items: {
        type: 'object',
        properties: { start: { type: 'string' }, end: { type: 'string' } },
        required: ['start', 'end'],
        additionalProperties: false,
      },
    },
  },
  required: ['spans'],
  additionalProperties: false,
});

/**
 * @example groundPrompt('the dog jumps', 'hms', false).instruction // 'Find every time span … HH:MM:SS.s-HH:MM:SS.s …'
 */
export function groundPrompt(query: string, style: TimeStyle, json: boolean): TaskPrompt {
  const find = 'Find every time span in the video where this happens, using the image labels.';
  if (json) {
    const time = timePattern(style);
    return {
      question: query,
      instruction: `${find}\nAnswer with JSON: {"spans": [{"start": "${time}", "end": "${time}"}]}, one entry per span in time order, and an empty list if it does not happen in the video.`,
    };
  }
  return {
    question: query,
    instruction: `${find}\nGive each span as ${spanPattern(style)}, one per line, in time order. If it does not happen in the video, answer: ${notFoundAnswer}`,
  };
}
