/**
 * How `ground` spends its budget, as a frozen table of search procedures (chosen by a rule, never by
 * model id):
 *
 * - `single-pass`: one request over the span; the answer's spans are the result.
 * - `coarse-to-fine`: the way temporal-grounding systems work inside one budget. A first request spends
 *   {@link coarseShare} of the frames the budget affords over the whole span; each boundary of each
 *   span it answers lies within half its sampling interval of where it was written, so the rest of the
 *   budget goes to dense frames (up to 2 per second, at least as large as the first pass's) in a window
 *   around every boundary, one request per window, and the model re-answers there. When the first
 *   look finds nothing, the rest of the budget looks again over the whole span at other times. Every
 *   request counts against the same total (visual tokens, and money where the budget caps it).
 *
 * `chooseGroundSearch` takes `coarse-to-fine` when one request would cover the span below the useful
 * density (2 frames a second) and the budget affords at least {@link minimumSearchFrames} frames — a
 * smaller budget has too little to split.
 */

import { formatSpan, type TimeSpan } from '../core/time.js';
import type { VisualBudget, VisualPlan } from '../plan/visual-plan.js';
import { maxUsefulDensity } from '../plan/strategies/frame-strategy.js';
import { boundaryWindows, refineSpan, type BoundaryWindow } from '../plan/boundary-windows.js';
import { runDirectRequest, taskBudget, type DirectRequestOutcome } from './direct-request.js';
import { readGroundAnswer, type GroundAnswer } from './ground-answer.js';
import type { TaskPrompt } from './prompts/time-format.js';
import type { TaskContext, TaskRequest } from './task.js';
import type { TaskRun } from './task-run.js';

/** Share of the budget's frames the first, coarse look takes. */
export const coarseShare = 0.8;
/** Below this many frames a budget is not split into passes. */
export const minimumSearchFrames = 16;

/** One request of a grounding search, as recorded in the result. */
export interface GroundPass {
  pass: 'single' | 'coarse' | 'boundary' | 'rescan';
  /** The part of the video the request's images cover. */
  span: TimeSpan;
  /** Boundary passes: which boundaries of which coarse span the window refines. */
  refines?: { spanIndex: number; boundaries: BoundaryWindow['refines'] };
  /** The model's answer as written. */
  answer: string;
  plan: VisualPlan;
}

export interface GroundSearchInput {
  run: TaskRun;
  request: TaskRequest;
  context: TaskContext;
  prompt: TaskPrompt;
  parameters: Parameters<typeof runDirectRequest>[0]['parameters'];
  /** The plan one request would get with the whole budget (arithmetic only for frame strategies). */
  singlePlan: VisualPlan;
}

export interface GroundSearchOutcome {
  /** The final reading: the refined spans, or the last pass's reading when nothing was found. */
  answer: GroundAnswer;
  /** Every request in order, with its outcome (usage, evidence). */
  passes: Array<GroundPass & { outcome: DirectRequestOutcome }>;
  /** The first request's outcome (its log-probabilities give the confidence). */
  first: DirectRequestOutcome;
  /** The task's total visual-token budget across requests, null where none applied. */
  totalVisualTokens: number | null;
}

export interface GroundSearch {
  readonly id: string;
  readonly description: string;
  search(input: GroundSearchInput): Promise<GroundSearchOutcome>;
}

const defaultMaxOutputTokens = 256;

function ask(input: GroundSearchInput, span: TimeSpan, budget: VisualBudget, strategy: string | undefined, note?: string): Promise<DirectRequestOutcome> {
  const { run, request, context, prompt } = input;
  return runDirectRequest({
    info: run.info, span, context, transcript: run.transcript, query: run.query,
    request: { ...request, budget: { ...budget, span }, ...(strategy ? { strategy } : {}) },
    prompt: note ? { ...prompt, instruction: `${note}\n${prompt.instruction}` } : prompt,
    ...(input.parameters ? { parameters: input.parameters } : {}),
    defaultMaxOutputTokens,
  });
}

const singlePass: GroundSearch = {
  id: 'single-pass',
  description: 'One request over the span; its spans are the answer.',
  async search(input) {
    const { run, request, context, singlePlan } = input;
    const outcome = await runDirectRequest({
      info: run.info, span: run.span, request, context, transcript: run.transcript, query: run.query, prompt: input.prompt,
      ...(input.parameters ? { parameters: input.parameters } : {}), defaultMaxOutputTokens, plan: singlePlan,
    });
    const answer = readGroundAnswer(outcome.response.text, run.info.duration);
    return { answer, passes: [{ pass: 'single', span: run.span, answer: outcome.response.text, plan: outcome.plan, outcome }], first: outcome, totalVisualTokens: null };
  },
};

