/**
 * A small artifact cache on disk, keyed by a video's content hash and a caller's key: probe results,
 * frame indexes, decoded frames, and later the chunk captions that tasks write and the video store reads.
 *
 * Layout: `<root>/artifacts/<hash[0..2]>/<hash>/<namespace>/<sha256(key)>.<ext>` so that everything
 * about one video can be listed or removed together, and keys of any length or character are safe.
 * Entries are immutable once written (content-addressed input + a key that names every setting that
 * changes the output), so there is no invalidation, only removal.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.js';

export interface ArtifactCacheOptions {
  /** Root folder; see `defaultCacheDir`. */
  root: string;
  /** When false, reads miss and writes are dropped (for cold measurements and `--no-cache`). */
  enabled?: boolean;
}

export class ArtifactCache {
  readonly root: string;
  readonly enabled: boolean;

  constructor(options: ArtifactCacheOptions) {
    this.root = options.root;
    this.enabled = options.enabled ?? true;
  }

  /** The folder holding everything cached for one video. */
  videoDir(contentHash: string): string {
    return path.join(this.root, 'artifacts', contentHash.slice(0, 2), contentHash);
  }

  private entryPath(contentHash: string, namespace: string, key: string, extension: string): string {
    const digest = createHash('sha256').update(key).digest('hex').slice(0, 40);
    return path.join(this.videoDir(contentHash), namespace, `${digest}.${extension}`);
  }

  async getBytes(contentHash: string, namespace: string, key: string, extension = 'bin'): Promise<Buffer | undefined> {
    if (!this.enabled) return undefined;
    try {
      return await fs.readFile(this.entryPath(contentHash, namespace, key, extension));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async putBytes(contentHash: string, namespace: string, key: string, data: Uint8Array, extension = 'bin'): Promise<void> {
    if (!this.enabled) return;
    await writeFileAtomic(this.entryPath(contentHash, namespace, key, extension), data);
  }

  async getJson<T>(contentHash: string, namespace: string, key: string): Promise<T | undefined> {
    const bytes = await this.getBytes(contentHash, namespace, key, 'json');
    if (bytes === undefined) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch {
      // A damaged entry is a miss; the caller recomputes and overwrites it.
      return undefined;
    }
  }

  async putJson(contentHash: string, namespace: string, key: string, value: unknown): Promise<void> {
    await this.putBytes(contentHash, namespace, key, Buffer.from(JSON.stringify(value)), 'json');
  }

  /** Removes everything cached for one video. */
  async removeVideo(contentHash: string): Promise<void> {
    await fs.rm(this.videoDir(contentHash), { recursive: true, force: true });
  }
}
