/**
 * The free-text half of `parseTimeSpans`: finds the times in an answer written in prose and pairs them
 * into ranges, following the rules listed in parse-time-spans.ts (which also clamps, swaps and merges
 * what this returns). Kept apart because it is the heuristic part: a tokenizer that reads each number
 * with its surroundings, and a pairing step that decides which numbers are times at all.
 */

import { parseTime, type TimeSpan } from '../core/time.js';

/** What the reader found: raw spans in answer order (unclamped), and why there are none when empty. */
export interface FreeTextRead {
  spans: TimeSpan[];
  reason: string;
}

interface TimeToken {
  kind: 'clock' | 'unit' | 'bare';
  from: number;
  to: number;
  /** Seconds for clock and unit tokens; the number as written for bare ones. */
  value: number;
  /** Seconds per unit of the token's leading unit (60 for `2 min 5 s`); a bare partner takes it. */
  scale: number;
}

const clockPattern = /(?:\d{1,2}:)?\d{1,3}:\d{2}(?:\.\d+|,\d+(?![\d:]))?(?![\d:])(?![ \t]*[ap]\.?m\b)/iy;
const compactPattern = /(?:\d+h(?:\d+m)?(?:\d+(?:\.\d+)?s)?|\d+m\d+(?:\.\d+)?s)(?![\w.])/iy;
const markPattern = /(\d+(?:\.\d+)?)-(seconds?|minutes?)(?=\s+mark\b)/iy;
const unitPattern = /(\d+(?:\.\d+)?)[ \t\u00a0]*(hours?|hrs?|minutes?|mins?|seconds?|secs?|s)\b/iy;
const unitJoinPattern = /[ \t\u00a0]*(?:,[ \t\u00a0]*|and[ \t\u00a0]+)?/iy;
const barePattern = /\d+(?:\.\d+)?(?!\.?\d|[:\w%/]|\s*(?:%|percent\b|per cent\b))/iy;

