/**
 * The `caption` prompts.
 *
 * One paragraph (default): plain prose, no required format.
 *
 * Dense (`dense: true`), an event timeline, one event per line and nothing else:
 *
 *     HH:MM:SS.s-HH:MM:SS.s | salience | caption
 *     00:00:00.0-00:00:04.5 | 0.8 | A red circle moves from left to right.
 *
 * `salience` is a number from 0 to 1 (how much the event matters to the video as a whole); `caption`
 * is one sentence naming the objects with their colours. Lines are read by parse/timeline-lines.ts;
 * other lines are ignored and counted.
 */

import type { TimeStyle } from '../../core/time.js';
import { spanPattern, type TaskPrompt } from './time-format.js';

export function captionPrompt(): TaskPrompt {
  return {
    question: 'Describe the video.',
    instruction: 'Write one paragraph that says what happens in the video, in order, naming the people, objects and their colours, and any text shown.',
  };
}

export function denseCaptionPrompt(style: TimeStyle): TaskPrompt {
  return {
    question: 'List the events of the video in time order.',
    instruction: [
      'Write one line per event, exactly like this:',
      `${spanPattern(style)} | salience | caption`,
      'where salience is a number from 0 to 1 (how much the event matters to the video as a whole) and caption is one sentence saying what happens, naming the objects with their colours.',
      'Write nothing else.',
    ].join('\n'),
  };
}
