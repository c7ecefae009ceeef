/**
 * Loudness with ffmpeg's `ebur128` filter (EBU R 128 / ITU-R BS.1770). The filter logs one line per
 * 100 ms block — `t:` (end of the block, seconds from the start of the input), `M:` momentary loudness
 * over the last 400 ms, `S:` short-term over 3 s, `I:` integrated so far — and a summary with the
 * integrated loudness of everything it read. Signals: one `loudness` per window (default 1 s) with the
 * energy mean of the momentary values inside it, and one for the whole span with its integrated
 * loudness. Blocks under −70 LUFS (R 128's absolute gate: digital silence reads −120.7) are not loudness;
 * the silence analyzer reports them. A file without audio gives no signals.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import type { TimeSpan } from '../../core/time.js';
import type { SpanAnalyzer } from '../analyzer.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import type { Signal } from '../signal.js';
import { audioPassLines } from './audio-pass.js';
import { firstAudioStream, probeForAnalyzer, spanInputArgs } from './media-streams.js';
import { silenceDefaults } from './silence.js';
import { averageByWindow, energyMean, type TimedValue } from './span-windows.js';

/** R 128's absolute gate, LUFS. */
export const absoluteGateLufs = -70;

/** Pure: the ffmpeg arguments that log `ebur128` blocks alone for the audio stream over a span (the analyzer runs ./audio-pass.ts, which adds `silencedetect`). */
export function buildLoudnessArgs(input: string, audioStreamIndex: number, span: TimeSpan): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'info', '-nostats',
    ...spanInputArgs(span.start, span.end),
    '-i', input,
    '-map', `0:${audioStreamIndex}`, '-vn', '-sn', '-dn',
    '-af', 'ebur128',
    '-f', 'null', '-',
  ];
}

export interface Ebur128Log {
  /** Momentary loudness per 100 ms block; `time` is the block's end, seconds from the input start. */
  momentary: TimedValue[];
  /** Integrated loudness from the summary; undefined when the summary is missing or gated out. */
  integrated: number | undefined;
}

const blockPattern = /\[Parsed_ebur128_\d+ @ [^\]]+\]\s+t:\s*([\d.]+)\s.*?\bM:\s*(-?[\d.]+|-?inf|nan)/;
const integratedPattern = /^\s*I:\s*(-?[\d.]+)\s*LUFS/;

/** Pure: the blocks and the summary's integrated loudness from ffmpeg's stderr lines. */
export function parseEbur128Log(lines: Iterable<string>): Ebur128Log {
  const momentary: TimedValue[] = [];
  let integrated: number | undefined;
  let inSummary = false;
  for (const line of lines) {
    const block = blockPattern.exec(line);
    if (block) {
      const value = Number(block[2]);
      if (Number.isFinite(value)) momentary.push({ time: Number(block[1]), value });
      continue;
    }
    if (/Summary:/.test(line)) inSummary = true;
    const total = inSummary ? integratedPattern.exec(line) : null;
    if (total && integrated === undefined) integrated = Number(total[1]);
  }
  return { momentary, integrated: integrated !== undefined && integrated > absoluteGateLufs ? integrated : undefined };
}

/** Pure: loudness signals of a span from its parsed log (times shifted from input time to the span). */
export function loudnessSignals(log: Ebur128Log, span: TimeSpan, windowSeconds: number, producer: string): Signal[] {
  const audible = log.momentary
    .filter((block) => block.value > absoluteGateLufs)
    // A block's line is written at its end; it describes the 100 ms before.
    .map((block) => ({ time: span.start + Math.max(0, block.time - 0.05), value: block.value }));
  const signals: Signal[] = averageByWindow(audible, span, windowSeconds, energyMean).map(({ span: window, value }) => ({
    kind: 'loudness',
    span: window,
    value: Math.round(value * 10) / 10,
    confidence: null,
    producer,
  }));
  if (log.integrated !== undefined) {
    signals.push({ kind: 'loudness', span: { ...span }, value: log.integrated, confidence: null, producer: `${producer}:integrated` });
  }
  return signals;
}

export interface LoudnessAnalyzerOptions {
  /** Seconds per loudness signal. Default 1. */
  windowSeconds?: number;
  cache?: ArtifactCache | null;
}

/**
 * @example await createLoudnessAnalyzer().analyzeSpan({ video: 'talk.mp4', span: { start: 0, end: 60 } }) // → [{ kind: 'loudness', value: -21.7, … }]
 */
export function createLoudnessAnalyzer(options: LoudnessAnalyzerOptions = {}): SpanAnalyzer {
  const windowSeconds = options.windowSeconds ?? 1;
  const producer = 'ffmpeg:ebur128';
  return {
    id: 'loudness',
    input: 'span',
    kinds: ['loudness'],
    configHash: hashAnalyzerSettings('loudness', 1, { windowSeconds, producer }),
    async analyzeSpan(context) {
      throwIfAborted(context.signal);
      const info = await probeForAnalyzer(context.video, { signal: context.signal, cache: options.cache });
      const audio = firstAudioStream(info);
      if (audio === undefined || context.span.end <= context.span.start) return [];
      // The same decode as the silence analyzer's on this span (./audio-pass.ts).
      const lines = await audioPassLines(info.path, info.contentHash, audio, context.span, silenceDefaults, context.signal);
      return loudnessSignals(parseEbur128Log(lines), context.span, windowSeconds, producer);
    },
  };
}
