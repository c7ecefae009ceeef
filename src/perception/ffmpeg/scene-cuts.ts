/**
 * Shot boundaries as signals: `detectSceneCuts` of the media engine (ffmpeg's scene score on a 160-px
 * copy, cached by content hash) over the unit's span, one `scene` signal of zero length at each cut.
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
  return {
    id: 'scenes',
    input: 'span',
    kinds: ['scene'],
    configHash: hashAnalyzerSettings('scenes', 1, { threshold, producer }),
    async analyzeSpan(context) {
      throwIfAborted(context.signal);
      const info = await probeForAnalyzer(context.video, { signal: context.signal, cache: options.cache });
      const cuts = await detectSceneCuts(info.path, info, { threshold, span: context.span, signal: context.signal, cache: options.cache });
      return cuts.map((time): Signal => ({ kind: 'scene', span: { start: time, end: time }, value: 'cut', confidence: null, producer }));
    },
  };
}
