/**
 * Motion energy: each frame (on a 160-px gray copy) minus the previous one (`tblend=all_mode=difference`),
 * measured by `signalstats` (YAVG, the mean absolute luma change 0–255). A `motion` signal per window
 * (default 1 s) carries the mean change as a fraction of full scale (0–1): a still shot reads near 0, a
 * cut spikes the window it falls in. The per-frame values come from the media engine's scene pass
 * (src/media/scenes.ts), which measures them in the same decode as the scene-change scores: over a whole
 * video once (cached by content hash), then picked per span, so the ingest's motion stage costs no decode
 * of its own. (Version 2 decoded every span again, skipping B-frames; version 3 measures every frame.)
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import { measureMotion, parseMetadataPrint, scenePassWidth, type FrameMeasure } from '../../media/scenes.js';
import type { SpanAnalyzer } from '../analyzer.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import type { Signal } from '../signal.js';
import { probeForAnalyzer } from './media-streams.js';
import { arithmeticMean, averageByWindow, type TimedValue } from './span-windows.js';

/** Pure: per-frame mean differences (0–1) with their times (seconds from the input start) from `metadata=print` output. */
export function parseMotionOutput(text: string): TimedValue[] {
  return parseMetadataPrint(text, 'lavfi.signalstats.YAVG').map(({ time, value }) => ({ time, value: Math.min(1, Math.max(0, value / 255)) }));
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
  // The whole video's motion by content hash, kept for the analyzer's life so that without an artifact
  // cache the spans of one video still share one pass. A failed pass is forgotten so it can be retried.
  const passes = new Map<string, Promise<FrameMeasure[]>>();
  return {
    id: 'motion',
    input: 'span',
    kinds: ['motion'],
    configHash: hashAnalyzerSettings('motion', 3, { windowSeconds, analysisWidth: scenePassWidth, producer }),
    async analyzeSpan(context) {
      throwIfAborted(context.signal);
      const info = await probeForAnalyzer(context.video, { signal: context.signal, cache: options.cache });
      if (!info.video || context.span.end <= context.span.start) return [];
      let pass = passes.get(info.contentHash);
      if (!pass) {
        pass = measureMotion(info.path, info, { signal: context.signal, cache: options.cache });
        passes.set(info.contentHash, pass);
        pass.catch(() => passes.delete(info.contentHash));
      }
      const wholeVideo = await pass;
      // Half-open, so a frame on a boundary between two units counts in exactly one of them.
      const values = wholeVideo.filter(({ time }) => time >= context.span.start && time < context.span.end);
      return averageByWindow(values, context.span, windowSeconds, arithmeticMean).map(
        ({ span, value }): Signal => ({ kind: 'motion', span, value: Math.round(value * 1e5) / 1e5, confidence: null, producer }),
      );
    },
  };
}
