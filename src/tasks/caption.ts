/**
 * `caption`: one paragraph about the video, or with `dense: true` an event timeline (TRACE/E.T.-style):
 * events with start, end, caption and salience, read from the `span | salience | caption` lines the
 * dense prompt asks for (prompts/caption-prompt.ts). Events come back in time order as spans labelled
 * with their captions.
 */

import { formatSpan } from '../core/time.js';
import { runDirectRequest } from './direct-request.js';
import { readScore, readTimelineLines } from './parse/timeline-lines.js';
import { captionPrompt, denseCaptionPrompt } from './prompts/caption-prompt.js';
import type { TaskDefinition } from './task.js';
import type { AnswerSpan } from './task-result.js';
import { finishTaskResult, startTaskRun } from './task-run.js';

export interface CaptionEvent {
  start: number;
  end: number;
  caption: string;
  /** 0–1 as the model rated it; null when the line gave none that could be read. */
  salience: number | null;
}

export interface CaptionDetail {
  dense: boolean;
  /** Dense captions: the events in time order; null for a paragraph. */
  events: CaptionEvent[] | null;
  /** Dense captions: answer lines that were not `span | salience | caption`. */
  skippedLines: string[];
}

export const captionTask: TaskDefinition<CaptionDetail> = {
  id: 'caption',
  description: 'Describe the video in one paragraph, or (dense) as an event timeline with start, end, caption and salience.',
  needsQuery: false,
  async run(request, context) {
    const run = await startTaskRun('caption', request, context, false);
    const style = context.model.profile.timestampStyle;
    const dense = request.dense === true;
    const outcome = await runDirectRequest({
      info: run.info, span: run.span, request, context, transcript: run.transcript,
      prompt: dense ? denseCaptionPrompt(style) : captionPrompt(),
      defaultMaxOutputTokens: dense ? 1024 : 512,
    });
    run.usage.add(outcome.response, outcome.plan);
    const common = { evidence: outcome.evidence, plan: outcome.plan, response: outcome.response };
    if (!dense) {
      return finishTaskResult('caption', request, context, run, {
        ...common, output: outcome.response.text.trim(), spans: [], warnings: outcome.warnings, detail: { dense, events: null, skippedLines: [] },
      });
    }
    const read = readTimelineLines(outcome.response.text, run.info.duration);
    const warnings = [...outcome.warnings, ...read.warnings];
    const events: CaptionEvent[] = [];
    for (const line of read.lines) {
      // `span | salience | caption`; a line without a readable salience keeps its text as the caption.
      const salience = readScore(line.fields[0], 1);
      const caption = (salience === undefined ? line.fields.join(' | ') : line.fields.slice(1).join(' | ')).trim();
      events.push({ start: line.span.start, end: line.span.end, caption, salience: salience ?? null });
    }
    events.sort((a, b) => a.start - b.start || a.end - b.end);
    if (read.skipped.length > 0) warnings.push(`${read.skipped.length} line(s) of the answer were not events (span | salience | caption) and were skipped.`);
    if (events.length === 0) warnings.push('the answer held no events in the asked format.');
    const spans: AnswerSpan[] = events.map((event) => ({ start: event.start, end: event.end, label: event.caption, ...(event.salience === null ? {} : { salience: event.salience }) }));
    const output = events.map((event) => `${formatSpan(event, { style })} ${event.caption}`).join('\n');
    return finishTaskResult('caption', request, context, run, { ...common, output, spans, warnings, detail: { dense, events, skippedLines: read.skipped } });
  },
};
