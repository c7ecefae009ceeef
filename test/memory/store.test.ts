/**
 * The store: a new store is created at the latest schema with WAL and foreign keys; an old store is
 * migrated in place keeping its data (and the full-text index covers rows written before FTS existed);
 * a newer schema, a file that is not SQLite, a folder given as a store and a read-only folder fail with
 * `StoreError`s that say what to do; library location and `findLibrary` follow the git-like rules; the
 * integrity check notices results without a checkpoint.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { findLibrary, isWritableFolder, libraryStoreLocation } from '../../src/memory/library.js';
import { searchText } from '../../src/memory/query/search-text.js';
import { checkStoreIntegrity } from '../../src/memory/store/integrity.js';
import { applyMigrations, latestSchemaVersion, migrations, schemaVersion } from '../../src/memory/store/migrations.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { StoreError } from '../../src/memory/store/store-error.js';

let folder: string;
before(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-store-'))));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

function insertVideoWithText(db: Database.Database, text: string): void {
  db.prepare("INSERT INTO videos(path, content_hash, duration, info_json, added_at) VALUES ('/v.mp4', 'h', 10, '{}', 'now')").run();
  db.prepare(`INSERT INTO signals(video_id, kind, start_time, end_time, text, producer, stage, config_hash, unit_index)
    VALUES (1, 'text', 1, 2, ?, 'ocr:test', 'analyzer:ocr', 'c', 0)`).run(text);
}

describe('schema and migrations', () => {
  test('a new store is at the latest version, in WAL mode, with foreign keys on', () => {
    const store = openStore({ file: path.join(folder, 'new', 'store.sqlite') });
    try {
      assert.equal(schemaVersion(store.db), latestSchemaVersion);
      assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
      assert.ok((store.db.pragma('busy_timeout', { simple: true }) as number) >= 1000);
      assert.deepEqual(checkStoreIntegrity(store), { ok: true, problems: [] });
    } finally {
      store.close();
    }
  });

  test('migrations are numbered 1, 2, 3… without gaps', () => {
    assert.deepEqual(migrations.map((migration) => migration.version), migrations.map((_, i) => i + 1));
  });

  test('a version-1 store is migrated in place, keeping its data and indexing old text', () => {
    const file = path.join(folder, 'old.sqlite');
    const raw = new Database(file);
    assert.deepEqual(applyMigrations(raw, 1), [1]);
    insertVideoWithText(raw, 'Loading dock seven');
    raw.close();

    const store = openStore({ file });
    try {
      assert.equal(schemaVersion(store.db), latestSchemaVersion);
      const hits = searchText(store, 'dock');
      assert.equal(hits.length, 1);
      assert.equal(hits[0]!.value, 'Loading dock seven');
      assert.deepEqual(hits[0]!.span, { start: 1, end: 2 });
      assert.ok(checkStoreIntegrity(store).ok);
    } finally {
      store.close();
    }
    // Opening again applies nothing.
    const again = new Database(file);
    assert.deepEqual(applyMigrations(again), []);
    again.close();
  });

  test('cascading deletes keep the full-text index in step', () => {
    const store = openStore({ file: path.join(folder, 'cascade.sqlite') });
    try {
      insertVideoWithText(store.db, 'forklift enters');
      assert.equal(searchText(store, 'forklift').length, 1);
      store.db.prepare('DELETE FROM videos').run();
      assert.equal(searchText(store, 'forklift').length, 0);
      assert.ok(checkStoreIntegrity(store).ok);
    } finally {
      store.close();
    }
  });
});

describe('bad input', () => {
  test('a store from a newer reelm is refused with what to do', () => {
    const file = path.join(folder, 'newer.sqlite');
    const raw = new Database(file);
    applyMigrations(raw);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    assert.throws(() => openStore({ file }), (error: unknown) => {
      assert.ok(StoreError.isInstance(error));
      assert.equal(error.reason, 'newer-schema');
      assert.equal(error.store, file);
      assert.match(error.message, /newer reelm.*Upgrade reelm/s);
      return true;
    });
  });

  test('a file that is not SQLite is refused, and left untouched', () => {
    const file = path.join(folder, 'notes.sqlite');
    const content = 'these are my notes, not a database\n'.repeat(200);
    fs.writeFileSync(file, content);
    assert.throws(() => openStore({ file }), (error: unknown) => StoreError.isInstance(error) && error.reason === 'not-a-store' && /Move the file away/.test(error.message));
    assert.equal(fs.readFileSync(file, 'utf8'), content);
  });

  test('a folder given as the store file is refused', () => {
    assert.throws(() => openStore({ file: folder }), (error: unknown) => StoreError.isInstance(error) && error.reason === 'not-a-store');
  });

  test('opening a missing store without create says to index first', () => {
    assert.throws(() => openStore({ file: path.join(folder, 'absent.sqlite'), create: false }),
      (error: unknown) => StoreError.isInstance(error) && error.reason === 'missing' && /reelm index/.test(error.message));
  });

  test('a store in a read-only folder cannot be created', (context) => {
    const readOnly = readOnlyFolder();
    if (!readOnly) return context.skip('no read-only folder available to this user');
    assert.throws(() => openStore({ file: path.join(readOnly, 'store.sqlite') }), (error: unknown) => {
      assert.ok(StoreError.isInstance(error));
      assert.equal(error.reason, 'read-only');
      assert.match(error.message, /not writable.*--library/s);
      return true;
    });
  });
});

/** A folder this process cannot write: a chmod-ed one, or for root (whom permission bits do not stop) /sys. */
function readOnlyFolder(): string | undefined {
  const locked = path.join(folder, 'locked');
  fs.mkdirSync(locked, { recursive: true });
  fs.chmodSync(locked, 0o555);
  if (!isWritableFolder(locked)) return locked;
  for (const candidate of ['/sys', '/proc']) if (fs.existsSync(candidate) && !isWritableFolder(candidate)) return candidate;
  return undefined;
}

