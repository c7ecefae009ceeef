/**
 * How prompts name the time format they ask for: the same format the image labels use (the profile's
 * timestamp style), so an answer can copy a label and the span parser reads it back.
 */

import type { TimeStyle } from '../../core/time.js';

/** `HH:MM:SS.s` for the default style, `MM:SS` for providers that read times that way. */
export function timePattern(style: TimeStyle): string {
  return style === 'mmss' ? 'MM:SS' : 'HH:MM:SS.s';
}

/** A span written in the pattern: `HH:MM:SS.s-HH:MM:SS.s`. */
export function spanPattern(style: TimeStyle): string {
  return `${timePattern(style)}-${timePattern(style)}`;
}

/** The text of a task prompt: the question first, then how to answer. */
export interface TaskPrompt {
  question: string;
  instruction: string;
}
