/**
 * Where reelm keeps its files on this machine. One place, so tests and the benchmark can point every
 * cache at a fresh folder with a single variable (`REELM_CACHE_DIR`).
 */

import os from 'node:os';
import path from 'node:path';

/** The cache root: `REELM_CACHE_DIR`, else `$XDG_CACHE_HOME/reelm`, else `~/.cache/reelm`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REELM_CACHE_DIR) return path.resolve(env.REELM_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'reelm');
}

/**
 * The data root for files a user keeps (stores of read-only libraries): `REELM_DATA_DIR`, else
 * `$XDG_DATA_HOME/reelm`, else `~/.local/share/reelm`. Unlike the cache, nothing here may be thrown away.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REELM_DATA_DIR) return path.resolve(env.REELM_DATA_DIR);
  const base = env.XDG_DATA_HOME ? env.XDG_DATA_HOME : path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'reelm');
}