describe('library location', () => {
  test('a writable library keeps its store in .reelm/, found from any folder below', () => {
    const library = path.join(folder, 'library');
    const nested = path.join(library, 'trips', '2025');
    fs.mkdirSync(nested, { recursive: true });
    const env = { REELM_DATA_DIR: path.join(folder, 'data') };
    assert.equal(findLibrary(nested, env), undefined);
    const store = openStore({ library, env });
    store.close();
    assert.equal(store.file, path.join(library, '.reelm', 'store.sqlite'));
    assert.equal(store.libraryRoot, library);
    const found = findLibrary(nested, env);
    assert.equal(found?.root, library);
    assert.equal(found?.inLibrary, true);
  });

  test('a read-only library keeps its store in the data folder, keyed by its path', (context) => {
    const readOnly = readOnlyFolder();
    if (!readOnly) return context.skip('no read-only folder available to this user');
    const env = { REELM_DATA_DIR: path.join(folder, 'data') };
    const location = libraryStoreLocation(readOnly, env);
    assert.equal(location.inLibrary, false);
    assert.ok(location.storeFile.startsWith(env.REELM_DATA_DIR));
    const store = openStore({ library: readOnly, env });
    const root = store.db.prepare("SELECT value FROM store_meta WHERE key = 'library_root'").get() as { value: string };
    store.close();
    assert.equal(root.value, path.resolve(readOnly));
    assert.equal(findLibrary(readOnly, env)?.storeFile, location.storeFile);
    // Another read-only folder maps to another store.
    assert.notEqual(libraryStoreLocation(path.join(readOnly, 'other'), env).storeFile, location.storeFile);
  });
});

describe('integrity check', () => {
  test('signals without a checkpoint are reported', () => {
    const store = openStore({ file: path.join(folder, 'integrity.sqlite') });
    try {
      insertVideoWithText(store.db, 'half written');
      store.db.prepare(`INSERT INTO ingest_stages(video_id, stage, content_hash, config_hash) VALUES (1, 'analyzer:ocr', 'h', 'c')`).run();
      const report = checkStoreIntegrity(store);
      assert.equal(report.ok, false);
      assert.match(report.problems.join('\n'), /analyzer:ocr unit 0 have no checkpoint/);
      store.db.prepare(`INSERT INTO ingest_checkpoints(video_id, content_hash, stage, config_hash, unit_index, finished_at)
        VALUES (1, 'h', 'analyzer:ocr', 'c', 0, 'now')`).run();
      assert.deepEqual(checkStoreIntegrity(store).problems, []);
    } finally {
      store.close();
    }
  });
});
