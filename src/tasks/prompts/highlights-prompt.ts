/**
 * The `highlights` prompt (QVHighlights-style saliency): the video is cut into fixed clips (2 s by
 * default) starting at the span's start, and the model scores how well each clip matches the query,
 * 0 (unrelated) to 4 (a perfect match) — the five-point scale of QVHighlights' saliency annotations.
 * To keep long videos' answers short, only clips scoring 1 or more are listed; clips left out score 0:
 *
 *     HH:MM:SS.s-HH:MM:SS.s | score
 *     00:00:04.0-00:00:06.0 | 4
 *
 * Lines are read by parse/timeline-lines.ts and matched to clips by overlap.
 */

import { formatTime, type TimeSpan, type TimeStyle } from '../../core/time.js';
import { spanPattern, type TaskPrompt } from './time-format.js';

export const highestSaliency = 4;

export function highlightsPrompt(query: string, clipSeconds: number, span: TimeSpan, style: TimeStyle): TaskPrompt {
  const first = formatTime(span.start, { style });
  const second = formatTime(Math.min(span.end, span.start + clipSeconds), { style });
  return {
    question: query,
    instruction: [
      `The video is cut into clips of ${clipSeconds} seconds starting at ${first}, ${second}, and so on. Score how well each clip matches the query above, from 0 (unrelated) to ${highestSaliency} (a perfect match).`,
      'Write one line per clip that scores 1 or more, in time order, exactly like this:',
      `${spanPattern(style)} | score`,
      'Clips you leave out score 0. Write nothing else.',
    ].join('\n'),
  };
}
