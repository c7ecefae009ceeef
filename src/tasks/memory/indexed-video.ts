/**
 * Whether a task's video is in a library store, and the store opened for reading if it is. The library
 * is the one the context names (`TaskContext.library`: a library folder or a store file), else the
 * nearest library at or above the video's folder, as `reelm index` placed it. A store entry whose
 * content hash differs from the file's is out of date: it is not used, and the caller is told why, so
 * an answer never rests on signals of another version of the file.
 */

import fs from 'node:fs';
import path from 'node:path';
import { findLibrary, libraryStoreLocation } from '../../memory/library.js';
import type { VideoRef } from '../../memory/query/hits.js';
import { findVideo } from '../../memory/query/video-ref.js';
import { ingestStatus } from '../../memory/query/videos.js';
import { openStore, type Store } from '../../memory/store/open-store.js';

export interface IndexedVideo {
  store: Store;
  video: VideoRef;
  /**
   * Stages of the video's ingest not yet finished: begun and unfinished, or planned and never begun (an
   * ingest killed between stages); empty when complete.
   */
  stagesPending: string[];
  /** Stages finished (`analyzer:objects`, `analyzer:ocr`, …): which signals the store can vouch for. */
  stagesDone: string[];
  /** Signals stored for the video, by kind. */
  signalCounts: Readonly<Record<string, number>>;
}

export interface IndexedVideoLookup {
  indexed: IndexedVideo | undefined;
  /** Why an existing store was not used (out of date), for the result's warnings. */
  warnings: string[];
}

/** The store file a library option names: a store file as it is, a folder through `libraryStoreLocation`. */
function storeFileOf(library: string, env: NodeJS.ProcessEnv): string {
  const resolved = path.resolve(library);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isFile()) return resolved;
  return libraryStoreLocation(resolved, env).storeFile;
}

/**
 * Finds `videoPath` in its library. The caller closes `indexed.store`.
 * @example
 * const { indexed } = findIndexedVideo('lib/talk.mp4', info.contentHash);
 * try { … } finally { indexed?.store.close(); }
 */
export function findIndexedVideo(videoPath: string, contentHash: string, options: { library?: string; env?: NodeJS.ProcessEnv } = {}): IndexedVideoLookup {
  const env = options.env ?? process.env;
  const storeFile = options.library ? storeFileOf(options.library, env) : findLibrary(path.dirname(path.resolve(videoPath)), env)?.storeFile;
  if (!storeFile || !fs.existsSync(storeFile)) return { indexed: undefined, warnings: [] };
  const store = openStore({ file: storeFile, readonly: true, create: false, env });
  try {
    const video = findVideo(store, path.resolve(videoPath)) ?? findVideo(store, fs.realpathSync(videoPath));
    if (!video) {
      store.close();
      return { indexed: undefined, warnings: [] };
    }
    const row = store.db.prepare('SELECT content_hash AS contentHash FROM videos WHERE id = ?').get(video.id) as { contentHash: string };
    if (row.contentHash !== contentHash) {
      store.close();
      return { indexed: undefined, warnings: [`the library at ${storeFile} holds an older version of ${videoPath} (the file changed since it was indexed); run reelm index ${videoPath} to use the store again.`] };
    }
    const stages = store.db.prepare('SELECT stage, done FROM ingest_stages WHERE video_id = ?').all(video.id) as Array<{ stage: string; done: number }>;
    const stagesDone = stages.filter((entry) => entry.done === 1).map((entry) => entry.stage);
    const begunPending = stages.filter((entry) => entry.done === 0).map((entry) => entry.stage);
    const plan = store.db.prepare('SELECT stages_json AS stagesJson FROM ingest_plans WHERE video_id = ?').get(video.id) as { stagesJson: string } | undefined;
    const stagesPending = ingestStatus(stagesDone, begunPending, plan ? (JSON.parse(plan.stagesJson) as string[]) : null).stagesMissing;
    const counts = store.db.prepare('SELECT kind, COUNT(*) AS n FROM signals WHERE video_id = ? GROUP BY kind').all(video.id) as Array<{ kind: string; n: number }>;
    return { indexed: { store, video, stagesPending, stagesDone, signalCounts: Object.freeze(Object.fromEntries(counts.map((entry) => [entry.kind, entry.n]))) }, warnings: [] };
  } catch (error) {
    store.close();
    throw error;
  }
}