const coarseToFine: GroundSearch = {
  id: 'coarse-to-fine',
  description: 'A coarse look over the span, then dense frames around each boundary it found, inside the same budget.',
  async search(input) {
    const { run, request, singlePlan } = input;
    const duration = run.info.duration;
    const budget = taskBudget(request, run.span);
    // What one frame costs at the size the planner chose (a grid's tiles cost about as much each).
    const tokensEach = singlePlan.estimate.visualTokens / Math.max(1, singlePlan.estimate.frames);
    const totalTokens = budget.maxVisualTokens ?? singlePlan.estimate.visualTokens;
    const affordable = Math.floor(totalTokens / tokensEach);
    const coarseFrames = Math.max(1, Math.min(singlePlan.limits.images, Math.floor(affordable * coarseShare)));
    const share = (value: number | undefined, part: number): number | undefined => (value === undefined ? undefined : value * part);
    const coarseBudget: VisualBudget = {
      ...budget,
      maxImages: Math.min(budget.maxImages ?? Number.POSITIVE_INFINITY, coarseFrames),
      maxVisualTokens: Math.max(Math.floor(totalTokens * coarseShare), Math.ceil(coarseFrames * tokensEach)),
      ...(budget.maxUsd === undefined ? {} : { maxUsd: share(budget.maxUsd, coarseShare) }),
    };
    const first = await ask(input, run.span, coarseBudget, request.strategy);
    const passes: GroundSearchOutcome['passes'] = [{ pass: 'coarse', span: run.span, answer: first.response.text, plan: first.plan, outcome: first }];
    const coarse = readGroundAnswer(first.response.text, duration);
    let left = totalTokens - first.plan.estimate.visualTokens;
    const usdLeft = (): number | undefined => (budget.maxUsd === undefined ? undefined : budget.maxUsd - passes.reduce((total, pass) => total + (pass.plan.estimate.usd ?? 0), 0));
    const result = (answer: GroundAnswer): GroundSearchOutcome => ({ answer, passes, first, totalVisualTokens: budget.maxVisualTokens ?? null });
    if (left < tokensEach) return result(coarse);

    if (coarse.kind === 'not-found') {
      // Nothing in the coarse frames: the event may be brief; look again at other times, with frames
      // as large as the coarse ones (smaller ones were measured to find nothing more on synth-medium).
      const rescanBudget: VisualBudget = { ...budget, maxImages: Math.min(budget.maxImages ?? Number.POSITIVE_INFINITY, Math.floor(left / tokensEach)), maxVisualTokens: left, ...(budget.maxUsd === undefined ? {} : { maxUsd: usdLeft() }) };
      const again = await ask(input, run.span, rescanBudget, 'uniform');
      passes.push({ pass: 'rescan', span: run.span, answer: again.response.text, plan: again.plan, outcome: again });
      const reading = readGroundAnswer(again.response.text, duration);
      return result(reading.kind === 'spans' ? reading : coarse);
    }
    if (coarse.kind !== 'spans') return result(coarse);

    const interval = (run.span.end - run.span.start) / Math.max(1, first.plan.estimate.frames);
    const windows = boundaryWindows(coarse.spans, interval, run.span);
    // Each window needs a few frames to say anything; refine only as many as the rest affords.
    const affordableWindows = Math.floor(left / (3 * tokensEach));
    const chosen = windows.slice(0, affordableWindows);
    if (chosen.length === 0) return result(coarse);
    const perWindow = Math.floor(left / chosen.length);
    const usdPerWindow = budget.maxUsd === undefined ? undefined : (usdLeft() ?? 0) / chosen.length;
    const looks = await Promise.all(chosen.map(async (window) => {
      const note = `These images cover only ${formatSpan(window)} of the video, where it ${window.refines === 'start' ? 'may begin' : window.refines === 'end' ? 'may end' : 'may begin and end'}; answer for this part only.`;
      const windowBudget: VisualBudget = {
        maxVisualTokens: perWindow,
        maxImages: Math.min(budget.maxImages ?? Number.POSITIVE_INFINITY, Math.max(1, Math.floor(perWindow / tokensEach))),
        ...(usdPerWindow === undefined ? {} : { maxUsd: usdPerWindow }),
      };
      const outcome = await ask(input, window, windowBudget, 'uniform', note);
      return { window, outcome };
    }));
    for (const { window, outcome } of looks) {
      passes.push({ pass: 'boundary', span: { start: window.start, end: window.end }, refines: { spanIndex: window.spanIndex, boundaries: window.refines }, answer: outcome.response.text, plan: outcome.plan, outcome });
      left -= outcome.plan.estimate.visualTokens;
    }
    const refined = coarse.spans.map((span, index) => refineSpan(span, looks.filter((look) => look.window.spanIndex === index).map((look) => {
      const reading = readGroundAnswer(look.outcome.response.text, duration);
      return { window: look.window, found: reading.kind === 'spans' ? reading.spans : [] };
    })));
    return result({ kind: 'spans', spans: mergeOverlapping(refined), warnings: coarse.warnings });
  },
};

/** Spans in time order with overlapping ones joined (two refined spans can grow into each other). */
function mergeOverlapping(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export const groundSearches = Object.freeze({
  'single-pass': singlePass,
  'coarse-to-fine': coarseToFine,
} as const satisfies Record<string, GroundSearch>);

export type GroundSearchId = keyof typeof groundSearches;

/**
 * The rule: split the budget into a coarse look and boundary looks when one request would see the span
 * more thinly than 2 frames a second, with frames or grids of them (not a native video) and enough of them to split.
 */
export function chooseGroundSearch(singlePlan: VisualPlan): GroundSearch {
  const framesOnly = singlePlan.items.every((item) => item.kind !== 'video');
  const thin = singlePlan.estimate.density < maxUsefulDensity - 1e-9;
  return framesOnly && thin && singlePlan.estimate.frames >= minimumSearchFrames ? groundSearches['coarse-to-fine'] : groundSearches['single-pass'];
}
