/**
 * The oracle's answers to reelm's task prompts (src/tasks/prompts), recognised from the words of the
 * request as a model would read them, and written in the format each prompt asks for:
 *
 * - `Describe the video.` — one paragraph of what it saw, in order;
 * - `List the events of the video in time order.` — `span | salience | caption` lines (task-events.ts);
 * - `Summarize the video.` — two or three sentences (or one per scene when detailed), then with
 *   chapters a `Chapters:` line and `span | title` lines, a chapter starting at every scene cut seen
 *   between consecutive pictures (picture-signature.ts);
 * - a chunk caption (`Describe this part of the video, …`), and the text-only merge and condense
 *   requests of the hierarchical summary, which read the `[span] caption` lines they are given;
 * - highlights (`The video is cut into clips of N seconds …`) — `span | score` lines (highlight-scores.ts).
 *
 * Anything else is left to the question families (answer.ts). Salience of a dense event is stated by
 * the oracle from what it saw: longer and changing things matter more; it is not calibrated.
 */

import { formatSpan, formatTime, parseTime, type TimeSpan, type TimeStyle } from '../../../core/time.js';
import { scoreClips } from './highlight-scores.js';
import type { Observation } from './observe.js';
import { sceneCuts, type PictureSignature } from './picture-signature.js';
import { describeEvent, seenEvents, type SeenEvent } from './task-events.js';

export interface TaskEvidence {
  observations: readonly Observation[];
  signatures: readonly PictureSignature[];
  duration: number;
}

type TaskAnswerer = (raw: string, evidence: TaskEvidence, style: TimeStyle) => string;

const clock = String.raw`\d+:\d+(?::\d+)?(?:\.\d+)?`;

/** The task prompts the oracle knows, tried in order; the first whose pattern matches answers. */
const taskPrompts: ReadonlyArray<readonly [RegExp, TaskAnswerer]> = [
  [/The video is cut into clips of ([\d.]+) seconds starting at/, answerHighlights],
  [/<chunk-captions>/, answerFromChunkCaptions],
  [/^List the events of the video in time order\./m, answerDenseCaption],
  [/^Summarize the video\./m, answerSummary],
  [new RegExp(`^Describe this part of the video, (${clock})-(${clock})\\.`, 'm'), answerChunkCaption],
  [/^Describe the video\./m, answerCaption],
];

/**
 * The answer to a task prompt, or undefined when the request is not one (a question for answer.ts).
 * @example answerTaskPrompt('List the events of the video in time order.\n…', evidence) // '00:00:01.0-00:00:05.0 | 0.6 | A red circle appears.'
 */
export function answerTaskPrompt(raw: string, evidence: TaskEvidence): string | undefined {
  const style: TimeStyle = /HH:MM:SS/.test(raw) || !/MM:SS/.test(raw) ? 'hms' : 'mmss';
  for (const [pattern, answer] of taskPrompts) if (pattern.test(raw)) return answer(raw, evidence, style);
  return undefined;
}

function span(start: number, end: number, style: TimeStyle): string {
  return formatSpan({ start, end }, { style });
}

/** How much an event matters, as the oracle judges it: things that stay longer, change or carry text matter more. */
function salienceOf(event: SeenEvent, duration: number): number {
  const base = event.kind === 'change' ? 0.7 : event.kind === 'text' ? 0.6 : 0.5;
  const share = Math.min(1, (event.end - event.start) / Math.max(1, duration / 10));
  return Math.round(Math.min(1, base + 0.3 * share) * 100) / 100;
}

function answerDenseCaption(_raw: string, { observations, duration }: TaskEvidence, style: TimeStyle): string {
  const events = seenEvents(observations, duration);
  if (events.length === 0) return '';
  return events.map((event) => `${span(event.start, event.end, style)} | ${salienceOf(event, duration).toFixed(2)} | ${describeEvent(event)}`).join('\n');
}

/** The events' sentences in time order, each thing named once. */
function narrative(events: readonly SeenEvent[], limit = Infinity): string {
  const sentences = events.slice(0, limit).map(describeEvent);
  const more = events.length > limit ? ` And ${events.length - limit} more things appear later.` : '';
  return sentences.join(' ') + more;
}

function answerCaption(_raw: string, { observations, duration }: TaskEvidence): string {
  const events = seenEvents(observations, duration);
  if (events.length === 0) return 'The images show only a background; nothing appears in them.';
  return `In order: ${narrative(events, 30)}`;
}

/** Chapters: a new one at every scene cut seen, covering the span of the evidence without gaps. */
function chaptersOf(evidence: TaskEvidence, events: readonly SeenEvent[], from: number, to: number): Array<{ start: number; end: number; title: string }> {
  const cuts = sceneCuts(evidence.signatures).filter((cut) => cut > from && cut < to);
  const edges = [from, ...cuts, to];
  return edges.slice(1).map((end, index) => {
    const start = edges[index]!;
    const inside = events.filter((event) => event.kind !== 'change' && event.start < end && event.end > start);
    const names = [...new Set(inside.map((event) => (event.kind === 'text' ? `"${event.name}"` : event.name)))].slice(0, 3);
    return { start, end, title: `Scene ${index + 1}${names.length > 0 ? `: ${names.join(', ')}` : ''}` };
  });
}

