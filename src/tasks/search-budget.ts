/**
 * What the multi-request searches of `ground` (ground-search.ts) and `ask` (ask-search.ts) share: one
 * budget split across requests at one frame size, and one request over a part of the video with a note
 * on what its images cover. Every request is planned against what is left of the task's budget, so the
 * requests together never spend more visual tokens (or money) than one request would have been allowed.
 * Requests of a multi-request search do not stream: which answer stands is known only at the end, so
 * the caller prints the one chosen; a search of one request streams as a single request does.
 */

import type { TimeSpan } from '../core/time.js';
import { maxUsefulDensity } from '../plan/strategies/frame-strategy.js';
import type { VisualBudget, VisualPlan } from '../plan/visual-plan.js';
import { runDirectRequest, taskBudget, type DirectRequestOutcome } from './direct-request.js';
import type { TaskPrompt } from './prompts/time-format.js';
import type { TaskContext, TaskRequest } from './task.js';
import type { EvidenceTime } from './task-result.js';
import type { TaskRun } from './task-run.js';

/** Below this many frames a budget is not split into passes. */
export const minimumSearchFrames = 16;

/**
 * Whether a budget is worth spreading over several requests: one request would see the span more
 * thinly than 2 frames a second, with frames or grids of them (not a native video), and enough of them
 * ({@link minimumSearchFrames}) to split.
 */
export function worthSplitting(singlePlan: VisualPlan): boolean {
  const framesOnly = singlePlan.items.every((item) => item.kind !== 'video');
  const thin = singlePlan.estimate.density < maxUsefulDensity - 1e-9;
  return framesOnly && thin && singlePlan.estimate.frames >= minimumSearchFrames;
}

/** What a search needs to make its requests. */
export interface SearchInput {
  run: TaskRun;
  request: TaskRequest;
  context: TaskContext;
  prompt: TaskPrompt;
  parameters?: Parameters<typeof runDirectRequest>[0]['parameters'];
  /** The plan one request would get with the whole budget (arithmetic only for frame strategies). */
  singlePlan: VisualPlan;
  defaultMaxOutputTokens: number;
}

/** One way a task spends its budget over requests: an entry of a task's frozen table of searches. */
export interface SearchProcedure<Outcome> {
  readonly id: string;
  readonly description: string;
  search(input: SearchInput): Promise<Outcome>;
}

/** The task's budget as frames of the size one request would get, spent pass by pass. */
export class SearchBudget {
  /** What one frame costs at the size the planner chose (a grid's tiles cost about as much each). */
  readonly tokensEach: number;
  readonly totalTokens: number;
  private readonly budget: VisualBudget;
  private spentTokens = 0;
  private spentUsd = 0;

  constructor(request: TaskRequest, span: TimeSpan, private readonly singlePlan: VisualPlan) {
    this.budget = taskBudget(request, span);
    this.tokensEach = singlePlan.estimate.visualTokens / Math.max(1, singlePlan.estimate.frames);
    this.totalTokens = this.budget.maxVisualTokens ?? singlePlan.estimate.visualTokens;
  }

  /** The task's total visual-token cap across requests, null where the request set none. */
  get cap(): number | null {
    return this.budget.maxVisualTokens ?? null;
  }

  /** Frames of that size the whole budget affords. */
  get affordableFrames(): number {
    return Math.floor(this.totalTokens / this.tokensEach);
  }

  /** Frames of that size what is left affords. */
  get framesLeft(): number {
    return Math.max(0, Math.floor(this.tokensLeft / this.tokensEach));
  }

  get tokensLeft(): number {
    return this.totalTokens - this.spentTokens;
  }

  /**
   * A budget for the first pass: `share` of the whole, as frames of the same size (at most one request's image cap).
   */
  firstPass(share: number): VisualBudget {
    const frames = Math.max(1, Math.min(this.singlePlan.limits.images, Math.floor(this.affordableFrames * share)));
    return {
      ...this.budget,
      maxImages: Math.min(this.budget.maxImages ?? Number.POSITIVE_INFINITY, frames),
      maxVisualTokens: Math.max(Math.floor(this.totalTokens * share), Math.ceil(frames * this.tokensEach)),
      ...(this.budget.maxUsd === undefined ? {} : { maxUsd: this.budget.maxUsd * share }),
    };
  }

  /** A budget of `part` of what is left (1: all of it), as frames of the same size. */
  ofWhatIsLeft(part = 1, maxFrames = Number.POSITIVE_INFINITY): VisualBudget {
    const tokens = Math.floor(this.tokensLeft * part);
    return {
      maxVisualTokens: tokens,
      maxImages: Math.max(1, Math.min(this.budget.maxImages ?? Number.POSITIVE_INFINITY, maxFrames, Math.floor(tokens / this.tokensEach))),
      ...(this.budget.maxUsd === undefined ? {} : { maxUsd: (this.budget.maxUsd - this.spentUsd) * part }),
    };
  }

  /** Records what a request's plan spent. */
  spend(plan: VisualPlan): void {
    this.spentTokens += plan.estimate.visualTokens;
    this.spentUsd += plan.estimate.usd ?? 0;
  }
}

/** The one request a search without passes makes: the whole span with the single plan, streaming its answer. */
export function singleRequest(input: SearchInput): Promise<DirectRequestOutcome> {
  const { run, request, context } = input;
  return runDirectRequest({
    info: run.info, span: run.span, request, context, transcript: run.transcript, query: run.query, prompt: input.prompt,
    ...(input.parameters ? { parameters: input.parameters } : {}), defaultMaxOutputTokens: input.defaultMaxOutputTokens, plan: input.singlePlan,
  });
}

/** One request over `span` with `budget`, the task's prompt and, first, a note on what the images cover. */
export function requestOver(input: SearchInput, span: TimeSpan, budget: VisualBudget, strategy: string | undefined, note?: string, plan?: VisualPlan): Promise<DirectRequestOutcome> {
  const { run, request, context, prompt } = input;
  return runDirectRequest({
    info: run.info, span, context, transcript: run.transcript, query: run.query,
    request: { ...request, budget: { ...budget, span }, ...(strategy ? { strategy } : {}) },
    prompt: note ? { ...prompt, instruction: `${note}\n${prompt.instruction}` } : prompt,
    ...(input.parameters ? { parameters: input.parameters } : {}),
    defaultMaxOutputTokens: input.defaultMaxOutputTokens,
    ...(plan ? { plan } : {}),
    stream: false,
  });
}

/**
 * Adds every request of a search to the task's usage and gathers their warnings and evidence times
 * (image indices counted across the requests, in order).
 */
export function tallyPasses(run: TaskRun, passes: ReadonlyArray<{ outcome: DirectRequestOutcome }>): { warnings: string[]; evidence: EvidenceTime[] } {
  const warnings: string[] = [];
  const evidence: EvidenceTime[] = [];
  let imagesBefore = 0;
  for (const { outcome } of passes) {
    run.usage.add(outcome.response, outcome.plan);
    warnings.push(...outcome.warnings);
    evidence.push(...outcome.evidence.map((time) => ({ time: time.time, image: time.image + imagesBefore })));
    imagesBefore += outcome.plan.estimate.images;
  }
  return { warnings, evidence };
}

/** Spans in time order with overlapping ones joined. */
export function mergeOverlapping(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
