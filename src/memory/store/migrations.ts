/**
 * The store's schema, as a numbered list of migrations versioned in code. `PRAGMA user_version` records
 * the last one applied; opening a store applies the rest, each in its own transaction, so a store is
 * always at one whole version. Migrations are only ever appended: a released one is never edited.
 *
 * Times are seconds on the presentation timeline (REAL). Everything derived from a video hangs off its
 * `videos` row with ON DELETE CASCADE, so replacing a changed file removes its old results in one delete.
 */

import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

const coreTables = `
CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE videos (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  duration REAL NOT NULL,
  info_json TEXT NOT NULL,
  added_at TEXT NOT NULL
) STRICT;
CREATE INDEX videos_by_hash ON videos(content_hash);

CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  segment_index INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('scene', 'chunk')),
  start_time REAL NOT NULL,
  end_time REAL NOT NULL CHECK (end_time >= start_time),
  config_hash TEXT NOT NULL,
  UNIQUE (video_id, segment_index)
) STRICT;

CREATE TABLE keyframes (
  id INTEGER PRIMARY KEY,
  video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  time REAL NOT NULL,
  represents_start REAL NOT NULL,
  represents_end REAL NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  thumbnail BLOB NOT NULL,
  perceptual_hash TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  unit_index INTEGER NOT NULL,
  UNIQUE (video_id, time)
) STRICT;

CREATE TABLE signals (
  id INTEGER PRIMARY KEY,
  video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  start_time REAL NOT NULL,
  end_time REAL NOT NULL CHECK (end_time >= start_time),
  text TEXT,
  number REAL,
  confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  confidence_source TEXT,
  box_x REAL,
  box_y REAL,
  box_width REAL,
  box_height REAL,
  producer TEXT NOT NULL,
  stage TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  unit_index INTEGER NOT NULL,
  CHECK ((text IS NULL) <> (number IS NULL))
) STRICT;
CREATE INDEX signals_by_time ON signals(video_id, kind, start_time);
CREATE INDEX signals_by_label ON signals(kind, text, video_id, start_time);
CREATE INDEX signals_by_unit ON signals(video_id, stage, unit_index);

-- The current configuration of each stage of each video; a different config hash means its results are stale.
CREATE TABLE ingest_stages (
  video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  unit_count INTEGER,
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  PRIMARY KEY (video_id, stage)
) STRICT;

-- One row per finished unit, written in the same transaction as the unit's results.
CREATE TABLE ingest_checkpoints (
  video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  stage TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  unit_index INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 1 CHECK (done = 1),
  finished_at TEXT NOT NULL,
  PRIMARY KEY (video_id, stage, config_hash, unit_index)
) STRICT;

-- Append-only history of unit commits (kept when results are replaced), for diagnostics and for
-- proving that no finished unit is ever done twice.
CREATE TABLE ingest_log (
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL,
  stage TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  unit_index INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  finished_at TEXT NOT NULL
) STRICT;
`;

// External-content FTS5 over signals.text: the text is stored once, in `signals`; triggers keep the index in
// step. The content is a view of the text rows only, so numeric signals (motion, loudness) cost the index nothing
// and FTS5's own integrity check compares the index with exactly the rows it should hold.
const fullTextSearch = `
CREATE VIEW signal_texts AS SELECT id, text FROM signals WHERE text IS NOT NULL;
CREATE VIRTUAL TABLE signals_fts USING fts5(
  text,
  content = 'signal_texts',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER signals_fts_after_insert AFTER INSERT ON signals WHEN new.text IS NOT NULL BEGIN
  INSERT INTO signals_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER signals_fts_after_delete AFTER DELETE ON signals WHEN old.text IS NOT NULL BEGIN
  INSERT INTO signals_fts(signals_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER signals_fts_after_update AFTER UPDATE OF text ON signals BEGIN
  INSERT INTO signals_fts(signals_fts, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
  INSERT INTO signals_fts(rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
END;
INSERT INTO signals_fts(signals_fts) VALUES ('rebuild');
`;

// Vector tables (sqlite-vec vec0) are created per embedder when one is configured; this table lists them.
const embeddingSpaces = `
CREATE TABLE embedding_spaces (
  id INTEGER PRIMARY KEY,
  embedder TEXT NOT NULL UNIQUE,
  dimensions INTEGER NOT NULL CHECK (dimensions > 0),
  table_name TEXT NOT NULL UNIQUE
) STRICT;
`;

// What the last ingest of each video set out to run (its stage names, in order): a video counts as indexed
// only when every planned stage is done, so one killed between two stages is not mistaken for a finished
// one. And where each caption came from: the model that wrote it and whether it was imported from the
// chunk captions the tasks left in the artifact cache; a caption's row goes with its signal.
const ingestPlansAndCaptionSources = `
CREATE TABLE ingest_plans (
  video_id INTEGER PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
  stages_json TEXT NOT NULL,
  planned_at TEXT NOT NULL
) STRICT;

CREATE TABLE caption_sources (
  signal_id INTEGER PRIMARY KEY REFERENCES signals(id) ON DELETE CASCADE,
  model_json TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('model', 'chunk-captions cache')),
  written_at TEXT NOT NULL
) STRICT;
`;

export const migrations: readonly Migration[] = Object.freeze([
  { version: 1, description: 'videos, segments, keyframes, signals, ingest checkpoints', sql: coreTables },
  { version: 2, description: 'full-text search over text signals (FTS5, kept in sync by triggers)', sql: fullTextSearch },
  { version: 3, description: 'embedding spaces (sqlite-vec tables per embedder)', sql: embeddingSpaces },
  { version: 4, description: 'ingest plans (stages each ingest set out to run) and caption sources', sql: ingestPlansAndCaptionSources },
]);

/** The schema version this code writes. */
export const latestSchemaVersion = migrations.at(-1)!.version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the store's version, each in one transaction with its version bump.
 * `upTo` stops early (tests build old stores with it). Returns the versions applied.
 */
export function applyMigrations(db: Database, upTo = latestSchemaVersion): number[] {
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version > upTo) break;
    db.transaction(() => {
      // Read inside the transaction: another process may have migrated meanwhile.
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}
