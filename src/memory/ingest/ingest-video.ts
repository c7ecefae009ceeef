/**
 * `ingestVideo(store, path, options)`: indexes one video into a store through the stages probe →
 * segments → keyframes → analyzers → embeddings → captions (the last two when configured). Every stage
 * is split into units committed with their checkpoints, so a killed ingest resumes at the next
 * unfinished unit, a changed setting re-runs only the stages it affects, and indexing an unchanged file
 * again does no work beyond the (cached) probe.
 */

import os from 'node:os';
import path from 'node:path';
import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import type { ProgressReporter } from '../../core/progress.js';
import { defaultArtifactCache, probe } from '../../media/probe.js';
import type { Embedder } from '../../models/embedder.js';
import type { LanguageModel } from '../../models/language-model.js';
import type { Analyzer, FrameAnalyzer, SpanAnalyzer } from '../../perception/analyzer.js';
import type { Store } from '../store/open-store.js';
import type { VideoRef } from '../query/hits.js';
import { defaultAnalyzerRegistry, selectAnalyzers, type AnalyzerRegistry } from './analyzer-registry.js';
import { runFrameAnalyzerStages, runSpanAnalyzerStages } from './stages/analyzer-stage.js';
import { runEmbeddingStage } from './stages/embedding-stage.js';
import { runCaptionStage } from './stages/caption-stage.js';
import { planIngest } from './ingest-plan.js';
import { KeyframeFeed } from './stages/keyframe-feed.js';
import { keyframeStageHash, runKeyframeStage, type KeyframeOptions } from './stages/keyframe-stage.js';
import { defaultKeyframeThinning } from './stages/thin-keyframes.js';
import { runSegmentStage, type SegmentationOptions } from './stages/segment-stage.js';
import { timed, type StageContext, type StageSummary, type UnitEvent } from './stage-context.js';
import { StageTimer, type StageTiming } from './stage-timing.js';
import { runLanes } from './run-lanes.js';
import { upsertVideo } from './video-record.js';

export interface IngestOptions {
  /** Default: shots by scene score 0.3. */
  segmentation?: SegmentationOptions;
  /** Default: the `dedup` sampler at 1 fps thinned per segment (`defaultKeyframeThinning`), 16 frames a unit, 320-px thumbnails. */
  keyframes?: KeyframeOptions;
  /**
   * Analyzers: ready instances (kept open for the caller to close), ids from `registry`, or by default the
   * registry's default analyzers. `[]` runs none.
   */
  analyzers?: ReadonlyArray<Analyzer | string>;
  registry?: AnalyzerRegistry;
  /** Span analyzers' unit length in seconds. Default 60. */
  spanUnitSeconds?: number;
  /**
   * Run the span analyzers (ffmpeg processes) beside the keyframes and frame analyzers (this process),
   * so two cores are busy at once. Default: when the machine has more than one core.
   */
  parallel?: boolean;
  /** Image embeddings per keyframe, when given. */
  embedder?: Embedder;
  /** A caption per segment through this model (stage `captions`), importing the chunk captions the tasks cached for it. */
  captionModel?: LanguageModel;
  /** Probe, frame, scene and OCR caches; default the user cache, `null` for none. */
  cache?: ArtifactCache | null;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  /** Called after each unit is committed or found done (for logs, tests and `--json` output). */
  onUnit?: (event: UnitEvent) => void;
}

export interface IngestVideoResult {
  video: VideoRef;
  contentHash: string;
  /** True when the file at this path had other content before and its old results were removed. */
  replaced: boolean;
  stages: StageSummary[];
  unitsRun: number;
  unitsSkipped: number;
  framesAnalysed: number;
  durationMs: number;
  /** Wall and CPU seconds (this process and its ffmpeg children) per stage, in the order they finished (./stage-timing.ts). */
  stagesTiming: StageTiming[];
}

export const defaultKeyframeOptions: KeyframeOptions = Object.freeze({
  sampler: 'dedup',
  samplerOptions: { fps: 1 },
  thumbnailSize: 320,
  unitSize: 16,
  thinning: defaultKeyframeThinning,
});

/** Creates the analyzers named by id (the caller closes them); instances pass through. */
export async function resolveAnalyzers(
  selection: ReadonlyArray<Analyzer | string> | undefined,
  registry: AnalyzerRegistry,
  context: { cache: ArtifactCache | null; signal?: AbortSignal },
): Promise<{ analyzers: Analyzer[]; created: Analyzer[] }> {
  const ids = selection?.filter((item): item is string => typeof item === 'string');
  const entries = selection === undefined ? selectAnalyzers(registry) : selectAnalyzers(registry, ids);
  const created: Analyzer[] = [];
  try {
    for (const entry of entries) created.push(await entry.create(context));
  } catch (error) {
    await Promise.allSettled(created.map((analyzer) => analyzer.close?.()));
    throw error;
  }
  const instances = selection?.filter((item): item is Analyzer => typeof item !== 'string') ?? [];
  return { analyzers: [...instances, ...created], created };
}

