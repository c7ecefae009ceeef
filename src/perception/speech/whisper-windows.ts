/**
 * How a span longer than Whisper's 30-s input is transcribed: window after window, sequentially, as
 * Whisper's own long-form decoding does. Each window starts where the previous one's last finished
 * segment ended; a segment the model left open at the end of a window (no closing timestamp) is dropped
 * and heard again, whole, at the start of the next window, so a sentence is not cut in two at a fixed
 * 30-s boundary. Pure: the caller decodes each window's audio and runs the model.
 */

import type { TimeSpan } from '../../core/time.js';

/** Whisper hears at most 30 s at a time (its encoder takes 3000 mel frames of 10 ms). */
export const whisperWindowSeconds = 30;

/** Shorter remainders than this are not worth a model run (Whisper would pad them with 30 s of silence). */
const shortestWindowSeconds = 0.2;

/** A segment as the model gives it, times relative to the window's start; `end` null when left open. */
export interface WindowSegment {
  start: number;
  end: number | null;
  text: string;
}

/** A transcript segment on the video's timeline. */
export interface PlacedSegment {
  span: TimeSpan;
  text: string;
}

/** The first window of `span`, or undefined when the span is too short to hear. */
export function firstWindow(span: TimeSpan, windowSeconds = whisperWindowSeconds): TimeSpan | undefined {
  return windowAt(span.start, span, windowSeconds);
}

function windowAt(start: number, span: TimeSpan, windowSeconds: number): TimeSpan | undefined {
  if (span.end - start < shortestWindowSeconds) return undefined;
  return { start, end: Math.min(span.end, start + windowSeconds) };
}

/**
 * The segments a window contributes and the window to hear next.
 * @example
 * placeWindow({ start: 0, end: 30 }, { start: 0, end: 45 }, [{ start: 2, end: 9, text: 'a' }, { start: 27, end: null, text: 'b' }])
 * // → { segments: [{ span: { start: 2, end: 9 }, text: 'a' }], next: { start: 27, end: 45 } }
 */
export function placeWindow(
  window: TimeSpan,
  span: TimeSpan,
  segments: readonly WindowSegment[],
  windowSeconds = whisperWindowSeconds,
): { segments: PlacedSegment[]; next: TimeSpan | undefined } {
  const isLast = window.end >= span.end;
  const length = window.end - window.start;
  const open = segments.at(-1)?.end === null ? segments.at(-1) : undefined;
  // An open last segment is heard again from its start, unless that would not move forward.
  const resumeAt = !isLast && open !== undefined && open.start > shortestWindowSeconds ? window.start + open.start : window.end;
  const kept = resumeAt < window.end ? segments.slice(0, -1) : segments;
  const placed = kept.flatMap((segment): PlacedSegment[] => {
    const text = segment.text.trim();
    const start = window.start + Math.min(Math.max(0, segment.start), length);
    const end = window.start + Math.min(Math.max(segment.end ?? length, segment.start), length);
    return text === '' ? [] : [{ span: { start, end }, text }];
  });
  return { segments: placed, next: isLast ? undefined : windowAt(resumeAt, span, windowSeconds) };
}
