/**
 * Open-vocabulary search: the keyframes whose embeddings lie nearest a query vector by cosine
 * similarity, optionally within one video. Two passes (see store/embedding-space.ts): sqlite-vec's
 * Hamming scan over sign bits picks `oversample × k` candidates (at least 200), then exact cosine on their
 * full vectors ranks them. On stores small enough for the candidates to cover everything it is exact. With an embedder, a text
 * query is embedded into the same space first, so "a forklift enters the dock" finds moments no
 * detector label names.
 */

import { ConfigError } from '../../core/errors.js';
import type { TimeSpan } from '../../core/time.js';
import type { Embedder } from '../../models/embedder.js';
import { cosineSimilarity } from '../../models/embedder.js';
import { findEmbeddingSpace, fullVectorTable, vectorBytes } from '../store/embedding-space.js';
import type { Store } from '../store/open-store.js';
import type { ThumbnailRef, VideoRef } from './hits.js';
import { resolveVideo, type VideoSelector } from './video-ref.js';

export interface KeyframeHit {
  video: VideoRef;
  /** The stretch of video the keyframe stands for. */
  span: TimeSpan;
  /** Cosine similarity, −1 to 1. */
  score: number;
  thumbnail: ThumbnailRef;
}

export interface NearestKeyframesOptions {
  /** Default 10. */
  k?: number;
  video?: VideoSelector;
  /** Which embedder's space; default: the first configured. */
  embedder?: string;
  /** Candidates from the bit pass per result wanted. Default 20. */
  oversample?: number;
}

export function nearestKeyframes(store: Store, vector: Float32Array, options: NearestKeyframesOptions = {}): KeyframeHit[] {
  const space = findEmbeddingSpace(store.db, options.embedder);
  if (!space) {
    throw new ConfigError('embedder', `the library at ${store.file} has no embeddings${options.embedder ? ` from ${options.embedder}` : ''}; configure an embedder and index again.`);
  }
  if (vector.length !== space.dimensions) {
    throw new ConfigError(`embedder ${space.embedder}`, `the query vector has ${vector.length} dimensions, the stored ones ${space.dimensions}; embed the query with the same model.`);
  }
  const k = Math.max(1, Math.min(4096, Math.round(options.k ?? 10)));
  const candidates = Math.min(4096, Math.max(200, k * (options.oversample ?? 20)));
  const videoId = options.video === undefined ? undefined : resolveVideo(store, options.video).id;
  const query = vectorBytes(vector);
  const coarse = store.db.prepare(`SELECT keyframe_id AS keyframeId FROM ${space.tableName}
    WHERE bits MATCH vec_quantize_binary(@query) AND k = @candidates ${videoId === undefined ? '' : 'AND video_id = @videoId'}`)
    .all({ query, candidates, ...(videoId === undefined ? {} : { videoId }) }) as Array<{ keyframeId: number }>;
  const readVector = store.db.prepare(`SELECT vector FROM ${fullVectorTable(space)} WHERE keyframe_id = ?`).pluck();
  const ranked = coarse
    .map(({ keyframeId }) => {
      const bytes = readVector.get(keyframeId) as Buffer;
      const stored = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      return { keyframeId, score: cosineSimilarity(vector, stored) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
  const readKeyframe = store.db.prepare(`SELECT k.time AS time, k.represents_start AS representsStart, k.represents_end AS representsEnd,
    v.id AS videoId, v.path AS videoPath FROM keyframes k JOIN videos v ON v.id = k.video_id WHERE k.id = ?`);
  return ranked.map(({ keyframeId, score }) => {
    const row = readKeyframe.get(keyframeId) as { time: number; representsStart: number; representsEnd: number; videoId: number; videoPath: string };
    return {
      video: { id: row.videoId, path: row.videoPath },
      span: { start: row.representsStart, end: row.representsEnd },
      score,
      thumbnail: { keyframeId, time: row.time },
    };
  });
}

/** Embeds `text` with `embedder` and returns the nearest keyframes in that embedder's space. */
export async function searchVisual(
  store: Store,
  embedder: Embedder,
  text: string,
  options: Omit<NearestKeyframesOptions, 'embedder'> & { signal?: AbortSignal } = {},
): Promise<KeyframeHit[]> {
  const [vector] = await embedder.embedTexts([text], { signal: options.signal });
  return nearestKeyframes(store, vector!, { ...options, embedder: embedder.id });
}
