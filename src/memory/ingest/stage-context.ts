/**
 * What every ingest stage of one video works with: the store, the probed video, the cache and abort
 * signal, a progress stage per step (named after the video, so several videos can show bars at once),
 * and the tallies the ingest returns.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { StageProgress, type ProgressReporter } from '../../core/progress.js';
import type { VideoInfo } from '../../media/video-info.js';
import type { StoreDatabase } from '../store/open-store.js';
import type { StageTimer } from './stage-timing.js';

/** Reported after each unit is committed (or found already done). */
export interface UnitEvent {
  video: string;
  stage: string;
  unitIndex: number;
  unitCount: number;
  /** False when the unit was already done and was skipped. */
  ran: boolean;
}

export interface StageSummary {
  stage: string;
  configHash: string;
  units: number;
  ran: number;
  skipped: number;
}

export interface StageContext {
  db: StoreDatabase;
  videoId: number;
  input: string;
  info: VideoInfo;
  cache: ArtifactCache | null;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  onUnit?: (event: UnitEvent) => void;
  /** Per-stage results, in the order stages ran. */
  stages: StageSummary[];
  /** Frames handed to frame analyzers. */
  framesAnalysed: number;
  /** Where the time goes, per stage (./stage-timing.ts); absent: not measured. */
  timer?: StageTimer;
}

/** Runs `work`, timed under `stage` when the context measures. */
export function timed<Result>(context: StageContext, stage: string, work: () => Promise<Result>): Promise<Result> {
  return context.timer ? context.timer.measure(stage, work) : work();
}

export function stageProgress(context: StageContext, stage: string, total: number): StageProgress {
  return new StageProgress(`${context.info.path}: ${stage}`, total, context.onProgress);
}

/** Records a unit's outcome in the stage summary and tells the listener. */
export function noteUnit(context: StageContext, summary: StageSummary, unitIndex: number, ran: boolean): void {
  if (ran) summary.ran++;
  else summary.skipped++;
  context.onUnit?.({ video: context.info.path, stage: summary.stage, unitIndex, unitCount: summary.units, ran });
}
