/**
 * How the store commands (index, search, timeline, library) find their library: `--library <dir>` when
 * given, otherwise the nearest library at or above a starting folder, as git finds its repository. A
 * reading command with no library to read fails with a message that says how to make one.
 */

import path from 'node:path';
import { NotFoundError } from '../core/errors.js';
import { findLibrary, libraryStoreLocation, type LibraryLocation } from '../memory/library.js';
import { openStore, type Store } from '../memory/store/open-store.js';

/** The library the reading commands use, or a NotFoundError saying how to create one. */
export function locateLibrary(libraryFlag: unknown, startFolders: readonly string[], env: NodeJS.ProcessEnv = process.env): LibraryLocation {
  if (typeof libraryFlag === 'string' && libraryFlag.length > 0) return libraryStoreLocation(path.resolve(libraryFlag), env);
  for (const folder of startFolders) {
    const found = findLibrary(folder, env);
    if (found) return found;
  }
  throw new NotFoundError('library',
    `no reelm library at or above ${path.resolve(startFolders[0] ?? '.')}. Index videos first (reelm index <video or folder>), or pass --library <dir>.`);
}

export interface OpenedLibrary {
  location: LibraryLocation;
  store: Store;
}

/** Opens the located library's store for reading; a library whose store was never created is an error saying how to create it. */
export function openLibraryForReading(libraryFlag: unknown, startFolders: readonly string[], env: NodeJS.ProcessEnv = process.env): OpenedLibrary {
  const location = locateLibrary(libraryFlag, startFolders, env);
  return { location, store: openStore({ file: location.storeFile, readonly: true, create: false, env }) };
}