function answerSummary(raw: string, evidence: TaskEvidence, style: TimeStyle): string {
  const events = seenEvents(evidence.observations, evidence.duration);
  const chapters = chaptersOf(evidence, events, 0, evidence.duration);
  const detailed = /detailed summary/.test(raw);
  const objects = [...new Set(events.filter((e) => e.kind === 'appearance').map((e) => e.name))];
  const texts = [...new Set(events.filter((e) => e.kind === 'text').map((e) => `"${e.name}"`))];
  const lines: string[] = [];
  if (detailed) {
    for (const chapter of chapters) {
      const inside = events.filter((event) => event.start >= chapter.start && event.start < chapter.end);
      lines.push(`${span(chapter.start, chapter.end, style)}: ${inside.length > 0 ? narrative(inside) : 'only the background is seen.'}`);
    }
  } else {
    lines.push(
      `The video shows ${chapters.length} scene${chapters.length === 1 ? '' : 's'} in which shapes come and go.`,
      objects.length > 0 ? `Among them: ${objects.slice(0, 6).join(', ')}${objects.length > 6 ? ', and others' : ''}.` : 'No objects are seen.',
      texts.length > 0 ? `Text shown on screen: ${texts.slice(0, 6).join(', ')}.` : 'No text is shown.',
    );
  }
  const summary = lines.join(detailed ? '\n' : ' ');
  if (!/Chapters:/.test(raw)) return summary;
  return [summary, 'Chapters:', ...chapters.map((chapter) => `${span(chapter.start, chapter.end, style)} | ${chapter.title}`)].join('\n');
}

function answerChunkCaption(raw: string, evidence: TaskEvidence, style: TimeStyle): string {
  const match = new RegExp(`Describe this part of the video, (${clock})-(${clock})\\.`).exec(raw);
  const from = parseTime(match?.[1] ?? '') ?? 0;
  const to = parseTime(match?.[2] ?? '') ?? evidence.duration;
  const events = seenEvents(evidence.observations, evidence.duration);
  const cuts = sceneCuts(evidence.signatures).filter((cut) => cut > from && cut < to);
  const sentences = [events.length > 0 ? narrative(events) : 'Only the background is seen.'];
  for (const cut of cuts) sentences.push(`The scene changes at ${formatTime(cut, { style })}.`);
  return sentences.join(' ');
}

/** The `[span] caption` lines of a merge or condense request. */
function chunkLines(raw: string): Array<{ span: TimeSpan; caption: string }> {
  const block = /<chunk-captions>\n([\s\S]*?)\n<\/chunk-captions>/.exec(raw)?.[1] ?? '';
  return block.split('\n').flatMap((line) => {
    const m = new RegExp(`^\\[(${clock})-(${clock})\\]\\s*(.*)$`).exec(line.trim());
    const start = parseTime(m?.[1] ?? '');
    const end = parseTime(m?.[2] ?? '');
    return m && start !== undefined && end !== undefined ? [{ span: { start, end }, caption: m[3]! }] : [];
  });
}

function answerFromChunkCaptions(raw: string, _evidence: TaskEvidence, style: TimeStyle): string {
  const lines = chunkLines(raw);
  if (lines.length === 0) return 'The descriptions are empty.';
  const cutPattern = new RegExp(`scene changes at (${clock})`, 'g');
  const cuts = lines.flatMap((line) => [...line.caption.matchAll(cutPattern)].map((m) => parseTime(m[1]!) ?? -1)).filter((t) => t >= 0).sort((a, b) => a - b);
  const text = lines.map((line) => line.caption.replace(/ ?The scene changes at [^.]*\.\d?\.?/g, '').trim()).join(' ');
  if (!/^Summarize the video from these descriptions\./m.test(raw)) {
    // Condense: keep what happened and where the scene changes.
    return [text, ...cuts.map((cut) => `The scene changes at ${formatTime(cut, { style })}.`)].join(' ');
  }
  const from = lines[0]!.span.start;
  const to = lines.at(-1)!.span.end;
  const edges = [from, ...cuts.filter((cut) => cut > from && cut < to), to];
  const summary = `The video shows ${edges.length - 1} scene${edges.length === 2 ? '' : 's'}. ${text.split(/(?<=\.)\s+/).slice(0, /detailed summary/.test(raw) ? 40 : 3).join(' ')}`;
  if (!/Chapters:/.test(raw)) return summary;
  const chapters = edges.slice(1).map((end, index) => `${span(edges[index]!, end, style)} | Scene ${index + 1}`);
  return [summary, 'Chapters:', ...chapters].join('\n');
}

function answerHighlights(raw: string, evidence: TaskEvidence, style: TimeStyle): string {
  const clipSeconds = Number(/clips of ([\d.]+) seconds/.exec(raw)?.[1] ?? 2);
  const start = parseTime(new RegExp(`starting at (${clock})`).exec(raw)?.[1] ?? '') ?? 0;
  const query = raw.split('\n')[0]?.trim() ?? '';
  const clips = scoreClips(query, evidence.observations, clipSeconds > 0 ? clipSeconds : 2, start, evidence.duration);
  return clips.map((clip) => `${span(clip.start, clip.end, style)} | ${clip.score}`).join('\n');
}

