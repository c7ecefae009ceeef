/**
 * The planning-strategy contract: a strategy composes media samplers with a budget. It receives the
 * probed video, the span, the model profile and the resolved limits, and returns planned items; the
 * planner then totals, checks and explains them. One implementation per sampling idea lives in
 * src/media; strategies only decide how many frames, how large, and how to pack them.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import type { ProgressReporter } from '../../core/progress.js';
import type { TimeSpan } from '../../core/time.js';
import type { VideoInfo } from '../../media/video-info.js';
import type { Embedder } from '../../models/embedder.js';
import type { ModelProfile } from '../../models/profile.js';
import type { PlanLimits } from '../budget-limits.js';
import type { BindingLimit, PlannedItem, VisualBudget } from '../visual-plan.js';

export interface PlanContext {
  input: string;
  info: VideoInfo;
  span: TimeSpan;
  profile: ModelProfile;
  limits: PlanLimits;
  budget: VisualBudget;
  /** Needed by `question-guided`. */
  embedder?: Embedder;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  cache?: ArtifactCache | null;
}

export interface StrategyResult {
  items: PlannedItem[];
  binding: BindingLimit;
  /** Why the binding limit is used below 80%, when it is. */
  shortfallReason?: string;
  warnings?: string[];
}

export interface PlanStrategy {
  readonly id: string;
  readonly description: string;
  /** True when the strategy decodes or scans the video to plan (so it costs time, not only arithmetic). */
  readonly scansVideo: boolean;
  plan(context: PlanContext): Promise<StrategyResult>;
}
