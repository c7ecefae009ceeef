/**
 * The videos in a library, with what the store knows about each and how far its ingest got. A video is
 * `indexed` only when every stage its last ingest planned (src/memory/ingest/ingest-plan.ts) is done;
 * otherwise it is `partial`, with the stages still missing — begun and unfinished, or never begun
 * because the ingest was killed between stages. A store written before plans were recorded has none;
 * there a video is `partial` when a stage is unfinished or none ever finished.
 */

import type { VideoInfo } from '../../media/video-info.js';
import type { Store } from '../store/open-store.js';

export type IngestStatus = 'indexed' | 'partial';

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
  /** Stages whose every unit is done, and stages begun but not finished (a killed or running ingest). */
  stagesDone: string[];
  stagesPending: string[];
  /** The stages the last ingest set out to run, in order; null for a store written before plans were recorded. */
  stagesPlanned: string[] | null;
  /** Planned stages not done (begun or not), in plan order; without a plan, the pending stages. */
  stagesMissing: string[];
  status: IngestStatus;
}

/** Whether a video's ingest is complete, and what is missing, from its stage rows and plan. */
export function ingestStatus(stagesDone: readonly string[], stagesPending: readonly string[], stagesPlanned: readonly string[] | null): { status: IngestStatus; stagesMissing: string[] } {
  if (stagesPlanned === null) {
    const complete = stagesPending.length === 0 && stagesDone.length > 0;
    return { status: complete ? 'indexed' : 'partial', stagesMissing: [...stagesPending] };
  }
  const done = new Set(stagesDone);
  const stagesMissing = stagesPlanned.filter((stage) => !done.has(stage));
  return { status: stagesMissing.length === 0 ? 'indexed' : 'partial', stagesMissing };
}

export function listVideos(store: Store): LibraryVideo[] {
  const rows = store.db.prepare(`
    SELECT v.id, v.path, v.content_hash AS contentHash, v.duration, v.info_json AS infoJson, v.added_at AS addedAt,
      (SELECT COUNT(*) FROM segments WHERE video_id = v.id) AS segments,
      (SELECT COUNT(*) FROM keyframes WHERE video_id = v.id) AS keyframes,
      (SELECT COUNT(*) FROM signals WHERE video_id = v.id) AS signals,
      (SELECT json_group_array(stage) FROM ingest_stages WHERE video_id = v.id AND done = 1) AS stagesDone,
      (SELECT json_group_array(stage) FROM ingest_stages WHERE video_id = v.id AND done = 0) AS stagesPending,
      (SELECT stages_json FROM ingest_plans WHERE video_id = v.id) AS stagesPlanned
    FROM videos v ORDER BY v.path`).all() as Array<{
      id: number; path: string; contentHash: string; duration: number; infoJson: string; addedAt: string;
      segments: number; keyframes: number; signals: number; stagesDone: string; stagesPending: string; stagesPlanned: string | null;
    }>;
  return rows.map((row) => {
    const stagesDone = JSON.parse(row.stagesDone) as string[];
    const stagesPending = JSON.parse(row.stagesPending) as string[];
    const stagesPlanned = row.stagesPlanned === null ? null : JSON.parse(row.stagesPlanned) as string[];
    return {
      id: row.id,
      path: row.path,
      contentHash: row.contentHash,
      duration: row.duration,
      info: JSON.parse(row.infoJson) as VideoInfo,
      addedAt: row.addedAt,
      segments: row.segments,
      keyframes: row.keyframes,
      signals: row.signals,
      stagesDone,
      stagesPending,
      stagesPlanned,
      ...ingestStatus(stagesDone, stagesPending, stagesPlanned),
    };
  });
}
