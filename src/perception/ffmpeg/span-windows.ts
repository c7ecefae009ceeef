/**
 * Fixed windows over a span and the averages the ffmpeg analyzers report per window. Pure, because the
 * edges are where such code goes wrong: a sample exactly on a boundary belongs to the later window, the
 * last window is cut short at the span's end, and an empty window yields nothing rather than zero.
 */

import type { TimeSpan } from '../../core/time.js';

/** Consecutive windows of `seconds` covering `span`; the last one ends at `span.end`. */
export function spanWindows(span: TimeSpan, seconds: number): TimeSpan[] {
  if (!(seconds > 0)) throw new RangeError(`window length must be positive, got ${seconds}`);
  const windows: TimeSpan[] = [];
  for (let i = 0; span.start + i * seconds < span.end - 1e-9; i++) {
    const start = span.start + i * seconds;
    windows.push({ start, end: Math.min(span.end, start + seconds) });
  }
  return windows;
}

export interface TimedValue {
  time: number;
  value: number;
}

/**
 * Each window with the values whose times fall in it (`start ≤ time < end`; the span's end is included
 * in the last window), reduced by `combine`; windows without values are left out.
 * @example averageByWindow([{ time: 0.2, value: 1 }, { time: 0.7, value: 3 }], { start: 0, end: 1 }, 1, mean) // → [{ span: { start: 0, end: 1 }, value: 2 }]
 */
export function averageByWindow(
  values: readonly TimedValue[],
  span: TimeSpan,
  seconds: number,
  combine: (values: number[]) => number,
): Array<{ span: TimeSpan; value: number }> {
  const windows = spanWindows(span, seconds);
  const buckets = windows.map(() => [] as number[]);
  for (const { time, value } of values) {
    if (time < span.start || time > span.end) continue;
    const index = Math.min(windows.length - 1, Math.floor((time - span.start) / seconds + 1e-9));
    buckets[index]?.push(value);
  }
  return windows.flatMap((window, i) => (buckets[i]!.length > 0 ? [{ span: window, value: combine(buckets[i]!) }] : []));
}

export const arithmeticMean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/** The mean of loudness values in the energy domain (10·log10 of the mean of 10^(L/10)), as EBU R 128 averages. */
export const energyMean = (values: number[]): number => 10 * Math.log10(arithmeticMean(values.map((v) => 10 ** (v / 10))));
