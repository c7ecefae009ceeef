/**
 * The sampler contract: given a video and a span, choose the times to look at. Each sampler is the
 * single implementation of one sampling idea; the planner (src/plan) composes them with budgets.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import type { ProgressReporter } from '../../core/progress.js';
import type { TimeSpan } from '../../core/time.js';
import type { VideoInfo } from '../video-info.js';
import type { z } from 'zod';

export interface SampleContext {
  input: string;
  info: VideoInfo;
  /** The part of the video to sample; the whole video when the caller gave none. */
  span: TimeSpan;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  cache?: ArtifactCache | null;
}

export interface SampledTime {
  /** Seconds on the presentation timeline. */
  time: number;
  /** The stretch of video this time stands for (dedup: the run of near-identical frames it replaces). */
  represents?: TimeSpan;
}

export interface Sampler<Options> {
  readonly id: string;
  readonly description: string;
  /** Validates and fills defaults for the options a caller passes. */
  readonly options: z.ZodType<Options>;
  sample(context: SampleContext, options: Options): Promise<SampledTime[]>;
}

/** Helps declare a sampler with its options type inferred from the schema. */
export function defineSampler<Schema extends z.ZodType>(sampler: {
  id: string;
  description: string;
  options: Schema;
  sample(context: SampleContext, options: z.output<Schema>): Promise<SampledTime[]>;
}): Sampler<z.output<Schema>> {
  return sampler as Sampler<z.output<Schema>>;
}
