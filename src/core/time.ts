/**
 * Time on the presentation timeline: seconds as numbers, measured the way a player shows them
 * (a frame's pts minus the container's start time). This is the single place where times are
 * formatted for people and prompts and parsed back from flags, answers and annotations.
 */

import { ConfigError } from './errors.js';

/** A closed-open span of presentation time in seconds. */
export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

export type TimeStyle =
  /** `HH:MM:SS.s` — the default for prompts, CLI and UI. */
  | 'hms'
  /** `MM:SS` with minutes that may exceed 59 — the convention some providers (Gemini) use. */
  | 'mmss';

export interface FormatTimeOptions {
  style?: TimeStyle;
  /** Decimal places of the seconds field; prompts use 1 (0.1 s), `mmss` defaults to 0. */
  precision?: number;
}

/**
 * Formats seconds for people and prompts.
 * @example formatTime(83.42) // '00:01:23.4'
 * @example formatTime(83.42, { style: 'mmss' }) // '01:23'
 */
export function formatTime(seconds: number, options: FormatTimeOptions = {}): string {
  const style = options.style ?? 'hms';
  const precision = options.precision ?? (style === 'mmss' ? 0 : 1);
  const scale = 10 ** precision;
  // Round once, on the whole value, so 59.96 becomes 00:01:00.0 rather than 00:00:60.0.
  const totalUnits = Math.round(Math.max(0, seconds) * scale);
  const wholeSeconds = Math.floor(totalUnits / scale);
  const fraction = totalUnits - wholeSeconds * scale;
  const secondsField =
    String(wholeSeconds % 60).padStart(2, '0') + (precision > 0 ? '.' + String(fraction).padStart(precision, '0') : '');
  const minutes = Math.floor(wholeSeconds / 60);
  if (style === 'mmss') return `${String(minutes).padStart(2, '0')}:${secondsField}`;
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${secondsField}`;
}

/** Formats a span as `start-end` in the same style. */
export function formatSpan(span: TimeSpan, options: FormatTimeOptions = {}): string {
  return `${formatTime(span.start, options)}-${formatTime(span.end, options)}`;
}

const clockPattern = /^(?:(\d+):)?(\d+):(\d+(?:[.,]\d+)?)$/;
const secondsPattern = /^(\d+(?:\.\d+)?)\s*s?$/;

/**
 * Parses a time written as `HH:MM:SS(.fff)`, `MM:SS(.fff)`, or plain seconds (`83.4`, `83.4s`).
 * Returns undefined when the text is not a time; use {@link parseTimeOrThrow} for user input.
 */
export function parseTime(text: string): number | undefined {
  const trimmed = text.trim();
  const seconds = secondsPattern.exec(trimmed);
  if (seconds) return Number(seconds[1]);
  const clock = clockPattern.exec(trimmed);
  if (!clock) return undefined;
  const hours = clock[1] === undefined ? 0 : Number(clock[1]);
  const minutes = Number(clock[2]);
  const secs = Number(clock[3]!.replace(',', '.'));
  if (secs >= 60 || (clock[1] !== undefined && minutes >= 60)) return undefined;
  return hours * 3600 + minutes * 60 + secs;
}

/** Parses a time given by the user, naming where it came from when it is not one. */
export function parseTimeOrThrow(text: string, source: string): number {
  const value = parseTime(text);
  if (value === undefined) {
    throw new ConfigError(source, `"${text}" is not a time; write HH:MM:SS(.s), MM:SS or seconds such as 83.4.`);
  }
  return value;
}

/**
 * Parses a span `START-END` (each side any form {@link parseTime} accepts; `START-` means to the end).
 * @example parseSpan('00:01:00-00:02:30', 'flag --span') // { start: 60, end: 150 }
 */
export function parseSpan(text: string, source: string, videoDuration = Number.POSITIVE_INFINITY): TimeSpan {
  const separator = text.indexOf('-', 1);
  if (separator < 0) {
    throw new ConfigError(source, `"${text}" is not a span; write START-END, e.g. 00:01:00-00:02:30 or 60-150.`);
  }
  const start = parseTimeOrThrow(text.slice(0, separator), source);
  const endText = text.slice(separator + 1).trim();
  const end = endText === '' ? videoDuration : parseTimeOrThrow(endText, source);
  if (!(end > start)) {
    throw new ConfigError(source, `span "${text}" ends before it starts; the end must be later than the start.`);
  }
  return { start, end };
}

export function spanDuration(span: TimeSpan): number {
  return span.end - span.start;
}

/** Intersects a span with [0, duration]; undefined when nothing is left. */
export function clampSpan(span: TimeSpan, duration: number): TimeSpan | undefined {
  const start = Math.max(0, span.start);
  const end = Math.min(duration, span.end);
  return end > start ? { start, end } : undefined;
}

/** A media-fragment link a browser or player can seek with, e.g. `clip.mp4#t=83.4`. */
export function timeLink(file: string, seconds: number): string {
  return `${file}#t=${Number(seconds.toFixed(1))}`;
}
