/**
 * Shot boundaries as signals: `detectSceneCuts` of the media engine (ffmpeg's scene score on a 160-px
 * copy, cached by content hash), one `scene` signal of zero length at each cut inside the unit's span.
 * The cuts are always detected over the whole video and then picked per span: that is the pass the
 * ingest's segments stage runs with the same threshold, so with a cache the video is scored once, not
 * twice (and each span's cuts do not depend on where the span starts).
 * The value is the word `cut`; the threshold that decided it is in the config hash.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import { detectSceneCuts } from '../../media/scenes.js';
import type { SpanAnalyzer } from '../analyzer.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import type { Signal } from '../signal.js';
import { probeForAnalyzer } from './media-streams.js';

export interface SceneCutAnalyzerOptions {
  /** ffmpeg scene score above which a frame starts a new shot, 0–1. Default 0.3. */
  threshold?: number;
  cache?: ArtifactCache | null;
}

/**
 * @example await createSceneCutAnalyzer().analyzeSpan({ video: 'film.mp4', span: { start: 0, end: 60 } }) // → [{ kind: 'scene', span: { start: 12.4, end: 12.4 }, value: 'cut' }]
 */
export function createSceneCutAnalyzer(options: SceneCutAnalyzerOptions = {}): SpanAnalyzer {
  const threshold = options.threshold ?? 0.3;
  const producer = 'ffmpeg:scene-score';
  // The whole video's cuts by content hash, kept for the analyzer's life so that without an artifact
  // cache the spans of one video still share one pass. A failed pass is forgotten so it can be retried.
  const passes = new Map<string, Promise<number[]>>();
  return {
    id: 'scenes',
    input: 'span',
    kinds: ['scene'],
    configHash: hashAnalyzerSettings('scenes', 2, { threshold, producer }),
    async analyzeSpan(context) {
      throwIfAborted(context.signal);
      const info = await probeForAnalyzer(context.video, { signal: context.signal, cache: options.cache });
      let pass = passes.get(info.contentHash);
      if (!pass) {
        pass = detectSceneCuts(info.path, info, { threshold, signal: context.signal, cache: options.cache });
        passes.set(info.contentHash, pass);
        pass.catch(() => passes.delete(info.contentHash));
      }
      const wholeVideo = await pass;
      // Half-open, so a cut on a boundary between two units is reported by exactly one of them.
      const cuts = wholeVideo.filter((time) => time >= context.span.start && time < context.span.end);
      return cuts.map((time): Signal => ({ kind: 'scene', span: { start: time, end: time }, value: 'cut', confidence: null, producer }));
    },
  };
}
