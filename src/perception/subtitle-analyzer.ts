/**
 * Subtitles as signals: every cue of every track the media engine finds (sidecar `.srt`/`.vtt` files
 * beside the video and embedded text streams) becomes a `subtitle` signal with the cue's text and span.
 * A cue belongs to the unit its start falls in, so a cue crossing a unit boundary is stored once, whole.
 * The producer names the track (`subtitles:talk.en.srt`, `subtitles:stream:2`) and its language, so two
 * languages of the same line stay apart. Subtitle text is untrusted data: it is stored, never obeyed.
 */

import path from 'node:path';
import type { ArtifactCache } from '../core/artifact-cache.js';
import { throwIfAborted } from '../core/errors.js';
import type { TimeSpan } from '../core/time.js';
import { loadSubtitles, type SubtitleTrack } from '../media/subtitles/index.js';
import type { SpanAnalyzer } from './analyzer.js';
import { hashAnalyzerSettings } from './settings-hash.js';
import type { Signal } from './signal.js';

/** Pure: the signals of the cues that start inside `span` (`start ≤ cue.start < end`). */
export function subtitleSignals(tracks: readonly SubtitleTrack[], span: TimeSpan): Signal[] {
  return tracks.flatMap((track) => {
    const name = track.source.startsWith('stream:') ? track.source : path.basename(track.source);
    const producer = `subtitles:${name}${track.language ? `:${track.language}` : ''}`;
    return track.cues
      .filter((cue) => cue.start >= span.start && cue.start < span.end)
      .map((cue): Signal => ({ kind: 'subtitle', span: { start: cue.start, end: cue.end }, value: cue.text, confidence: null, producer }));
  });
}

export interface SubtitleAnalyzerOptions {
  cache?: ArtifactCache | null;
}

/**
 * @example await createSubtitleAnalyzer().analyzeSpan({ video: 'talk.mp4', span: { start: 0, end: 60 } }) // → [{ kind: 'subtitle', value: 'Hello.', … }]
 */
export function createSubtitleAnalyzer(options: SubtitleAnalyzerOptions = {}): SpanAnalyzer {
  return {
    id: 'subtitles',
    input: 'span',
    kinds: ['subtitle'],
    configHash: hashAnalyzerSettings('subtitles', 1, { cueRule: 'start-in-span' }),
    async analyzeSpan(context) {
      throwIfAborted(context.signal);
      const tracks = await loadSubtitles(context.video, { signal: context.signal, cache: options.cache });
      return subtitleSignals(tracks, context.span);
    },
  };
}
