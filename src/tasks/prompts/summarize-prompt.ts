/**
 * The `summarize` prompts: the direct summary, the chunk caption of the hierarchical path, and the
 * merge that turns chunk captions into the summary.
 *
 * Summary answers are the summary text; with chapters, then a line `Chapters:` and one chapter per line:
 *
 *     A red circle crosses the screen, then a blue square appears.
 *     Chapters:
 *     00:00:00.0-00:00:04.0 | The red circle
 *     00:00:04.0-00:00:10.0 | The blue square
 *
 * Chapters cover the video (or span) in order without gaps. The merge request carries no images: its
 * question lists the chunk captions as `[start-end] caption` lines inside a `<chunk-captions>` block.
 * When those lines would not fit the model's context, groups of them are first condensed into one
 * paragraph each (`condensePrompt`, same block, plain paragraph answer), and the merge reads those.
 */

import { formatSpan, type TimeSpan, type TimeStyle } from '../../core/time.js';
import { spanPattern, type TaskPrompt } from './time-format.js';

export type SummaryLength = 'short' | 'detailed';

/** The line that opens the chapter list. */
export const chaptersHeading = 'Chapters:';

const lengthInstructions: Record<SummaryLength, string> = {
  short: 'Write a short summary of the video in two or three sentences.',
  detailed: 'Write a detailed summary of the video: what happens in each part, in order, in one or more paragraphs.',
};

function chapterInstruction(style: TimeStyle): string {
  return [
    `Then write a line "${chaptersHeading}" followed by one line per chapter, in time order, exactly like this:`,
    `${spanPattern(style)} | title`,
    'The chapters cover the video from start to end without gaps; a new chapter starts where the scene or activity changes.',
  ].join('\n');
}

export function summaryPrompt(length: SummaryLength, chapters: boolean, style: TimeStyle): TaskPrompt {
  return {
    question: 'Summarize the video.',
    instruction: [lengthInstructions[length], ...(chapters ? [chapterInstruction(style)] : [])].join('\n'),
  };
}

/** The caption of one chunk of a long video; the chunk's span is named so the model can place it. */
export function chunkCaptionPrompt(span: TimeSpan, style: TimeStyle): TaskPrompt {
  return {
    question: `Describe this part of the video, ${formatSpan(span, { style })}.`,
    instruction: 'Write one paragraph that says what happens in it, in order, naming the people, objects and their colours, any text shown, and the times where the scene changes.',
  };
}

export interface ChunkCaptionLine {
  span: TimeSpan;
  caption: string;
}

function captionBlock(captions: readonly ChunkCaptionLine[], style: TimeStyle): string[] {
  const lines = captions.map((line) => `[${formatSpan(line.span, { style })}] ${line.caption.replace(/\s*\n\s*/g, ' ').trim()}`);
  return ['Descriptions of consecutive parts of the video, in order, written from its frames:', '<chunk-captions>', ...lines, '</chunk-captions>'];
}

/** The merge: the chunk captions as data, then the summary instruction. */
export function mergePrompt(captions: readonly ChunkCaptionLine[], length: SummaryLength, chapters: boolean, style: TimeStyle): TaskPrompt {
  return {
    question: [...captionBlock(captions, style), 'Summarize the video from these descriptions.'].join('\n'),
    instruction: summaryPrompt(length, chapters, style).instruction,
  };
}

/** One level of a merge too long for the context: a group of chunk captions condensed into one paragraph. */
export function condensePrompt(captions: readonly ChunkCaptionLine[], style: TimeStyle): TaskPrompt {
  const span = { start: captions[0]!.span.start, end: captions.at(-1)!.span.end };
  return {
    question: [...captionBlock(captions, style), `Condense these descriptions into one paragraph about ${formatSpan(span, { style })} of the video.`].join('\n'),
    instruction: 'Keep the order of events, the people, objects and their colours, any text shown, and the times where the scene changes.',
  };
}
