/**
 * Splits a summary answer into the summary and its chapters: the text before a `Chapters:` line is the
 * summary; after it, `span | title` lines (parse/timeline-lines.ts). Without the heading, any
 * `span | title` lines are taken as chapters and the other lines as the summary.
 */

import type { TimeSpan } from '../../core/time.js';
import { readTimelineLines } from './timeline-lines.js';

export interface Chapter {
  title: string;
  span: TimeSpan;
}

export interface SummaryWithChapters {
  summary: string;
  chapters: Chapter[];
  skippedLines: string[];
  warnings: string[];
}

const heading = /^\s*[#*]*\s*chapters\s*:?\s*[*]*\s*$/i;

/**
 * @example readChapters('A talk.\nChapters:\n00:00:00.0-00:00:30.0 | Intro', 60).chapters // [{ title: 'Intro', span: { start: 0, end: 30 } }]
 */
export function readChapters(text: string, duration: number): SummaryWithChapters {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => heading.test(line));
  if (index >= 0) {
    const read = readTimelineLines(lines.slice(index + 1).join('\n'), duration);
    return { summary: lines.slice(0, index).join('\n').trim(), chapters: toChapters(read.lines), skippedLines: read.skipped, warnings: read.warnings };
  }
  const read = readTimelineLines(text, duration);
  const chapterLines = new Set(read.lines.length > 0 ? lines.filter((line) => readTimelineLines(line, duration).lines.length === 1) : []);
  return {
    summary: lines.filter((line) => !chapterLines.has(line)).join('\n').trim(),
    chapters: toChapters(read.lines),
    skippedLines: [],
    warnings: read.warnings,
  };
}

function toChapters(lines: ReturnType<typeof readTimelineLines>['lines']): Chapter[] {
  return lines
    .map((line) => ({ title: line.fields.join(' | ').trim(), span: line.span }))
    .sort((a, b) => a.span.start - b.span.start);
}
