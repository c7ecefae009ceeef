/**
 * The captions of a video with where each came from: the text and span, the model that wrote it (its
 * `provider:model` id and endpoint) and whether it was asked of the model during ingest or imported
 * from the chunk captions a summary had cached. Search finds captions by their words
 * (`searchText(store, q, { kinds: ['caption'] })`); this reads them in time order, with provenance.
 */

import type { TimeSpan } from '../../core/time.js';
import type { ModelEndpoint } from '../../models/language-model.js';
import type { Store } from '../store/open-store.js';
import type { VideoRef } from './hits.js';
import { resolveVideo, type VideoSelector } from './video-ref.js';

export interface StoredCaption {
  video: VideoRef;
  span: TimeSpan;
  text: string;
  /** `caption:<model id>`. */
  producer: string;
  model: ModelEndpoint & { id: string };
  source: 'model' | 'chunk-captions cache';
  writtenAt: string;
  /** The segment whose ingest unit stored it. */
  segmentIndex: number;
}

/**
 * Captions overlapping `span` (default: the whole video), by start time.
 * @example for (const caption of captionsOf(store, 'talk.mp4')) console.log(formatSpan(caption.span), caption.text, caption.model.id);
 */
export function captionsOf(store: Store, video: VideoSelector, span?: TimeSpan): StoredCaption[] {
  const ref = resolveVideo(store, video);
  const rows = store.db.prepare(`SELECT s.start_time AS start, s.end_time AS end, s.text, s.producer, s.unit_index AS segmentIndex,
      c.model_json AS modelJson, c.source, c.written_at AS writtenAt
    FROM signals s JOIN caption_sources c ON c.signal_id = s.id
    WHERE s.video_id = @videoId AND s.kind = 'caption' AND s.start_time < @end AND s.end_time > @start
    ORDER BY s.start_time, s.end_time, s.id`).all({ videoId: ref.id, start: span?.start ?? -Infinity, end: span?.end ?? Infinity }) as Array<{
      start: number; end: number; text: string; producer: string; segmentIndex: number; modelJson: string; source: StoredCaption['source']; writtenAt: string;
    }>;
  return rows.map((row) => ({
    video: ref,
    span: { start: row.start, end: row.end },
    text: row.text,
    producer: row.producer,
    model: JSON.parse(row.modelJson) as StoredCaption['model'],
    source: row.source,
    writtenAt: row.writtenAt,
    segmentIndex: row.segmentIndex,
  }));
}
