/**
 * `checkStoreIntegrity`: whether a store is whole — SQLite's own page-level check, foreign keys, the
 * full-text index against the signals it indexes, and the ingest bookkeeping (every result row belongs
 * to a finished unit, so a half-written unit can never be mistaken for a finished one).
 */

import type { Store } from './open-store.js';

export interface IntegrityReport {
  ok: boolean;
  /** What is wrong, one line each; empty when ok. */
  problems: string[];
}

export function checkStoreIntegrity(store: Store): IntegrityReport {
  const { db } = store;
  const problems: string[] = [];
  const pages = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  for (const row of pages) if (row.integrity_check !== 'ok') problems.push(`sqlite: ${row.integrity_check}`);

  const orphans = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const row of orphans.slice(0, 20)) problems.push(`foreign key: ${row.table} row ${row.rowid} has no ${row.parent}`);

  try {
    // rank = 1 compares the index with the content table, not only with itself.
    db.prepare("INSERT INTO signals_fts(signals_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch (error) {
    problems.push(`full-text index: ${(error as Error).message}`);
  }

  const unfinished = db.prepare(`
    SELECT s.stage AS stage, s.unit_index AS unitIndex, COUNT(*) AS count
    FROM signals s JOIN ingest_stages g ON g.video_id = s.video_id AND g.stage = s.stage
    WHERE NOT EXISTS (
      SELECT 1 FROM ingest_checkpoints c
      WHERE c.video_id = s.video_id AND c.stage = s.stage AND c.config_hash = s.config_hash AND c.unit_index = s.unit_index)
    GROUP BY s.video_id, s.stage, s.unit_index LIMIT 20`).all() as Array<{ stage: string; unitIndex: number; count: number }>;
  for (const row of unfinished) problems.push(`ingest: ${row.count} signals of ${row.stage} unit ${row.unitIndex} have no checkpoint`);

  const looseKeyframes = db.prepare(`
    SELECT k.unit_index AS unitIndex, COUNT(*) AS count FROM keyframes k
    WHERE NOT EXISTS (
      SELECT 1 FROM ingest_checkpoints c
      WHERE c.video_id = k.video_id AND c.stage = 'keyframes' AND c.config_hash = k.config_hash AND c.unit_index = k.unit_index)
    GROUP BY k.video_id, k.unit_index LIMIT 20`).all() as Array<{ unitIndex: number; count: number }>;
  for (const row of looseKeyframes) problems.push(`ingest: ${row.count} keyframes of unit ${row.unitIndex} have no checkpoint`);

  return { ok: problems.length === 0, problems };
}
