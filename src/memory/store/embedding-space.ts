/**
 * Embedding spaces: per embedder, created when it is first configured (its dimension is only known then),
 * two tables — the full float32 vectors in a plain table (a foreign key removes them with their keyframe),
 * and their sign bits in a sqlite-vec `vec0` table for a fast Hamming-distance first pass. A nearest-
 * neighbour query takes a generous candidate set from the bits and re-ranks it by exact cosine on the
 * full vectors: a brute-force float scan of 360,000 512-d vectors costs about a second here, the bit scan
 * a few tens of milliseconds. Vectors of different embedders are never compared, so each has its own
 * tables, listed in `embedding_spaces`. A trigger removes a keyframe's bits with the keyframe, since a
 * virtual table cannot carry a foreign key.
 */

import { ConfigError } from '../../core/errors.js';
import type { StoreDatabase } from './open-store.js';

export interface EmbeddingSpace {
  embedder: string;
  dimensions: number;
  /** The vec0 table of sign bits; the full vectors are in `${tableName}_full`. */
  tableName: string;
}

/** The plain table holding a space's full vectors. */
export function fullVectorTable(space: EmbeddingSpace): string {
  return `${space.tableName}_full`;
}

export function findEmbeddingSpace(db: StoreDatabase, embedder?: string): EmbeddingSpace | undefined {
  const row = (embedder === undefined
    ? db.prepare('SELECT embedder, dimensions, table_name AS tableName FROM embedding_spaces ORDER BY id LIMIT 1').get()
    : db.prepare('SELECT embedder, dimensions, table_name AS tableName FROM embedding_spaces WHERE embedder = ?').get(embedder)) as
    | EmbeddingSpace
    | undefined;
  return row;
}

/** The space of `embedder`, created on first use; a known embedder with another dimension is a config error. */
export function ensureEmbeddingSpace(db: StoreDatabase, embedder: string, dimensions: number): EmbeddingSpace {
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new ConfigError(`embedder ${embedder}`, `reports ${dimensions} dimensions; an embedder must report a positive whole number.`);
  }
  return db.transaction((): EmbeddingSpace => {
    const existing = findEmbeddingSpace(db, embedder);
    if (existing) {
      if (existing.dimensions !== dimensions) {
        throw new ConfigError(`embedder ${embedder}`,
          `now returns ${dimensions}-dimensional vectors but the store holds ${existing.dimensions}-dimensional ones for it; re-index with a fresh library or a differently named embedder.`);
      }
      return existing;
    }
    const next = ((db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM embedding_spaces').get() as { id: number }).id);
    // The table name is built from a number only, never from the embedder's name.
    const tableName = `keyframe_vectors_${next}`;
    db.exec(`CREATE TABLE ${tableName}_full (
      keyframe_id INTEGER PRIMARY KEY REFERENCES keyframes(id) ON DELETE CASCADE,
      video_id INTEGER NOT NULL,
      vector BLOB NOT NULL CHECK (length(vector) = ${dimensions * 4})
    ) STRICT`);
    db.exec(`CREATE VIRTUAL TABLE ${tableName} USING vec0(
      keyframe_id INTEGER PRIMARY KEY,
      video_id INTEGER,
      bits BIT[${dimensions}]
    )`);
    db.exec(`CREATE TRIGGER ${tableName}_follow_keyframes AFTER DELETE ON keyframes BEGIN
      DELETE FROM ${tableName} WHERE keyframe_id = old.id;
    END`);
    db.prepare('INSERT INTO embedding_spaces(id, embedder, dimensions, table_name) VALUES (?, ?, ?, ?)').run(next, embedder, dimensions, tableName);
    return { embedder, dimensions, tableName };
  }).immediate();
}

/** Stores one keyframe's vector in a space (both tables); call inside the unit's transaction. */
export function prepareVectorInsert(db: StoreDatabase, space: EmbeddingSpace): (keyframeId: number, videoId: number, vector: Float32Array) => void {
  const full = db.prepare(`INSERT INTO ${fullVectorTable(space)}(keyframe_id, video_id, vector) VALUES (?, ?, ?)`);
  const bits = db.prepare(`INSERT INTO ${space.tableName}(keyframe_id, video_id, bits) VALUES (?, ?, vec_quantize_binary(?))`);
  return (keyframeId, videoId, vector) => {
    const bytes = vectorBytes(vector);
    full.run(keyframeId, videoId, bytes);
    bits.run(BigInt(keyframeId), BigInt(videoId), bytes);
  };
}

/** A vector as the bytes sqlite-vec reads (little-endian float32). */
export function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}