/** Characters that, right before a digit, glue it to something that is not a time (`v2`, `$5`, `1.2.3`). */
const gluedBefore = /[\w.:$€£#/\\]/;
const dashJoin = /^["']?\s*(?:-->|->|→|-|–|—|‒|−|~|to|until|till|through|thru)\s*["']?$/i;
const dashOnly = /^\s*[-–—‒−]\s*$/;
const durationBefore =
  /\b(?:for|lasts?|lasting|lasted|takes?|took|taking|duration(?:\s+(?:of|is|was))?|total\s+of|length\s+of)\s+(?:(?:about|around|approximately|roughly|nearly|almost|over|under|just)\s+)?$/i;
const durationAfter = /^\s*(?:long|later|earlier|after|before|ago|apart|each|in\s+total|in\s+length)\b/i;
/** Words that may follow a bare-number range; any other word makes it a count (`3 to 5 people`). */
const fillerAfter = /^(?:and|or|in|into|of|on|at|the|then|when|where|while|during|within|inclusive|approximately|roughly|respectively|as|so|but|because|which|that)$/i;
/** Nouns that, right before a bare-number range, say it numbers something other than seconds. */
const countedBefore = /\b(?:frames?|pages?|chapters?|verses?|scores?|versions?|steps?|lines?|rows?|items?|episodes?|seasons?|levels?|ages?|aged)\s*$/i;
const yearPattern = /^(?:19|20)\d\d$/;

/**
 * Reads raw spans from prose; instants come back as `{start: t, end: t}`.
 * @example readFreeTextSpans('It happens at 30 seconds and again 45–50 s', 60).spans // [{ start: 30, end: 30 }, { start: 45, end: 50 }]
 */
export function readFreeTextSpans(text: string, duration: number): FreeTextRead {
  const found = tokenize(text);
  const tokens = found.filter((token) => !(token.kind === 'bare' && isYear(text, token, duration)));
  const numericOnly = tokens.length > 0 && isNumbersOnly(text, tokens);
  const spans: TimeSpan[] = [];
  let durations = 0;
  let lastRangeEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const join = next === undefined ? undefined : joinKind(text, token, next);
    if (next !== undefined && join !== undefined && acceptsPair(text, token, next, join, numericOnly)) {
      i++;
      if (isDuration(text, token.from, next.to)) {
        durations++;
        continue;
      }
      spans.push({ start: seconds(token, next), end: seconds(next, token) });
      lastRangeEnd = next.to;
      continue;
    }
    if (token.kind === 'bare' && !numericOnly) continue;
    const afterRange = lastRangeEnd >= 0 && /^\s*\(\s*$/.test(text.slice(lastRangeEnd, token.from)) && /^\s*\)/.test(text.slice(token.to));
    if (token.kind === 'unit' && (afterRange || isDuration(text, token.from, token.to))) {
      durations++;
      continue;
    }
    spans.push({ start: token.value, end: token.value });
  }
  return { spans, reason: spans.length > 0 ? '' : noTimeReason(found.length, durations) };
}

function noTimeReason(tokenCount: number, durations: number): string {
  if (durations > 0) return 'no time found: the answer gives only durations (such as "for 3 seconds"), not times on the video';
  if (tokenCount > 0) return 'no time found: its numbers have no unit, colon or range that makes them times (counts, years and percentages are not read as seconds)';
  return 'no time found: the answer has no clock time (00:12), number of seconds (12 s) or range';
}

/** Seconds of a token in a pair: a bare number takes its partner's unit (`1-2 minutes`), seconds beside a clock time. */
function seconds(token: TimeToken, partner: TimeToken): number {
  if (token.kind !== 'bare') return token.value;
  return round(token.value * (partner.kind === 'unit' ? partner.scale : 1));
}

function joinKind(text: string, a: TimeToken, b: TimeToken): 'dash' | 'between' | 'bracket' | 'keyed' | undefined {
  const gap = text.slice(a.to, b.from);
  const before = text.slice(0, a.from);
  const after = text.slice(b.to);
  if (dashJoin.test(gap)) {
    // A chain of dashed numbers is a date or a phone number, not a range (`2019-05-01`).
    if (dashOnly.test(gap) && (/\d\s*[-–—]\s*$/.test(before) || /^\s*[-–—]\s*\d/.test(after))) return undefined;
    return 'dash';
  }
  if (/^\s*and\s*$/i.test(gap) && /\bbetween\s*$/i.test(before)) return 'between';
  if (/^\s*,\s*$/.test(gap) && /[[(]\s*$/.test(before) && /^\s*[\])]/.test(after)) return 'bracket';
  if (/start(?:[ _-]?time)?["']?\s*[:=]\s*["']?$/i.test(before) && /^["']?\s*[,;]?\s*["']?end(?:[ _-]?time)?["']?\s*[:=]\s*["']?$/i.test(gap)) {
    return 'keyed';
  }
  return undefined;
}

/** Whether two joined tokens form a range; two bare numbers need a context that says they are seconds. */
function acceptsPair(text: string, a: TimeToken, b: TimeToken, join: ReturnType<typeof joinKind>, numericOnly: boolean): boolean {
  if (a.kind !== 'bare' || b.kind !== 'bare') return true;
  if (join === 'bracket' || join === 'keyed' || numericOnly) return true;
  const nextWord = /^\s*([A-Za-z]+)/.exec(text.slice(b.to))?.[1];
  if (nextWord !== undefined && !fillerAfter.test(nextWord)) return false;
  return !countedBefore.test(text.slice(0, a.from));
}

function isDuration(text: string, from: number, to: number): boolean {
  return durationBefore.test(text.slice(Math.max(0, from - 40), from)) || durationAfter.test(text.slice(to));
}

/** A bare four-digit 19xx/20xx past the video's end (or with no known end) is a year. */
function isYear(text: string, token: TimeToken, duration: number): boolean {
  return yearPattern.test(text.slice(token.from, token.to)) && (!Number.isFinite(duration) || token.value > duration);
}

/** True when the answer is nothing but times, joiners and a label (`12.5`, `12 - 15`, `Answer: 75.5`): bare numbers are then seconds. */
function isNumbersOnly(text: string, tokens: readonly TimeToken[]): boolean {
  let rest = '';
  let position = 0;
  for (const token of tokens) {
    rest += text.slice(position, token.from) + ' ';
    position = token.to;
  }
  rest += text.slice(position);
  // Joiners and a leading label (`Answer: 75.5`, `Timestamps: 12, 30`) may surround the numbers.
  const words = /\b(?:to|and|until|till|through|thru|from|between|answer|times?|timestamps?|spans?|seconds?|secs?)\b/gi;
  return /^[\s[\](){},;:.'"`~→>\-–—‒−]*$/.test(rest.replace(words, ''));
}

/** Finds every number that could be a time, each read with the longest form that fits where it starts. */
function tokenize(text: string): TimeToken[] {
  const tokens: TimeToken[] = [];
  let position = 0;
  for (;;) {
    const offset = text.slice(position).search(/\d/);
    if (offset < 0) return tokens;
    const start = position + offset;
    const token = start > 0 && gluedBefore.test(text[start - 1]!) ? undefined : readToken(text, start);
    if (token !== undefined) {
      tokens.push(token);
      position = token.to;
    } else {
      // Skip the whole run (`1.2.3`, `x264`, `16:9`) so its later digits are not read on their own.
      position = start;
      while (position < text.length && /[\w.:]/.test(text[position]!)) position++;
    }
  }
}

function readToken(text: string, start: number): TimeToken | undefined {
  const clock = matchAt(clockPattern, text, start);
  if (clock !== undefined) {
    const value = parseTime(clock[0]);
    return value === undefined ? undefined : { kind: 'clock', from: start, to: start + clock[0].length, value, scale: 1 };
  }
  const compact = matchAt(compactPattern, text, start);
  if (compact !== undefined) {
    let value = 0;
    for (const part of compact[0].matchAll(/(\d+(?:\.\d+)?)([hms])/gi)) value += Number(part[1]) * unitScale(part[2]!);
    return { kind: 'unit', from: start, to: start + compact[0].length, value: round(value), scale: unitScale(/[hms]/i.exec(compact[0])![0]) };
  }
  const mark = matchAt(markPattern, text, start);
  if (mark !== undefined) {
    const scale = unitScale(mark[2]!);
    return { kind: 'unit', from: start, to: start + mark[0].length, value: round(Number(mark[1]) * scale), scale };
  }
  const unit = readUnitRun(text, start);
  if (unit !== undefined) return unit;
  const bare = matchAt(barePattern, text, start);
  return bare === undefined ? undefined : { kind: 'bare', from: start, to: start + bare[0].length, value: Number(bare[0]), scale: 1 };
}

/** `1 min 30 s`, `1 minute and 30 seconds`, `2 hours, 5 minutes`: each part in a smaller unit than the last. */
function readUnitRun(text: string, start: number): TimeToken | undefined {
  const first = matchAt(unitPattern, text, start);
  if (first === undefined) return undefined;
  const scale = unitScale(first[2]!);
  let value = Number(first[1]) * scale;
  let lastScale = scale;
  let to = start + first[0].length;
  for (;;) {
    const join = matchAt(unitJoinPattern, text, to)!;
    const part = matchAt(unitPattern, text, to + join[0].length);
    if (part === undefined || unitScale(part[2]!) >= lastScale) break;
    lastScale = unitScale(part[2]!);
    value += Number(part[1]) * lastScale;
    to += join[0].length + part[0].length;
  }
  return { kind: 'unit', from: start, to, value: round(value), scale };
}

function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text) ?? undefined;
}

function unitScale(unit: string): number {
  const first = unit.charAt(0).toLowerCase();
  return first === 'h' ? 3600 : first === 'm' ? 60 : 1;
}

/** Rounded to the microsecond, so 1.1 minutes is 66 s rather than 66.00000000000001. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
