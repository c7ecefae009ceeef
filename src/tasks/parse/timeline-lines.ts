/**
 * Reads the line-oriented answers of dense captions, chapters and highlights: `span | field | …`, where
 * the span is read by the span parser users get (parse-time-spans.ts: `HH:MM:SS.s-HH:MM:SS.s`, `MM:SS-MM:SS`
 * and the other forms it knows). Lines that are not of this shape (a heading, a blank, chatter) are
 * skipped and counted, so a caller can report how much of an answer it could not read.
 */

import type { TimeSpan } from '../../core/time.js';
import { parseTimeSpans } from '../../plan/parse-time-spans.js';

export interface TimelineLine {
  span: TimeSpan;
  /** The `|`-separated fields after the span, trimmed. */
  fields: string[];
}

export interface TimelineLines {
  lines: TimelineLine[];
  /** Non-empty lines that were not `span | …`. */
  skipped: string[];
  warnings: string[];
}

/**
 * @example readTimelineLines('00:00:01.0-00:00:03.0 | 0.5 | A red circle appears.', 10).lines
 * // [{ span: { start: 1, end: 3 }, fields: ['0.5', 'A red circle appears.'] }]
 */
export function readTimelineLines(text: string, duration: number): TimelineLines {
  const result: TimelineLines = { lines: [], skipped: [], warnings: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[-*•]\s+/, '');
    if (line === '') continue;
    const [spanText, ...fields] = line.split('|').map((field) => field.trim());
    if (fields.length === 0 || spanText === undefined) {
      result.skipped.push(line);
      continue;
    }
    const parsed = parseTimeSpans(spanText.replace(/^\[|\]$/g, ''), duration);
    if (parsed.kind === 'unparsed' || parsed.spans.length !== 1) {
      if (parsed.kind === 'spans' && parsed.spans.length === 0) result.warnings.push(...parsed.warnings);
      result.skipped.push(line);
      continue;
    }
    result.warnings.push(...parsed.warnings);
    result.lines.push({ span: parsed.spans[0]!, fields });
  }
  return result;
}

/** A number in [0, max] from a field, or undefined (`0.8`, `3`, `3/4` are read; words are not). */
export function readScore(field: string | undefined, max: number): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(?:\s*\/\s*\d+(?:\.\d+)?)?$/.exec((field ?? '').trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  return value >= 0 && value <= max ? value : undefined;
}