/**
 * @example
 * const store = openStore({ library: 'videos/' });
 * const result = await ingestVideo(store, 'videos/talk.mp4', { onProgress: console.log });
 * console.log(result.unitsRun, 'units run,', result.unitsSkipped, 'already done');
 */
export async function ingestVideo(store: Store, input: string, options: IngestOptions = {}): Promise<IngestVideoResult> {
  const startedAt = performance.now();
  const cache = options.cache === undefined ? defaultArtifactCache() : options.cache;
  const absolute = path.resolve(input);
  throwIfAborted(options.signal);
  const info = await probe(absolute, { signal: options.signal, cache });
  const { videoId, replaced } = upsertVideo(store.db, info);
  // The lanes below share one signal, so a failure in one cancels the other (./run-lanes.ts).
  const lanesController = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, lanesController.signal]) : lanesController.signal;
  const context: StageContext = {
    db: store.db,
    videoId,
    input: absolute,
    info,
    cache,
    signal,
    onProgress: options.onProgress,
    onUnit: options.onUnit,
    stages: [],
    framesAnalysed: 0,
    timer: new StageTimer([]),
  };
  const { analyzers, created } = await resolveAnalyzers(options.analyzers, options.registry ?? defaultAnalyzerRegistry, { cache, signal: options.signal });
  const frameAnalyzers = analyzers.filter((analyzer): analyzer is FrameAnalyzer => analyzer.input === 'frames');
  const spanAnalyzers = analyzers.filter((analyzer): analyzer is SpanAnalyzer => analyzer.input === 'span');
  try {
    planIngest(store.db, videoId, { hasVideo: Boolean(info.video), analyzers, embedderId: options.embedder?.id, captions: Boolean(options.captionModel) });
    const parallel = options.parallel ?? os.availableParallelism() > 1;
    const cancel = (reason: unknown): void => lanesController.abort(reason);
    const segments = timed(context, 'segments', () => runSegmentStage(context, options.segmentation ?? { method: 'scenes', threshold: 0.3 }));
    // Awaited below; marked handled now so a failure while the keyframes are still being sampled is not an unhandled rejection.
    segments.catch(() => undefined);
    const frameLane = async (): Promise<void> => {
      if (!info.video) return segments;
      try {
        // Keyframes decoded at the analyzers' size are decoded once for both stages (`analysisSize`).
        const analysisSize = Math.max(0, ...frameAnalyzers.map((analyzer) => analyzer.frameMaxSide));
        const keyframeOptions = options.keyframes ?? { ...defaultKeyframeOptions, analysisSize };
        // The keyframes are sampled while the segments are found; only their thinning waits for the
        // segments. Each keyframe unit is analysed as soon as it is stored, while the next is decoded.
        const keyframesHash = keyframeStageHash(keyframeOptions);
        // One lane: strictly one stage after another (each stage's timing is then its own).
        if (!parallel) await segments;
        const feed = new KeyframeFeed();
        await runLanes([
          () => runKeyframeStage(context, keyframeOptions, segments, feed).then(() => undefined),
          () => runFrameAnalyzerStages(context, frameAnalyzers, keyframesHash, feed),
        ], { parallel, cancel });
        if (options.embedder) await runEmbeddingStage(context, options.embedder, keyframesHash);
        if (options.captionModel) {
          // Captions are made per segment: they need the segments stage finished, not only started.
          await segments;
          await runCaptionStage(context, options.captionModel);
        }
      } finally {
        // A failure before the thinning leaves the segments running: the lanes' cancel stops them, and
        // the ingest ends only after they have.
        await segments.catch(() => undefined);
      }
    };
    const spanLane = (): Promise<void> => runSpanAnalyzerStages(context, spanAnalyzers, options.spanUnitSeconds ?? 60, { parallel, cancel });
    await runLanes([frameLane, spanLane], { parallel, cancel });
  } finally {
    await Promise.allSettled(created.map((analyzer) => analyzer.close?.()));
  }
  // Stages that ran side by side are reported in the order a one-lane ingest runs them.
  const spanStages = new Set(spanAnalyzers.map((analyzer) => `analyzer:${analyzer.id}`));
  const laneRank = (stage: string): number => (stage === 'segments' ? 0 : spanStages.has(stage) ? 2 : 1);
  context.stages.sort((a, b) => laneRank(a.stage) - laneRank(b.stage));
  return {
    video: { id: videoId, path: absolute },
    contentHash: info.contentHash,
    replaced,
    stages: context.stages,
    unitsRun: context.stages.reduce((total, stage) => total + stage.ran, 0),
    unitsSkipped: context.stages.reduce((total, stage) => total + stage.skipped, 0),
    framesAnalysed: context.framesAnalysed,
    durationMs: performance.now() - startedAt,
    stagesTiming: context.timer!.timings,
  };
}
