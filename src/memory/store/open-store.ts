/**
 * `openStore`: opens (creating when asked) a library's SQLite store with the settings every connection
 * needs — WAL so readers never block the ingest, foreign keys for the cascades, a busy timeout so two
 * processes wait for each other instead of failing — loads sqlite-vec, and migrates the schema.
 * Problems a user can fix (a stray non-SQLite file, a read-only folder, a store from a newer reelm)
 * become `StoreError`s that say what to do.
 */

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { isWritableFolder, libraryStoreLocation, type LibraryLocation } from '../library.js';
import { applyMigrations, latestSchemaVersion, schemaVersion } from './migrations.js';
import { StoreError } from './store-error.js';

export type StoreDatabase = Database.Database;

export interface Store {
  readonly db: StoreDatabase;
  /** The SQLite file. */
  readonly file: string;
  /** The library folder, when the store was opened for one. */
  readonly libraryRoot: string | undefined;
  readonly readonly: boolean;
  close(): void;
}

export interface OpenStoreOptions {
  /** The store file itself; overrides `library`. */
  file?: string;
  /** A library folder: its store is found or placed by `libraryStoreLocation`. */
  library?: string;
  /** Open for reading only (no migration, no writes). Default false. */
  readonly?: boolean;
  /** Create the store when it does not exist. Default true unless `readonly`. */
  create?: boolean;
  /** How long a connection waits for another process's write lock. Default 10 s. */
  busyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

function sqliteCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Turns SQLite's failures on open into errors that say what to do. */
function explainOpenFailure(file: string, error: unknown): never {
  const code = sqliteCode(error) ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    throw new StoreError(file, 'not-a-store',
      'is not a reelm store (not a SQLite database, or damaged). Move the file away, or pass another --library.', { cause: error });
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    throw new StoreError(file, 'read-only',
      'cannot be written (read-only file or folder). Fix its permissions, or pass --library to a writable folder.', { cause: error });
  }
  throw error;
}

function checkCanCreate(file: string): void {
  const folder = path.dirname(file);
  let cause: unknown;
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    cause = error;
  }
  if (cause !== undefined || !isWritableFolder(folder)) {
    throw new StoreError(file, 'read-only',
      `cannot create the store: the folder ${folder} is not writable. Pass --library (or REELM_DATA_DIR) pointing at a writable folder.`,
      { cause });
  }
}

function resolveLocation(options: OpenStoreOptions): { file: string; location: LibraryLocation | undefined } {
  if (options.file) return { file: path.resolve(options.file), location: undefined };
  if (options.library) {
    const location = libraryStoreLocation(options.library, options.env);
    return { file: location.storeFile, location };
  }
  throw new StoreError('(no store)', 'missing', 'no store given: pass a library folder or a store file.');
}

/**
 * Opens a store, migrating it to the schema this code writes.
 * @example
 * const store = openStore({ library: '~/videos' });
 * try { console.log(listVideos(store)); } finally { store.close(); }
 */
export function openStore(options: OpenStoreOptions): Store {
  const { file, location } = resolveLocation(options);
  const readonly = options.readonly ?? false;
  const create = options.create ?? !readonly;
  const exists = fs.existsSync(file);
  if (!exists && !create) {
    throw new StoreError(file, 'missing', 'no store here yet. Index a video first (reelm index <path>), or pass the right --library.');
  }
  if (exists && fs.statSync(file).isDirectory()) {
    throw new StoreError(file, 'not-a-store', 'is a folder, not a store file. Pass the library folder with --library instead.');
  }
  if (!exists) checkCanCreate(file);

  let db: StoreDatabase;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (error) {
    explainOpenFailure(file, error);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 10_000))}`);
    // The first read of the header: a stray file fails here with SQLITE_NOTADB.
    const version = schemaVersion(db);
    if (version > latestSchemaVersion) {
      throw new StoreError(file, 'newer-schema',
        `was written by a newer reelm (schema version ${version}; this reelm knows up to ${latestSchemaVersion}). `
          + 'Upgrade reelm, or index into another --library.');
    }
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a committed unit survives a killed process; only a power cut may lose the last commits.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    sqliteVec.load(db);
    if (!readonly) {
      applyMigrations(db);
      if (location) {
        db.prepare('INSERT OR REPLACE INTO store_meta(key, value) VALUES (?, ?)').run('library_root', location.root);
      }
    } else if (version < latestSchemaVersion) {
      throw new StoreError(file, 'read-only',
        `uses schema version ${version}, older than this reelm's ${latestSchemaVersion}, and is opened read-only. Open it once for writing to upgrade it.`);
    }
  } catch (error) {
    db.close();
    if (StoreError.isInstance(error)) throw error;
    explainOpenFailure(file, error);
  }
  return {
    db,
    file,
    libraryRoot: location?.root,
    readonly,
    close: () => db.close(),
  };
}
