/**
 * The shapes every query returns. A hit always says which video, which span, how good a match it is,
 * and which stored thumbnail shows it, so a CLI line, an agent tool result and a server response can
 * all point at the moment and show it.
 */

import type { TimeSpan } from '../../core/time.js';
import type { ConfidenceSourceKind } from '../../perception/confidence.js';
import type { SignalBox, SignalKind } from '../../perception/signal.js';

export interface VideoRef {
  id: number;
  path: string;
}

/** A stored thumbnail: fetch its JPEG with `readThumbnail(store, keyframeId)`. */
export interface ThumbnailRef {
  keyframeId: number;
  time: number;
}

export interface SignalHit {
  /** The signal's row id. */
  id: number;
  video: VideoRef;
  kind: SignalKind;
  span: TimeSpan;
  value: string | number;
  /** Higher is better; text search: the negated BM25 rank, otherwise the signal's confidence (or 1). */
  score: number;
  confidence: { value: number; source: ConfidenceSourceKind } | null;
  box?: SignalBox;
  producer: string;
  thumbnail: ThumbnailRef | null;
}

/** The columns a signal query selects, in the order `signalHitFromRow` reads them. */
export const signalHitColumns = `
  s.id AS id, s.video_id AS videoId, v.path AS videoPath, s.kind AS kind, s.start_time AS startTime, s.end_time AS endTime,
  s.text AS text, s.number AS number, s.confidence AS confidence, s.confidence_source AS confidenceSource,
  s.box_x AS boxX, s.box_y AS boxY, s.box_width AS boxWidth, s.box_height AS boxHeight, s.producer AS producer,
  (SELECT k.id FROM keyframes k WHERE k.video_id = s.video_id AND k.time <= s.end_time ORDER BY k.time DESC LIMIT 1) AS keyframeId,
  (SELECT k.time FROM keyframes k WHERE k.video_id = s.video_id AND k.time <= s.end_time ORDER BY k.time DESC LIMIT 1) AS keyframeTime`;

export interface SignalHitRow {
  id: number;
  videoId: number;
  videoPath: string;
  kind: SignalKind;
  startTime: number;
  endTime: number;
  text: string | null;
  number: number | null;
  confidence: number | null;
  confidenceSource: ConfidenceSourceKind | null;
  boxX: number | null;
  boxY: number | null;
  boxWidth: number | null;
  boxHeight: number | null;
  producer: string;
  keyframeId: number | null;
  keyframeTime: number | null;
  score?: number;
}

export function signalHitFromRow(row: SignalHitRow): SignalHit {
  const confidence = row.confidence === null || row.confidenceSource === null ? null : { value: row.confidence, source: row.confidenceSource };
  const hit: SignalHit = {
    id: row.id,
    video: { id: row.videoId, path: row.videoPath },
    kind: row.kind,
    span: { start: row.startTime, end: row.endTime },
    value: row.text ?? row.number ?? '',
    score: row.score ?? confidence?.value ?? 1,
    confidence,
    producer: row.producer,
    thumbnail: row.keyframeId === null ? null : { keyframeId: row.keyframeId, time: row.keyframeTime ?? row.startTime },
  };
  if (row.boxX !== null && row.boxY !== null && row.boxWidth !== null && row.boxHeight !== null) {
    hit.box = { x: row.boxX, y: row.boxY, width: row.boxWidth, height: row.boxHeight };
  }
  return hit;
}
