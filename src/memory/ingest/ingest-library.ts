/**
 * `ingestVideos(store, paths, options)`: indexes several videos, at most `concurrency` at once (default:
 * the machine's cores, since decoding and the analyzers are CPU-bound), with an overall progress stage
 * beside each video's own. Analyzers named by id are created once and shared by every video. A video
 * that fails is reported and the others go on; cancelling stops them all.
 */

import os from 'node:os';
import { AbortedError } from '../../core/errors.js';
import { StageProgress } from '../../core/progress.js';
import { defaultArtifactCache } from '../../media/probe.js';
import type { Store } from '../store/open-store.js';
import { defaultAnalyzerRegistry } from './analyzer-registry.js';
import { ingestVideo, resolveAnalyzers, type IngestOptions, type IngestVideoResult } from './ingest-video.js';

export interface IngestVideosOptions extends IngestOptions {
  /** Videos indexed at once. Default: available cores. */
  concurrency?: number;
}

export type IngestOutcome = { path: string; ok: true; result: IngestVideoResult } | { path: string; ok: false; error: unknown };

export async function ingestVideos(store: Store, paths: readonly string[], options: IngestVideosOptions = {}): Promise<IngestOutcome[]> {
  const cache = options.cache === undefined ? defaultArtifactCache() : options.cache;
  const concurrency = Math.max(1, Math.min(paths.length, options.concurrency ?? os.availableParallelism()));
  const overall = new StageProgress('index', paths.length, options.onProgress);
  const { analyzers, created } = await resolveAnalyzers(options.analyzers, options.registry ?? defaultAnalyzerRegistry, { cache, signal: options.signal });
  const outcomes: IngestOutcome[] = new Array(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      const videoPath = paths[index]!;
      try {
        const result = await ingestVideo(store, videoPath, { ...options, cache, analyzers });
        outcomes[index] = { path: videoPath, ok: true, result };
      } catch (error) {
        if (AbortedError.isInstance(error)) throw error;
        outcomes[index] = { path: videoPath, ok: false, error };
        overall.warn(`${videoPath}: ${(error as Error).message}`);
      }
      overall.advance();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await Promise.allSettled(created.map((analyzer) => analyzer.close?.()));
  }
  overall.finish();
  return outcomes;
}
