/**
 * Splits an `ask` answer into the answer and the times it rests on: the lines before a line that
 * starts with `Times:` are the answer; that line is read by the span parser users get
 * (parse-time-spans.ts). An answer without the line cites no times.
 */

import type { TimeSpan } from '../../core/time.js';
import { parseTimeSpans } from '../../plan/parse-time-spans.js';

export interface AnswerWithTimes {
  answer: string;
  spans: TimeSpan[];
  warnings: string[];
}

const timesLine = /^\s*\**\s*times?\s*\**\s*:/i;

/**
 * @example readAnswerTimes('B\nTimes: 00:00:12.0-00:00:15.0', 60) // { answer: 'B', spans: [{ start: 12, end: 15 }], warnings: [] }
 */
export function readAnswerTimes(text: string, duration: number): AnswerWithTimes {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => timesLine.test(line));
  if (index < 0) return { answer: text.trim(), spans: [], warnings: [] };
  const answer = lines.slice(0, index).join('\n').trim();
  const cited = lines.slice(index).join('\n').replace(timesLine, '').trim();
  if (cited === '' || /^(none|n\/a|-)\.?$/i.test(cited)) return { answer, spans: [], warnings: [] };
  const parsed = parseTimeSpans(cited, duration);
  if (parsed.kind === 'unparsed') return { answer, spans: [], warnings: [`the cited times could not be read (${parsed.reason}): ${cited}`] };
  return { answer, spans: parsed.spans, warnings: parsed.warnings };
}
