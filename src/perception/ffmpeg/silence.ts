/**
 * Silent spans with ffmpeg's `silencedetect` filter: it logs `silence_start: T` when the level has
 * stayed under `noise` for `duration` seconds (T is where the quiet began) and `silence_end: T |
 * silence_duration: D` when sound returns. A silence still open when the input ends runs to the span's
 * end. Times are seconds from the input start, so they are shifted by the span start. A file without
 * audio gives no signals.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import type { TimeSpan } from '../../core/time.js';
import type { SpanAnalyzer } from '../analyzer.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import type { Signal } from '../signal.js';
import { audioPassLines } from './audio-pass.js';
import { audioSpanOf, spanInputArgs } from './media-streams.js';

export interface SilenceSettings {
  /** Level under which audio counts as silent, dBFS. Default −50. */
  noiseDb: number;
  /** Shortest silence reported, seconds. Default 0.5. */
  minDuration: number;
}

export const silenceDefaults: Readonly<SilenceSettings> = Object.freeze({ noiseDb: -50, minDuration: 0.5 });

/** Pure: the ffmpeg arguments that run `silencedetect` alone on the audio stream over a span (the analyzer runs ./audio-pass.ts, which adds `ebur128`). */
export function buildSilenceArgs(input: string, audioStreamIndex: number, span: TimeSpan, settings: SilenceSettings = silenceDefaults): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'info', '-nostats',
    ...spanInputArgs(span.start, span.end),
    '-i', input,
    '-map', `0:${audioStreamIndex}`, '-vn', '-sn', '-dn',
    '-af', `silencedetect=noise=${settings.noiseDb}dB:d=${settings.minDuration}`,
    '-f', 'null', '-',
  ];
}

const startPattern = /\[silencedetect @ [^\]]+\]\s+silence_start:\s*(-?[\d.]+)/;
const endPattern = /\[silencedetect @ [^\]]+\]\s+silence_end:\s*(-?[\d.]+)/;

/** Pure: silent spans (seconds from the input start) from stderr lines; an open silence ends at `inputEnd`. */
export function parseSilencedetectLog(lines: Iterable<string>, inputEnd: number): TimeSpan[] {
  const spans: TimeSpan[] = [];
  let open: number | undefined;
  for (const line of lines) {
    const start = startPattern.exec(line);
    if (start) {
      open = Math.max(0, Number(start[1]));
      continue;
    }
    const end = endPattern.exec(line);
    if (end && open !== undefined) {
      spans.push({ start: open, end: Number(end[1]) });
      open = undefined;
    }
  }
  if (open !== undefined && inputEnd > open) spans.push({ start: open, end: inputEnd });
  return spans;
}

export interface SilenceAnalyzerOptions extends Partial<SilenceSettings> {
  cache?: ArtifactCache | null;
}

/**
 * @example await createSilenceAnalyzer().analyzeSpan({ video: 'talk.mp4', span: { start: 0, end: 60 } }) // → [{ kind: 'silence', span: { start: 12.0, end: 14.5 }, value: 2.5 }]
 */
export function createSilenceAnalyzer(options: SilenceAnalyzerOptions = {}): SpanAnalyzer {
  const settings: SilenceSettings = {
    noiseDb: options.noiseDb ?? silenceDefaults.noiseDb,
    minDuration: options.minDuration ?? silenceDefaults.minDuration,
  };
  const producer = 'ffmpeg:silencedetect';
  return {
    id: 'silence',
    input: 'span',
    kinds: ['silence'],
    configHash: hashAnalyzerSettings('silence', 1, { ...settings, producer }),
    async analyzeSpan(context) {
      const heard = await audioSpanOf(context, options.cache);
      if (heard === undefined) return [];
      const { info, audio, span } = heard;
      // The same decode as the loudness analyzer's on this span (./audio-pass.ts).
      const lines = await audioPassLines(info.path, info.contentHash, audio, span, settings, context.signal);
      return parseSilencedetectLog(lines, span.end - span.start).map((silent): Signal => {
        const start = span.start + silent.start, end = Math.min(span.end, span.start + silent.end);
        return { kind: 'silence', span: { start, end }, value: Math.round((end - start) * 1000) / 1000, confidence: null, producer };
      });
    },
  };
}
