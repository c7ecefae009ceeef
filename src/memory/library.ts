/**
 * Where a library's store lives. A library is a folder of videos; its store is `.reelm/store.sqlite`
 * inside it when the folder is writable (so the index travels with the videos), otherwise under the
 * user's data folder in a subfolder keyed by the library's absolute path. `findLibrary` looks from a
 * folder upwards, as git finds its repository, so commands work from anywhere inside a library.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../core/paths.js';

export const storeFolderName = '.reelm';
export const storeFileName = 'store.sqlite';

export interface LibraryLocation {
  /** The library folder (absolute). */
  root: string;
  /** The folder holding the store file. */
  storeDir: string;
  /** The SQLite file. */
  storeFile: string;
  /** True when the store sits in the library (`.reelm/`), false when it is under the data folder. */
  inLibrary: boolean;
}

/** Whether a folder accepts new entries: tried for real, because permission bits say nothing for root or read-only mounts. */
export function isWritableFolder(folder: string): boolean {
  try {
    const probe = fs.mkdtempSync(path.join(folder, '.reelm-probe-'));
    fs.rmdirSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** The data-folder location used for a library that cannot hold its own store. */
export function dataDirStoreLocation(root: string, env: NodeJS.ProcessEnv = process.env): LibraryLocation {
  const absolute = path.resolve(root);
  const key = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  // The folder name keeps a readable hint of the library; the hash makes it unique.
  const hint = path.basename(absolute).replace(/[^\w.-]+/g, '_').slice(0, 40) || 'root';
  const storeDir = path.join(defaultDataDir(env), 'libraries', `${hint}-${key}`);
  return { root: absolute, storeDir, storeFile: path.join(storeDir, storeFileName), inLibrary: false };
}

/** The in-library location (`<root>/.reelm/store.sqlite`). */
export function inLibraryStoreLocation(root: string): LibraryLocation {
  const absolute = path.resolve(root);
  const storeDir = path.join(absolute, storeFolderName);
  return { root: absolute, storeDir, storeFile: path.join(storeDir, storeFileName), inLibrary: true };
}

/**
 * Where the store of the library at `root` is, or would be created: an existing store wins (in the
 * library first, then the data folder); otherwise `.reelm/` when the folder is writable, else the data folder.
 */
export function libraryStoreLocation(root: string, env: NodeJS.ProcessEnv = process.env): LibraryLocation {
  const inside = inLibraryStoreLocation(root);
  if (fs.existsSync(inside.storeFile)) return inside;
  const elsewhere = dataDirStoreLocation(root, env);
  if (fs.existsSync(elsewhere.storeFile)) return elsewhere;
  return isWritableFolder(inside.root) ? inside : elsewhere;
}

/**
 * The library containing `cwd`: the nearest folder at or above it that has a store (its own `.reelm/`,
 * or one kept for it in the data folder). Undefined when there is none.
 * @example const library = findLibrary(process.cwd()); if (library) openStore({ file: library.storeFile });
 */
export function findLibrary(cwd: string, env: NodeJS.ProcessEnv = process.env): LibraryLocation | undefined {
  let folder = path.resolve(cwd);
  for (;;) {
    const inside = inLibraryStoreLocation(folder);
    if (fs.existsSync(inside.storeFile)) return inside;
    const elsewhere = dataDirStoreLocation(folder, env);
    if (fs.existsSync(elsewhere.storeFile)) return elsewhere;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
