/**
 * Reading time spans back out of a model's answer ("time in, time out"). Structured output is the
 * main path (`timeSpansSchema`, `parseTimeSpansFromJson`); the free-text reader is the fallback, and it
 * returns a typed `unparsed` result with a reason instead of guessing. Every span ends up clamped to
 * [0, duration] (warning), reversed ends swapped (warning), spans wholly outside the video dropped
 * (warning), and overlapping or repeated spans merged; spans come back sorted. Pass `Infinity` as the
 * duration when it is unknown (a live source).
 *
 * Free-text rules:
 * - JSON first: the whole answer, a ```` ``` ```` fenced block, or the first `{…}`/`[…]` in it, read by
 *   `parseTimeSpansFromJson` (`{spans:[{start,end}]}`, `[{start,end}]`, `{start,end}`, `[[12,15],[30,31]]`,
 *   `[12,15]`; numbers are seconds, strings any time below). JSON that holds spans wins over the prose
 *   around it; JSON that does not (`{"answer": "B"}`) is passed over.
 * - Times: clock times (`H:MM:SS(.mmm)`, `MM:SS(.mmm)`, minutes may pass 59, `,` decimals as in SRT),
 *   read by `parseTime`; not before `am`/`pm`, not SMPTE `HH:MM:SS:FF`, not `16:9`. Numbers with a unit:
 *   `12.5s`, `12 sec`, `1.5 minutes`, `1 hour`, compounds `1 min 30 s`, `1 minute and 30 seconds`, `1m30s`,
 *   `1h2m3s`, `the 12-second mark`.
 * - Durations are not times: a unit number after `for`/`lasts`/`lasting`/`takes`/`duration of`/`total of`
 *   or before `long`/`later`/`earlier`/`after`/`before`/`ago`/`apart`/`each`/`in total`, or in brackets
 *   right after a range (`00:12-00:15 (3 s)`), is skipped.
 * - Ranges join two times with `-` `–` `—` `~` `->` `-->` `→` `to` `until` `till` `through`, with `and`
 *   only after `between`, with `,` only inside `[…]`/`(…)`, or as `start: A, end: B` keys; a chain of
 *   dashed numbers (`2019-05-01`) is a date, not a range. A bare number next to a time takes that time's
 *   unit (`12-15 s`, `1-2 minutes`; seconds beside a clock time).
 * - Bare numbers (no unit, no colon) are seconds only in a range or pair. Two bare numbers count when
 *   bracketed or keyed; after `between` or joined by a dash/`to`/`until` they count only when no word
 *   follows but a filler (`in`, `and`, `then`, `during`, …: `3 to 5 people` is a count) and the word
 *   before is not `frame`, `page`, `chapter`, `verse`, `score`, `version`, `step`, `line`, `row`, `item`,
 *   `episode`, `season`, `level` or `age`. A lone bare number is a time only when the whole answer is
 *   numbers, joiners and a label (`12.5`, `12 - 15`, `Answer: 75.5`, `Timestamps: 12, 30`).
 * - Never times: numbers glued to letters or symbols (`v2`, `x264`, `3rd`, `4K`, `$5`, `#3`, `1/2`),
 *   version numbers (`1.2.3`), percentages (`50%`, `50 percent`), and four-digit years 1900–2099 when they
 *   are past the video's end (or its duration is unknown).
 * - Instants: a time that is not part of a range becomes `{start: t, end: t}`, also when the answer holds
 *   ranges too ("at 30 seconds and again 45–50 s" is two answers); an instant inside a range merges into it.
 */

import { z } from 'zod';
import { formatTime, parseTime, type TimeSpan } from '../core/time.js';
import { readFreeTextSpans } from './read-free-text-spans.js';

/** What parsing an answer gives: spans (possibly none, with warnings) or a reason nothing time-like was read. */
export type ParsedTimeSpans = { kind: 'spans'; spans: TimeSpan[]; warnings: string[] } | { kind: 'unparsed'; reason: string };

/** A time in structured output: seconds, or a string such as `"00:12.5"`, `"12.5s"`, `"1 min 30 s"`. */
export const timeValueSchema = z.union([z.number(), z.string()]);

const spanObjectSchema = z.object({ start: timeValueSchema, end: timeValueSchema });

/** The shape reelm asks models for when they support structured output: `{ spans: [{ start, end }] }`. */
export const timeSpansSchema = z.object({ spans: z.array(spanObjectSchema) });

/** The looser shapes models also answer with; read by `parseTimeSpansFromJson`, never asked for. */
const spanLikeSchema = z.union([spanObjectSchema, z.tuple([timeValueSchema, timeValueSchema])]);
const looseSpansSchema = z.union([
  z.object({ spans: z.array(spanLikeSchema) }),
  z.array(spanLikeSchema),
  spanLikeSchema,
]);

/**
 * Reads spans from a model's free-text answer, trying JSON inside it first.
 * @example parseTimeSpans('The event occurs from 00:12 to 00:15.', 60) // { kind: 'spans', spans: [{ start: 12, end: 15 }], warnings: [] }
 * @example parseTimeSpans('In 2019, 3 people…', 60) // { kind: 'unparsed', reason: '…' }
 */
export function parseTimeSpans(text: string, duration: number): ParsedTimeSpans {
  for (const candidate of jsonCandidates(text)) {
    const fromJson = parseTimeSpansFromJson(candidate, duration);
    if (fromJson.kind === 'spans') return fromJson;
  }
  const read = readFreeTextSpans(text, knownDuration(duration));
  if (read.spans.length === 0) return { kind: 'unparsed', reason: read.reason };
  return finishSpans(read.spans, duration, []);
}

