/**
 * The content hash that keys every cache: SHA-256 of the whole file. Hashing a large video takes
 * a while, so the result is remembered by (path, size, mtime, inode) both in memory and on disk;
 * touching or replacing the file changes one of those and the hash is computed again.
 */

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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

/**
 * The hashing loop run in a worker thread: SHA-256 runs synchronously, and on a large file (≈0.1 s per
 * 150 MB) it would block the event loop that feeds decoder processes. Plain CommonJS source, so the
 * worker starts the same way from the compiled package and under tsx in tests.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
try {
  const hash = createHash('sha256');
  const fd = fs.openSync(workerData.path, 'r');
  const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  parentPort.postMessage({ digest: hash.digest('hex') });
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message || error) });
}
`;

/** Files below this are hashed inline: starting a worker costs more than it saves. */
const workerThresholdBytes = 16 * 1024 * 1024;

function hashInWorker(filePath: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { path: filePath } });
    const onAbort = (): void => {
      void worker.terminate();
      reject(new AbortedError(undefined, { cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: { digest?: string; error?: string }) => {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (message.digest) resolve(message.digest);
      else reject(new Error(`hashing ${filePath} failed: ${message.error}`));
    });
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}

/** Hashes a file's bytes with SHA-256, cancellable; large files are hashed off the main thread. */
export async function hashFile(filePath: string, signal?: AbortSignal): Promise<string> {
  throwIfAborted(signal);
  if ((await fs.stat(filePath)).size >= workerThresholdBytes) return hashInWorker(filePath, signal);
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
