/**
 * Stage and unit bookkeeping. A stage of a video has one current config hash (`ingest_stages`); when
 * the hash differs, that stage's old results and checkpoints are removed before anything new is
 * written. Each unit's results are written in the same transaction as its checkpoint row and its log
 * row, so after a kill a unit is either wholly there and marked done, or wholly absent.
 */

import type { StoreDatabase } from '../store/open-store.js';

export interface StageKey {
  videoId: number;
  contentHash: string;
  stage: string;
  configHash: string;
}

/**
 * Makes `key.configHash` the stage's current config and returns the units already done under it.
 * When the config changed, `clearResults` removes the stage's old results in the same transaction.
 */
export function beginStage(db: StoreDatabase, key: StageKey, clearResults: () => void): Set<number> {
  return db.transaction(() => {
    const current = db.prepare('SELECT config_hash AS configHash FROM ingest_stages WHERE video_id = ? AND stage = ?')
      .get(key.videoId, key.stage) as { configHash: string } | undefined;
    if (current?.configHash !== key.configHash) {
      clearResults();
      db.prepare('DELETE FROM ingest_checkpoints WHERE video_id = ? AND stage = ?').run(key.videoId, key.stage);
      db.prepare(`INSERT INTO ingest_stages(video_id, stage, content_hash, config_hash, unit_count, done) VALUES (?, ?, ?, ?, NULL, 0)
        ON CONFLICT (video_id, stage) DO UPDATE SET content_hash = excluded.content_hash, config_hash = excluded.config_hash, unit_count = NULL, done = 0`)
        .run(key.videoId, key.stage, key.contentHash, key.configHash);
      return new Set<number>();
    }
    const rows = db.prepare('SELECT unit_index AS unitIndex FROM ingest_checkpoints WHERE video_id = ? AND stage = ? AND config_hash = ?')
      .all(key.videoId, key.stage, key.configHash) as Array<{ unitIndex: number }>;
    return new Set(rows.map((row) => row.unitIndex));
  }).immediate();
}

export function isStageDone(db: StoreDatabase, key: StageKey): boolean {
  const row = db.prepare('SELECT done FROM ingest_stages WHERE video_id = ? AND stage = ? AND config_hash = ?')
    .get(key.videoId, key.stage, key.configHash) as { done: number } | undefined;
  return row?.done === 1;
}

/** Runs `write` (the unit's inserts) and records the unit as done, all in one transaction. */
export function commitUnit(db: StoreDatabase, key: StageKey, unitIndex: number, startedAt: number, write: () => void): void {
  db.transaction(() => {
    write();
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO ingest_checkpoints(video_id, content_hash, stage, config_hash, unit_index, done, finished_at)
      VALUES (?, ?, ?, ?, ?, 1, ?)`).run(key.videoId, key.contentHash, key.stage, key.configHash, unitIndex, now);
    db.prepare(`INSERT INTO ingest_log(content_hash, stage, config_hash, unit_index, duration_ms, finished_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(key.contentHash, key.stage, key.configHash, unitIndex, performance.now() - startedAt, now);
  }).immediate();
}

/** Marks the stage complete with its unit count, once every unit is done. */
export function finishStage(db: StoreDatabase, key: StageKey, unitCount: number): void {
  db.prepare('UPDATE ingest_stages SET unit_count = ?, done = 1 WHERE video_id = ? AND stage = ? AND config_hash = ?')
    .run(unitCount, key.videoId, key.stage, key.configHash);
}
