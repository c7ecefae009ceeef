/**
 * A task's result as terminal text, in the order a person reads it: the answer first, then the times it
 * names (each as `HH:MM:SS.s` with a `file.mp4#t=83.4` link a player can open), then what the model saw
 * and a one-line cost summary. Pure functions of a TaskResult, so the output is pinned by snapshot tests.
 */

import { formatTime, timeLink, type TimeSpan } from '../core/time.js';
import type { AnswerSpan, TaskResult, TaskUsage } from '../tasks/task-result.js';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function plural(count: number, one: string, many = `${one}s`): string {
  return `${integer.format(count)} ${count === 1 ? one : many}`;
}

/** `00:01:23.4–00:01:30.0`, or one time for a moment. */
export function formatSpanForPeople(span: TimeSpan): string {
  const start = formatTime(span.start);
  const end = formatTime(span.end);
  return start === end ? start : `${start}–${end}`;
}

/** One line per span: times, link, then the label and the numbers it carries with their sources. */
export function renderSpanLines(result: Pick<TaskResult, 'spans' | 'video'>): string[] {
  if (result.spans.length === 0) return [];
  const times = result.spans.map(formatSpanForPeople);
  const links = result.spans.map((span) => timeLink(result.video, span.start));
  const timeWidth = Math.max(...times.map((text) => text.length));
  const linkWidth = Math.max(...links.map((text) => text.length));
  return result.spans.map((span, i) => {
    const notes = [
      span.salience !== undefined ? `salience ${span.salience.toFixed(2)}` : undefined,
      span.confidence ? `confidence ${span.confidence.value.toFixed(2)} (${span.confidence.source})` : undefined,
    ].filter(Boolean);
    const tail = [span.label, notes.length > 0 ? `[${notes.join(', ')}]` : undefined].filter(Boolean).join(' ');
    return `  ${times[i]!.padEnd(timeWidth)}  ${tail ? links[i]!.padEnd(linkWidth) : links[i]!}${tail ? `  ${tail}` : ''}`;
  });
}

/** What the model was shown: how many frames in how many images, over which stretch. */
export function renderEvidenceLine(result: Pick<TaskResult, 'evidence'>): string {
  if (result.evidence.length === 0) return 'evidence: no frames (text only, or the video was sent natively)';
  const times = result.evidence.map((item) => item.time);
  const images = new Set(result.evidence.map((item) => item.image)).size;
  const first = Math.min(...times);
  const last = Math.max(...times);
  return `evidence: ${plural(times.length, 'frame')} in ${plural(images, 'image')}, ${formatTime(first)}${last > first ? `–${formatTime(last)}` : ''}`;
}

function formatUsd(usd: number): string {
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4)}`;
}

/** The one-line cost summary: model, requests, images, visual tokens, input/output tokens, price when known, latency. */
export function renderCostLine(modelId: string, usage: TaskUsage): string {
  const tokens = (value: number | null): string => (value === null ? '?' : integer.format(value));
  const parts = [
    `${plural(usage.requests, 'request')}${usage.cachedRequests > 0 ? ` (${integer.format(usage.cachedRequests)} cached)` : ''}`,
    plural(usage.images, 'image'),
    `${integer.format(usage.visualTokens)} visual tokens`,
    `${tokens(usage.inputTokens)} in / ${tokens(usage.outputTokens)} out tokens`,
    ...(usage.usd !== null ? [formatUsd(usage.usd)] : []),
    `${(usage.latencyMs / 1000).toFixed(1)} s`,
  ];
  return `cost: ${modelId} · ${parts.join(' · ')}`;
}

export interface RenderAnswerOptions {
  /** The answer was already written as it streamed; do not print it again. */
  streamed?: boolean;
  /** Lines to put between the times and the cost (the plan, under `--show-plan`). */
  planLines?: readonly string[];
}

/**
 * The whole terminal answer. When `streamed`, starts after the answer text.
 * @example process.stdout.write(renderAnswer(result));
 */
export function renderAnswer(result: TaskResult, options: RenderAnswerOptions = {}): string {
  const lines: string[] = [];
  if (!options.streamed) lines.push(result.output.trim() || '(the model gave no answer)');
  lines.push('');
  const spanLines = renderSpanLines(result);
  if (spanLines.length > 0) lines.push('times:', ...spanLines);
  else lines.push('times: none named in the answer');
  lines.push(renderEvidenceLine(result));
  if (options.planLines && options.planLines.length > 0) lines.push(...options.planLines);
  lines.push(renderCostLine(result.model.id, result.usage));
  // A warning the plan printout already showed (under --show-plan) is not repeated after the cost.
  const shown = new Set(options.planLines ?? []);
  for (const warning of result.warnings) if (!shown.has(`warning: ${warning}`)) lines.push(`warning: ${warning}`);
  return lines.join('\n') + '\n';
}

/**
 * Writes the answer's text as it streams, and remembers it, so the final print can tell whether the
 * streamed text was the answer (then it is not repeated) or raw model output the task reworded.
 */
export class AnswerStream {
  private text = '';

  constructor(private readonly stream: NodeJS.WritableStream) {}

  readonly onTextDelta = (delta: string): void => {
    if (this.text === '' && delta.trim() === '') return;
    this.text += delta;
    this.stream.write(delta);
  };

  /**
   * Ends the streamed text with a newline; says whether `output` is what was streamed. A task may drop
   * a trailing part it parsed (the `Times:` line), so the answer counts as streamed when the streamed
   * text begins with it.
   */
  finish(output: string): { streamed: boolean } {
    if (this.text === '') return { streamed: false };
    if (!this.text.endsWith('\n')) this.stream.write('\n');
    const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
    const answer = normalise(output);
    return { streamed: answer !== '' && normalise(this.text).startsWith(answer) };
  }
}
