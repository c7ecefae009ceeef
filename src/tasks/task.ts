/**
 * What a task is: an entry in the task registry (registry.ts) that takes a request about one video and
 * a context (the model, cancellation, progress, caches) and returns a `TaskResult`. The CLI, the library
 * API, the evaluation runner and the demo all call tasks through `runTask`, never a task's module
 * directly, so a new task is one new registry entry.
 */

import type { ArtifactCache } from '../core/artifact-cache.js';
import type { ProgressReporter } from '../core/progress.js';
import type { LanguageModel } from '../models/language-model.js';
import type { Embedder } from '../models/embedder.js';
import type { VisualBudget } from '../plan/visual-plan.js';
import type { TaskResult } from './task-result.js';

export interface TaskRequest {
  /** Path of the video. */
  video: string;
  /** `ask`: the question; `ground`: the event; `highlights`: the query; ignored by `caption`/`summarize`. */
  query?: string;
  /** `ask`: options for a multiple-choice question, shown as A., B., … in order. */
  choices?: string[];
  /** The visual budget (tokens, images, money, span). */
  budget?: VisualBudget;
  /** Planning strategy id (`auto` when absent). */
  strategy?: string;
  maxOutputTokens?: number;
  /** `caption`: an event timeline instead of one paragraph. */
  dense?: boolean;
  /** `summarize`: `short` (default) or `detailed`. */
  length?: 'short' | 'detailed';
  /** `summarize`: also return chapters (title + span). */
  chapters?: boolean;
  /**
   * `summarize`: chunk length in seconds for the hierarchical path (videos beyond one request's budget);
   * default: what one request covers at half a frame per second.
   */
  chunkSeconds?: number;
  /** `highlights`: clip length in seconds (default 2). */
  clipSeconds?: number;
  /** Add subtitle text (sidecar files, subtitle streams) to the evidence. Default true. */
  subtitles?: boolean;
  /**
   * `ask` on an indexed video: `auto` (default) answers from the spans the store retrieves when one
   * request would cover the span too thinly; `always` does so whenever the video is indexed (an error
   * when it is not); `never` keeps the direct path. See tasks/memory/memory-evidence.ts.
   */
  memory?: 'auto' | 'always' | 'never';
}

export interface TaskContext {
  model: LanguageModel;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  /** Receives the answer's text as it streams, where the provider streams. */
  onTextDelta?: (delta: string) => void;
  /** Frames, probes and chunk captions; null disables caching. */
  cache?: ArtifactCache | null;
  /** For question-guided planning, and for memory mode's nearest keyframes. */
  embedder?: Embedder;
  /**
   * The library whose store holds the video (a library folder or its store file). Default: the nearest
   * library at or above the video's folder.
   */
  library?: string;
}

export interface TaskDefinition<Detail = unknown> {
  readonly id: string;
  /** One line for `--help` and `reelm tasks`. */
  readonly description: string;
  /** Whether the request must carry a `query`. */
  readonly needsQuery: boolean;
  run(request: TaskRequest, context: TaskContext): Promise<TaskResult<Detail>>;
}
