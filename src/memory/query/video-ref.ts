/**
 * Finding a stored video from what a user or a caller has: its row id, its path as indexed, or a path
 * relative to the current folder. Unknown videos are a `NotFoundError` that says how to index them.
 */

import path from 'node:path';
import { NotFoundError } from '../../core/errors.js';
import type { Store } from '../store/open-store.js';
import type { VideoRef } from './hits.js';

/** A video by id or path. */
export type VideoSelector = number | string;

export function findVideo(store: Store, video: VideoSelector): VideoRef | undefined {
  if (typeof video === 'number') {
    return store.db.prepare('SELECT id, path FROM videos WHERE id = ?').get(video) as VideoRef | undefined;
  }
  const byPath = store.db.prepare('SELECT id, path FROM videos WHERE path = ?');
  return (byPath.get(video) ?? byPath.get(path.resolve(video))) as VideoRef | undefined;
}

export function resolveVideo(store: Store, video: VideoSelector): VideoRef {
  const found = findVideo(store, video);
  if (!found) {
    throw new NotFoundError(`video ${video}`,
      `${video}: this video is not in the library at ${store.file}. Index it first (reelm index ${typeof video === 'string' ? video : '<path>'}).`);
  }
  return found;
}