/**
 * Reads spans from structured output: `{ spans: [{ start, end }] }` (the schema reelm asks for), or the
 * looser shapes models also produce — a list of `{start, end}`, one `{start, end}`, `[[12, 15], [30, 31]]`,
 * `[12, 15]`. Numbers are seconds; strings are any time `parseTimeSpans` reads. An empty list is an answer
 * (no spans), not a failure.
 * @example parseTimeSpansFromJson({ spans: [{ start: '0:12', end: 15 }] }, 60) // { kind: 'spans', spans: [{ start: 12, end: 15 }], warnings: [] }
 */
export function parseTimeSpansFromJson(value: unknown, duration: number): ParsedTimeSpans {
  const parsed = looseSpansSchema.safeParse(value);
  if (!parsed.success) return { kind: 'unparsed', reason: 'the JSON does not hold spans: expected { spans: [{ start, end }] } or [[start, end], …]' };
  const list = spanItems(parsed.data);
  const warnings: string[] = [];
  const raw: TimeSpan[] = [];
  for (const item of list) {
    const [startValue, endValue] = Array.isArray(item) ? item : [item.start, item.end];
    const start = readTimeValue(startValue);
    const end = readTimeValue(endValue);
    if (start === undefined || end === undefined) {
      warnings.push(`skipped a span whose times could not be read: ${JSON.stringify([startValue, endValue])}`);
      continue;
    }
    raw.push({ start, end });
  }
  if (raw.length === 0 && list.length > 0) return { kind: 'unparsed', reason: `no span in the JSON had readable times (${warnings.join('; ')})` };
  return finishSpans(raw, duration, warnings);
}

type SpanLike = z.infer<typeof spanLikeSchema>;

/** The spans of any accepted shape, as a list: `[12, 15]` is one span, `[[12, 15]]` a list of one. */
function spanItems(data: z.infer<typeof looseSpansSchema>): SpanLike[] {
  if (!Array.isArray(data)) return 'spans' in data ? data.spans : [data];
  const [first] = data;
  return typeof first === 'number' || typeof first === 'string' ? [data as SpanLike] : (data as SpanLike[]);
}

/** Seconds from a structured-output value; undefined when it is not a time. */
function readTimeValue(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const direct = parseTime(value);
  if (direct !== undefined) return direct;
  const read = readFreeTextSpans(value, Number.POSITIVE_INFINITY);
  const only = read.spans.length === 1 ? read.spans[0] : undefined;
  return only !== undefined && only.start === only.end ? only.start : undefined;
}

/** The texts in an answer that may be JSON, most likely first: the whole answer, fenced blocks, the first bracketed run. */
function* jsonCandidates(text: string): Generator<unknown> {
  const texts = [text.trim()];
  for (const fence of text.matchAll(/```[a-z]*\s*\n?([\s\S]*?)```/gi)) texts.push(fence[1]!.trim());
  const first = text.search(/[[{]/);
  if (first >= 0) texts.push(text.slice(first, Math.max(text.lastIndexOf('}'), text.lastIndexOf(']')) + 1));
  for (const candidate of texts) {
    if (!/^[[{]/.test(candidate)) continue;
    try {
      yield JSON.parse(candidate) as unknown;
    } catch {
      // Not JSON; the free-text reader gets its turn.
    }
  }
}

function knownDuration(duration: number): number {
  return Number.isFinite(duration) && duration >= 0 ? duration : Number.POSITIVE_INFINITY;
}

/**
 * Swaps reversed ends, clamps to [0, duration], drops spans wholly outside, merges overlaps and repeats.
 * @example finishSpans([{ start: 15, end: 12 }], 60, []) // { kind: 'spans', spans: [{ start: 12, end: 15 }], warnings: ['reversed span …'] }
 */
export function finishSpans(raw: readonly TimeSpan[], duration: number, warnings: string[]): ParsedTimeSpans {
  const limit = knownDuration(duration);
  const kept: TimeSpan[] = [];
  for (const span of raw) {
    let { start, end } = span;
    if (end < start) {
      warnings.push(`reversed span ${describe({ start, end })} read as ${describe({ start: end, end: start })}`);
      [start, end] = [end, start];
    }
    if (start > limit || end < 0 || (start === limit && end > start)) {
      warnings.push(`dropped ${describe({ start, end })}: outside the video (${describeExtent(limit)})`);
      continue;
    }
    const clamped = { start: Math.max(0, start), end: Math.min(limit, end) };
    if (clamped.start !== start || clamped.end !== end) {
      warnings.push(`clamped ${describe({ start, end })} to ${describe(clamped)}: outside the video (${describeExtent(limit)})`);
    }
    kept.push(clamped);
  }
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TimeSpan[] = [];
  for (const span of kept) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) {
      if (span.start !== last.start || span.end !== last.end) {
        warnings.push(`merged overlapping spans ${describe(last)} and ${describe(span)}`);
      }
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    } else {
      merged.push(span);
    }
  }
  return { kind: 'spans', spans: merged, warnings };
}

function describeExtent(limit: number): string {
  return Number.isFinite(limit) ? `00:00:00.000-${formatTime(limit, { precision: 3 })}` : 'it starts at 00:00:00.000';
}

function describe(span: TimeSpan): string {
  // Negative times are shown as written; the formatter only knows the timeline, which starts at 0.
  const side = (time: number): string => (time < 0 ? `-${formatTime(-time, { precision: 3 })}` : formatTime(time, { precision: 3 }));
  return span.start === span.end ? side(span.start) : `${side(span.start)}-${side(span.end)}`;
}
