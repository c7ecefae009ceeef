/**
 * The content hash that keys every cache: SHA-256 of the whole file. Hashing a large video takes
 * a while, so the result is remembered by (path, size, mtime, inode) both in memory and on disk;
 * touching or replacing the file changes one of those and the hash is computed again.
 */

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { AbortedError, throwIfAborted } from './errors.js';

export interface ContentHashOptions {
  /** Folder for the remembered hashes; omit to remember in memory only. */
  cacheRoot?: string;
  signal?: AbortSignal;
}

const rememberedInMemory = new Map<string, string>();

function identityOf(filePath: string, stats: { size: number; mtimeMs: number; ino: number }): string {
  return `${path.resolve(filePath)}\u0000${stats.size}\u0000${stats.mtimeMs}\u0000${stats.ino}`;
}

function rememberedPath(cacheRoot: string, identity: string): string {
  const digest = createHash('sha256').update(identity).digest('hex');
  return path.join(cacheRoot, 'content-hashes', digest.slice(0, 2), `${digest}.txt`);
}

/** Hashes a file's bytes with SHA-256, cancellable between chunks. */
export async function hashFile(filePath: string, signal?: AbortSignal): Promise<string> {
  throwIfAborted(signal);
  const hash = createHash('sha256');
  const stream = createReadStream(filePath, { highWaterMark: 4 * 1024 * 1024, signal });
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw new AbortedError(undefined, { cause: error });
    throw error;
  }
  return hash.digest('hex');
}

/** The remembered hash of a file if its (path, size, mtime, inode) were hashed before; never reads the file. */
export async function rememberedContentHash(filePath: string, cacheRoot?: string): Promise<string | undefined> {
  const stats = await fs.stat(filePath);
  const identity = identityOf(filePath, stats);
  const inMemory = rememberedInMemory.get(identity);
  if (inMemory) return inMemory;
  if (!cacheRoot) return undefined;
  const text = await fs.readFile(rememberedPath(cacheRoot, identity), 'utf8').catch(() => undefined);
  const digest = text?.trim();
  if (digest && /^[0-9a-f]{64}$/.test(digest)) {
    rememberedInMemory.set(identity, digest);
    return digest;
  }
  return undefined;
}

/**
 * The SHA-256 of a file, remembered by (path, size, mtime, inode).
 * @example const hash = await contentHash('clip.mp4', { cacheRoot: defaultCacheDir() });
 */
export async function contentHash(filePath: string, options: ContentHashOptions = {}): Promise<string> {
  const remembered = await rememberedContentHash(filePath, options.cacheRoot);
  if (remembered) return remembered;
  const stats = await fs.stat(filePath);
  const identity = identityOf(filePath, stats);
  const onDisk = options.cacheRoot ? rememberedPath(options.cacheRoot, identity) : undefined;
  const digest = await hashFile(filePath, options.signal);
  rememberedInMemory.set(identity, digest);
  if (onDisk) await writeFileAtomic(onDisk, digest);
  return digest;
}

/** Forgets hashes remembered in this process (for tests and cold measurements). */
export function forgetRememberedHashes(): void {
  rememberedInMemory.clear();
}
