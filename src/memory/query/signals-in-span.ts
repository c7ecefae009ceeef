/**
 * Signals by time: everything of some kinds inside a span of one video (on-screen text, transcript,
 * detector labels), and detector labels across the library. Ordered by time, because these answer
 * "what happens here" and "when does it happen", not "what matches best".
 */

import type { TimeSpan } from '../../core/time.js';
import type { SignalKind } from '../../perception/signal.js';
import type { Store } from '../store/open-store.js';
import { signalHitColumns, signalHitFromRow, type SignalHit, type SignalHitRow } from './hits.js';
import { resolveVideo, type VideoSelector } from './video-ref.js';

export interface SpanQueryOptions {
  /** Default 1000. */
  limit?: number;
}

/** Signals of the given kinds overlapping `span` in one video (the whole video when no span), by start time. */
export function signalsInSpan(
  store: Store,
  video: VideoSelector,
  kinds: readonly SignalKind[],
  span?: TimeSpan,
  options: SpanQueryOptions = {},
): SignalHit[] {
  const videoId = resolveVideo(store, video).id;
  if (kinds.length === 0) return [];
  const parameters: Record<string, unknown> = {
    videoId,
    spanStart: span?.start ?? Number.NEGATIVE_INFINITY,
    spanEnd: span?.end ?? Number.POSITIVE_INFINITY,
    limit: options.limit ?? 1000,
  };
  kinds.forEach((kind, i) => (parameters[`kind${i}`] = kind));
  const rows = store.db.prepare(`
    SELECT ${signalHitColumns} FROM signals s JOIN videos v ON v.id = s.video_id
    WHERE s.video_id = @videoId AND s.kind IN (${kinds.map((_, i) => `@kind${i}`).join(', ')})
      AND s.start_time <= @spanEnd AND s.end_time >= @spanStart
    ORDER BY s.start_time, s.id LIMIT @limit`).all(parameters) as SignalHitRow[];
  return rows.map(signalHitFromRow);
}

/** On-screen text (OCR lines) in a span. */
export function textInSpan(store: Store, video: VideoSelector, span?: TimeSpan, options?: SpanQueryOptions): SignalHit[] {
  return signalsInSpan(store, video, ['text'], span, options);
}

/** What is said in a span: transcript segments and subtitle cues. */
export function transcriptInSpan(store: Store, video: VideoSelector, span?: TimeSpan, options?: SpanQueryOptions): SignalHit[] {
  return signalsInSpan(store, video, ['speech', 'subtitle'], span, options);
}

export interface ObjectQueryOptions extends SpanQueryOptions {
  video?: VideoSelector;
  span?: TimeSpan;
  /** Ignore detections below this confidence. Default 0. */
  minConfidence?: number;
}

/** Detector labels (`person`, `car`, …; case-insensitive: the ingest stores labels in lower case) across the library or one video, by video and time. */
export function objectsByLabel(store: Store, label: string, options: ObjectQueryOptions = {}): SignalHit[] {
  const parameters: Record<string, unknown> = {
    label: label.trim().toLowerCase(),
    spanStart: options.span?.start ?? Number.NEGATIVE_INFINITY,
    spanEnd: options.span?.end ?? Number.POSITIVE_INFINITY,
    minConfidence: options.minConfidence ?? 0,
    limit: options.limit ?? 1000,
  };
  let videoFilter = '';
  if (options.video !== undefined) {
    parameters.videoId = resolveVideo(store, options.video).id;
    videoFilter = 'AND s.video_id = @videoId';
  }
  const rows = store.db.prepare(`
    SELECT ${signalHitColumns} FROM signals s JOIN videos v ON v.id = s.video_id
    WHERE s.kind = 'object' AND s.text = @label ${videoFilter}
      AND s.start_time <= @spanEnd AND s.end_time >= @spanStart
      AND COALESCE(s.confidence, 1) >= @minConfidence
    ORDER BY s.video_id, s.start_time, s.id LIMIT @limit`).all(parameters) as SignalHitRow[];
  return rows.map(signalHitFromRow);
}
