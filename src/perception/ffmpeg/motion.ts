/**
 * Motion energy with ffmpeg: each frame (on a 160-px gray copy) minus the previous one
 * (`tblend=all_mode=difference`), measured by `signalstats` (YAVG, the mean absolute luma change
 * 0–255) and printed by `metadata=print` to stdout as `pts_time:` / `lavfi.signalstats.YAVG=` pairs.
 * A `motion` signal per window (default 1 s) carries the mean change as a fraction of full scale (0–1):
 * a still shot reads near 0, a cut spikes the window it falls in. Small frames make it cheap; a long
 * video costs one decode, made cheaper still because the measure need not be exact: the decoder skips
 * B-frames (`-skip_frame bidir`, so neighbours are a reference frame apart, a few hundredths of a second)
 * and the in-loop deblocking filter (`-skip_loop_filter all`), runs on one thread (no thread overhead on
 * a busy machine), and the scaler uses its cheapest filter. On a 1280×720 H.264 file with B-frames this
 * costs about a third of the CPU of an exact decode.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import type { TimeSpan } from '../../core/time.js';
import { runMediaTool } from '../../media/run-media-tool.js';
import type { SpanAnalyzer } from '../analyzer.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import type { Signal } from '../signal.js';
import { probeForAnalyzer, spanInputArgs } from './media-streams.js';
import { arithmeticMean, averageByWindow, type TimedValue } from './span-windows.js';

/** Width of the copy the difference is measured on. */
const analysisWidth = 160;

/** Pure: the ffmpeg arguments that print each frame's mean luma difference over a span. */
export function buildMotionArgs(input: string, videoStreamIndex: number, span: TimeSpan): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats',
    ...spanInputArgs(span.start, span.end),
    '-threads', '1', '-skip_loop_filter', 'all', '-skip_frame', 'bidir',
    '-i', input,
    '-map', `0:${videoStreamIndex}`, '-an', '-sn', '-dn',
    '-vf', `scale=${analysisWidth}:-2:flags=fast_bilinear,format=gray,tblend=all_mode=difference,signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=-`,
    '-f', 'null', '-',
  ];
}

/** Pure: per-frame mean differences (0–1) with their times (seconds from the input start) from `metadata=print` output. */
export function parseMotionOutput(text: string): TimedValue[] {
  const values: TimedValue[] = [];
  let time: number | undefined;
  for (const line of text.split('\n')) {
    const frame = /^frame:\s*\d+\s+pts:\s*-?\d+\s+pts_time:\s*(-?[\d.]+)/.exec(line);
    if (frame) {
      time = Number(frame[1]);
      continue;
    }
    const measure = /^lavfi\.signalstats\.YAVG=(-?[\d.]+)/.exec(line);
    if (measure && time !== undefined) {
      values.push({ time, value: Math.min(1, Math.max(0, Number(measure[1]) / 255)) });
      time = undefined;
    }
  }
  return values;
}

export interface MotionAnalyzerOptions {
  /** Seconds per motion signal. Default 1. */
  windowSeconds?: number;
  cache?: ArtifactCache | null;
}

/**
 * @example await createMotionAnalyzer().analyzeSpan({ video: 'match.mp4', span: { start: 0, end: 10 } }) // → [{ kind: 'motion', value: 0.043, … }]
 */
export function createMotionAnalyzer(options: MotionAnalyzerOptions = {}): SpanAnalyzer {
  const windowSeconds = options.windowSeconds ?? 1;
  const producer = 'ffmpeg:tblend-difference';
  return {
    id: 'motion',
    input: 'span',
    kinds: ['motion'],
    configHash: hashAnalyzerSettings('motion', 2, { windowSeconds, analysisWidth, producer }),
    async analyzeSpan(context) {
      throwIfAborted(context.signal);
      const info = await probeForAnalyzer(context.video, { signal: context.signal, cache: options.cache });
      if (!info.video || context.span.end <= context.span.start) return [];
      const { stdout } = await runMediaTool('ffmpeg', buildMotionArgs(info.path, info.video.index, context.span), { signal: context.signal });
      const values = parseMotionOutput(stdout.toString('utf8')).map(({ time, value }) => ({ time: context.span.start + time, value }));
      return averageByWindow(values, context.span, windowSeconds, arithmeticMean).map(
        ({ span, value }): Signal => ({ kind: 'motion', span, value: Math.round(value * 1e5) / 1e5, confidence: null, producer }),
      );
    },
  };
}
