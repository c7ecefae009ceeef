/**
 * The videos in a library, with what the store knows about each and how far its ingest got.
 */

import type { VideoInfo } from '../../media/video-info.js';
import type { Store } from '../store/open-store.js';

export interface LibraryVideo {
  id: number;
  path: string;
  contentHash: string;
  duration: number;
  info: VideoInfo;
  addedAt: string;
  segments: number;
  keyframes: number;
  signals: number;
  /** Stages whose every unit is done, and stages still in progress (a killed or running ingest). */
  stagesDone: string[];
  stagesPending: string[];
}

export function listVideos(store: Store): LibraryVideo[] {
  const rows = store.db.prepare(`
    SELECT v.id, v.path, v.content_hash AS contentHash, v.duration, v.info_json AS infoJson, v.added_at AS addedAt,
      (SELECT COUNT(*) FROM segments WHERE video_id = v.id) AS segments,
      (SELECT COUNT(*) FROM keyframes WHERE video_id = v.id) AS keyframes,
      (SELECT COUNT(*) FROM signals WHERE video_id = v.id) AS signals,
      (SELECT json_group_array(stage) FROM ingest_stages WHERE video_id = v.id AND done = 1) AS stagesDone,
      (SELECT json_group_array(stage) FROM ingest_stages WHERE video_id = v.id AND done = 0) AS stagesPending
    FROM videos v ORDER BY v.path`).all() as Array<{
      id: number; path: string; contentHash: string; duration: number; infoJson: string; addedAt: string;
      segments: number; keyframes: number; signals: number; stagesDone: string; stagesPending: string;
    }>;
  return rows.map((row) => ({
    id: row.id,
    path: row.path,
    contentHash: row.contentHash,
    duration: row.duration,
    info: JSON.parse(row.infoJson) as VideoInfo,
    addedAt: row.addedAt,
    segments: row.segments,
    keyframes: row.keyframes,
    signals: row.signals,
    stagesDone: JSON.parse(row.stagesDone) as string[],
    stagesPending: JSON.parse(row.stagesPending) as string[],
  }));
}
