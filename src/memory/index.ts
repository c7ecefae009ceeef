/**
 * reelm's memory: the video store (SQLite) and the resumable ingest pipeline, and the query API that
 * the tasks, the agent, streams, the server and the CLI share.
 */

export { openStore, type OpenStoreOptions, type Store, type StoreDatabase } from './store/open-store.js';
export { StoreError, type StoreErrorReason } from './store/store-error.js';
export { checkStoreIntegrity, type IntegrityReport } from './store/integrity.js';
export { latestSchemaVersion, migrations, schemaVersion } from './store/migrations.js';
export { findEmbeddingSpace, type EmbeddingSpace } from './store/embedding-space.js';
export { findLibrary, libraryStoreLocation, storeFileName, storeFolderName, type LibraryLocation } from './library.js';
export * from './query/index.js';
export { ingestVideo, defaultKeyframeOptions, type IngestOptions, type IngestVideoResult } from './ingest/ingest-video.js';
export { ingestVideos, type IngestOutcome, type IngestVideosOptions } from './ingest/ingest-library.js';
export {
  builtinAnalyzerEntries,
  createAnalyzerRegistry,
  defaultAnalyzerRegistry,
  selectAnalyzers,
  type AnalyzerEntry,
  type AnalyzerRegistry,
} from './ingest/analyzer-registry.js';
export type { StageSummary, UnitEvent } from './ingest/stage-context.js';
export type { SegmentationOptions } from './ingest/stages/segment-stage.js';
export type { KeyframeOptions } from './ingest/stages/keyframe-stage.js';
export { differenceHash, hammingDistance } from './ingest/perceptual-hash.js';
export { captionStageName } from './ingest/stages/caption-stage.js';
export { defaultCaptionSampling, type CaptionSampling } from './ingest/captions/caption-segment.js';
export { chunkCaptionsNamespace, coverToleranceSeconds, type CachedChunkCaption } from './ingest/captions/cached-chunk-captions.js';
export { plannedStageNames } from './ingest/ingest-plan.js';
