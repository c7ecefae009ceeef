/**
 * What an ingest sets out to do, recorded before its first stage: the names of the stages it will run,
 * in order. Stages record themselves only when they begin (`ingest_stages`), so a video killed between
 * two stages would otherwise look finished; with the plan, the library can say which stages are still
 * missing (src/memory/query/videos.ts). The names here follow each stage's own: `segments`,
 * `keyframes`, `analyzer:<id>`, `embeddings:<embedder id>`, `captions`.
 */

import type { Analyzer } from '../../perception/analyzer.js';
import type { StoreDatabase } from '../store/open-store.js';
import { captionStageName } from './stages/caption-stage.js';
import { embeddingStageName } from './stages/embedding-stage.js';
import { keyframeStageName } from './stages/keyframe-stage.js';
import { segmentStageName } from './stages/segment-stage.js';

export interface IngestPlanInput {
  /** False for an audio-only file: no keyframes, frame analyzers, embeddings or captions. */
  hasVideo: boolean;
  frameAnalyzerIds: readonly string[];
  spanAnalyzerIds: readonly string[];
  embedderId?: string;
  captions: boolean;
}

/** The stage names an ingest with these settings runs, in the order it runs them. */
export function plannedStageNames(input: IngestPlanInput): string[] {
  const analyzerStage = (id: string) => `analyzer:${id}`;
  const visual = input.hasVideo
    ? [
      keyframeStageName,
      ...input.frameAnalyzerIds.map(analyzerStage),
      ...(input.embedderId !== undefined ? [`${embeddingStageName}:${input.embedderId}`] : []),
      ...(input.captions ? [captionStageName] : []),
    ]
    : [];
  return [segmentStageName, ...visual, ...input.spanAnalyzerIds.map(analyzerStage)];
}

/** Records the plan of the ingest about to run on a video, replacing the previous one. */
export function recordIngestPlan(db: StoreDatabase, videoId: number, stages: readonly string[]): void {
  db.prepare(`INSERT INTO ingest_plans(video_id, stages_json, planned_at) VALUES (?, ?, ?)
    ON CONFLICT (video_id) DO UPDATE SET stages_json = excluded.stages_json, planned_at = excluded.planned_at`)
    .run(videoId, JSON.stringify(stages), new Date().toISOString());
}

/** The same from the ingest's resolved settings: records and returns the plan. */
export function planIngest(
  db: StoreDatabase,
  videoId: number,
  settings: { hasVideo: boolean; analyzers: ReadonlyArray<Pick<Analyzer, 'id' | 'input'>>; embedderId?: string | undefined; captions: boolean },
): string[] {
  const stages = plannedStageNames({
    hasVideo: settings.hasVideo,
    frameAnalyzerIds: settings.analyzers.filter((analyzer) => analyzer.input === 'frames').map((analyzer) => analyzer.id),
    spanAnalyzerIds: settings.analyzers.filter((analyzer) => analyzer.input === 'span').map((analyzer) => analyzer.id),
    ...(settings.embedderId !== undefined ? { embedderId: settings.embedderId } : {}),
    captions: settings.captions,
  });
  recordIngestPlan(db, videoId, stages);
  return stages;
}
