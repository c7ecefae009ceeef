/**
 * The result every task returns (DESIGN.md, "the path of a question", step 6): the answer, the spans it
 * names, the times of the evidence the model saw, what it cost, the plan that chose the evidence, and
 * warnings. The CLI, the HTML answer page, the evaluation runner and the server all read this one shape,
 * so a task adds its own detail under `detail` rather than inventing new top-level fields.
 */

import type { TimeSpan } from '../core/time.js';
import type { ModelEndpoint } from '../models/language-model.js';
import type { VisualPlan } from '../plan/visual-plan.js';

/** Where a confidence number came from; a confidence without a stated source is not reported. */
export type ConfidenceSource =
  /** The probability of the answer's tokens, from the provider's log-probabilities. */
  | 'token-logprobs'
  /** The model stated it in its answer (self-reported, uncalibrated). */
  | 'model-stated'
  /** Agreement of several samples of the same request. */
  | 'self-consistency'
  /** A score computed from stored signals (detectors, OCR, search). */
  | 'signal-score';

export interface AnswerSpan extends TimeSpan {
  /** What happens in this span, when the task names it (a dense-caption event, a chapter title). */
  label?: string;
  /** 0–1, with the source it came from; absent when the task has no stated source. */
  confidence?: { value: number; source: ConfidenceSource };
  /** Highlights and dense captions: how much this span matters for the query, 0–1. */
  salience?: number;
}

/** One image or grid tile the model was shown. */
export interface EvidenceTime {
  time: number;
  /** Index of the image in the request that showed it (a grid shows several times in one image). */
  image: number;
}

export interface TaskUsage {
  /** Model requests made (a hierarchical summary makes one per chunk plus the merges). */
  requests: number;
  images: number;
  visualTokens: number;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Price in US dollars when the profile knows the model's prices; null otherwise. */
  usd: number | null;
  latencyMs: number;
  /** Requests answered from the response cache. */
  cachedRequests: number;
}

export interface TaskResult<Detail = unknown> {
  /** The registry id of the task that produced it (`ask`, `ground`, …). */
  task: string;
  /** The video asked about, as given. */
  video: string;
  /** The answer in words (for `ground`, a sentence naming the spans or saying it does not happen). */
  output: string;
  /** The spans the answer names, on the presentation timeline; empty when it names none. */
  spans: AnswerSpan[];
  evidence: EvidenceTime[];
  usage: TaskUsage;
  /** The plan of the (first) request; a hierarchical task lists every chunk's plan in `detail`. */
  plan: VisualPlan | null;
  model: ModelEndpoint & { id: string };
  warnings: string[];
  /** Task-specific structured output (choice letter, chapters, per-clip salience…). */
  detail: Detail;
}
