/**
 * Structure by time: the segments (shots or fixed chunks) and keyframes of a video in a span, and the
 * stored thumbnail JPEGs the hits point at.
 */

import { NotFoundError } from '../../core/errors.js';
import type { TimeSpan } from '../../core/time.js';
import type { Store } from '../store/open-store.js';
import type { VideoRef } from './hits.js';
import { resolveVideo, type VideoSelector } from './video-ref.js';

export interface SegmentRecord {
  id: number;
  video: VideoRef;
  index: number;
  kind: 'scene' | 'chunk';
  span: TimeSpan;
}

export interface KeyframeRecord {
  id: number;
  video: VideoRef;
  time: number;
  /** The stretch of video this frame stands for (its run of near-identical frames, or its shot). */
  represents: TimeSpan;
  width: number;
  height: number;
  /** 64-bit difference hash, 16 hex digits: near-identical frames differ in few bits. */
  perceptualHash: string;
}

function spanBounds(span: TimeSpan | undefined): { spanStart: number; spanEnd: number } {
  return { spanStart: span?.start ?? Number.NEGATIVE_INFINITY, spanEnd: span?.end ?? Number.POSITIVE_INFINITY };
}

/** Segments overlapping `span` (all when none), in time order. */
export function segmentsInSpan(store: Store, video: VideoSelector, span?: TimeSpan): SegmentRecord[] {
  const ref = resolveVideo(store, video);
  const rows = store.db.prepare(`
    SELECT id, segment_index AS segmentIndex, kind, start_time AS startTime, end_time AS endTime FROM segments
    WHERE video_id = @videoId AND start_time < @spanEnd AND end_time > @spanStart ORDER BY segment_index`)
    .all({ videoId: ref.id, ...spanBounds(span) }) as Array<{ id: number; segmentIndex: number; kind: 'scene' | 'chunk'; startTime: number; endTime: number }>;
  return rows.map((row) => ({ id: row.id, video: ref, index: row.segmentIndex, kind: row.kind, span: { start: row.startTime, end: row.endTime } }));
}

/** Keyframes whose time lies in `span` (all when none), in time order; thumbnails are read separately. */
export function keyframesInSpan(store: Store, video: VideoSelector, span?: TimeSpan): KeyframeRecord[] {
  const ref = resolveVideo(store, video);
  const rows = store.db.prepare(`
    SELECT id, time, represents_start AS representsStart, represents_end AS representsEnd, width, height,
      perceptual_hash AS perceptualHash FROM keyframes
    WHERE video_id = @videoId AND time >= @spanStart AND time <= @spanEnd ORDER BY time`)
    .all({ videoId: ref.id, ...spanBounds(span) }) as Array<{
      id: number; time: number; representsStart: number; representsEnd: number; width: number; height: number; perceptualHash: string;
    }>;
  return rows.map((row) => ({
    id: row.id,
    video: ref,
    time: row.time,
    represents: { start: row.representsStart, end: row.representsEnd },
    width: row.width,
    height: row.height,
    perceptualHash: row.perceptualHash,
  }));
}

/** The JPEG bytes of a stored thumbnail. */
export function readThumbnail(store: Store, keyframeId: number): Buffer {
  const row = store.db.prepare('SELECT thumbnail FROM keyframes WHERE id = ?').get(keyframeId) as { thumbnail: Buffer } | undefined;
  if (!row) throw new NotFoundError(`keyframe ${keyframeId}`, `keyframe ${keyframeId} is not in ${store.file}; it may have been re-indexed, so search again.`);
  return row.thumbnail;
}
