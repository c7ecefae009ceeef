/**
 * The two lmms-eval Charades-STA span parsers (EvolvingLMMs-Lab/lmms-eval @ 75571cf,
 * `lmms_eval/tasks/charades_sta/`), which disagree:
 * - `utils.py::extract_time` (in-harness, the default): lower-case, "to" → "-" everywhere, sentences split
 *   on `!?\n` only; sentences with a start/end/happen keyword, else all; then in order: a clock range
 *   (`MM:SS` or `H:MM:SS` on both sides), `a - b` (hyphen or en dash), clock times paired across sentences,
 *   the first number of each sentence paired, an "s"-suffix range; the first span, swapped if reversed.
 * - `eval_tvg.py::extract_time` (standalone): keyword sentences only (a bare "24.3-30.4" is unparsed), no
 *   clock range, `a - b` first (so "1:30 - 1:45" reads [1, 30]), numbers, then `HH:MM:SS` with `int`.
 */

import { findAll, pythonFloat, pythonPattern } from './python-regex.js';

export type Span = [number, number];

const promptExample = 'A specific example is : 20.8 - 30.0 seconds'.toLowerCase();
const keywords = ['starts', 'ends', 'happens in', 'start time', 'end time', 'start', 'end', 'happen'];

function sentencesOf(paragraph: string): string[] {
  const text = paragraph.toLowerCase().split(promptExample).join('').split('to').join('-');
  return text.split(/[!?\n]/);
}

function withKeyword(sentences: readonly string[]): string[] {
  return sentences.filter((sentence) => keywords.some((keyword) => sentence.includes(keyword)));
}

function clockToSeconds(timestamp: string): number {
  const parts = timestamp.split(':').map(pythonFloat);
  if (parts.length === 3) return parts[0]! * 3600 + parts[1]! * 60 + parts[2]!;
  return parts[0]! * 60 + parts[1]!;
}

function firstSpanSorted(timestamps: ReadonlyArray<readonly [number, number]>): Span[] {
  return timestamps.slice(0, 1).map(([start, end]) => (end > start ? [start, end] : [end, start]));
}

function pairs(times: readonly number[]): Array<[number, number]> {
  const even = times.slice(0, Math.floor(times.length / 2) * 2);
  const result: Array<[number, number]> = [];
  for (let i = 0; i < even.length; i += 2) result.push([even[i]!, even[i + 1]!]);
  return result;
}

function firstSentenceMatches(candidates: readonly string[], pattern: RegExp, read: (text: string) => number): Array<[number, number]> {
  for (const sentence of candidates) {
    const matches = findAll(pattern, sentence);
    if (matches.length) return matches.map(([start, end]) => [read(start!), read(end!)]);
  }
  return [];
}

const clockRange = () => pythonPattern('\\b(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*[–-]\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)\\b');
const mainRange = () => pythonPattern('(\\d+(?:\\.\\d+)?)\\s*[–-]\\s*(\\d+(?:\\.\\d+)?)');
const number = () => pythonPattern('\\b(\\d+(?:\\.\\d+)?)\\b');
const clock = () => pythonPattern('\\b(\\d{1,2}:\\d{2}(?::\\d{2})?)\\b');
const clockHms = () => pythonPattern('\\b(\\d{1,2}:\\d{2}:\\d{2})\\b');
const fallbackRange = () => pythonPattern('(\\d+(?:\\.\\d+)?)\\s*s?\\s*[–-]\\s*(\\d+(?:\\.\\d+)?)\\s*s?');

/** `utils.py::extract_time`: zero or one span. */
export function extractTimeInHarness(paragraph: string): Span[] {
  const sentences = sentencesOf(paragraph);
  const keyed = withKeyword(sentences);
  const candidates = keyed.length ? keyed : sentences;
  let timestamps = firstSentenceMatches(candidates, clockRange(), clockToSeconds);
  if (!timestamps.length) timestamps = firstSentenceMatches(candidates, mainRange(), pythonFloat);
  if (!timestamps.length) timestamps = pairs(candidates.flatMap((sentence) => findAll(clock(), sentence).map(([t]) => clockToSeconds(t!))));
  if (!timestamps.length) timestamps = pairs(candidates.flatMap((sentence) => findAll(number(), sentence).slice(0, 1).map(([t]) => pythonFloat(t!))));
  if (!timestamps.length) timestamps = firstSentenceMatches(candidates, fallbackRange(), pythonFloat);
  return firstSpanSorted(timestamps);
}

/** `eval_tvg.py::extract_time`: zero or one span. */
export function extractTimeStandalone(paragraph: string): Span[] {
  const candidates = withKeyword(sentencesOf(paragraph));
  let timestamps = firstSentenceMatches(candidates, mainRange(), pythonFloat);
  if (!timestamps.length) timestamps = pairs(candidates.flatMap((sentence) => findAll(number(), sentence).slice(0, 1).map(([t]) => pythonFloat(t!))));
  if (!timestamps.length) {
    // int() of each part: "00:00:01" → 1; only H:MM:SS is matched here.
    timestamps = pairs(candidates.flatMap((sentence) => findAll(clockHms(), sentence).slice(0, 1).map(([t]) => {
      const [h, m, s] = t!.split(':').map((part) => Math.trunc(pythonFloat(part)));
      return h! * 3600 + m! * 60 + s!;
    })));
  }
  if (!timestamps.length) timestamps = firstSentenceMatches(candidates, fallbackRange(), pythonFloat);
  return firstSpanSorted(timestamps);
}
