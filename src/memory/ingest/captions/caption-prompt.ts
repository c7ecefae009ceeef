/**
 * The caption the store asks of a model for one segment: the question names the segment's span on the
 * video's timeline (so the answer is about that part, and a model double can check what it was asked),
 * the instruction keeps it to a sentence or two. `captionPromptVersion` joins the caption stage's config
 * hash: changing the wording must re-caption, so bump it with any edit here.
 */

import { formatSpan, type TimeSpan, type TimeStyle } from '../../../core/time.js';

export const captionPromptVersion = 1;

export interface CaptionPrompt {
  question: string;
  instruction: string;
}

/**
 * @example segmentCaptionPrompt({ start: 12, end: 20 }, 'hms').question // 'Describe this part of the video, 00:00:12.0-00:00:20.0.'
 */
export function segmentCaptionPrompt(span: TimeSpan, style: TimeStyle): CaptionPrompt {
  return {
    question: `Describe this part of the video, ${formatSpan(span, { style })}.`,
    instruction: 'In one or two plain sentences, say what is seen and what happens: people, objects and their colours, and any text shown.',
  };
}
