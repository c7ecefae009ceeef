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
 *   look finds nothing, the rest of the budget looks again at the moments where something is on screen
 *   only briefly (the `transients` strategy), since an event evenly spread frames missed is likely brief. Every
 *   request counts against the same total (visual tokens, and money where the budget caps it).
 *
 * `chooseGroundSearch` takes `coarse-to-fine` when one request would cover the span below the useful
 * density (2 frames a second) and the budget affords at least {@link minimumSearchFrames} frames — a
 * smaller budget has too little to split.
 */

import { formatSpan, type TimeSpan } from '../core/time.js';
import type { VisualPlan } from '../plan/visual-plan.js';
import { boundaryWindows, refineSpan, type BoundaryWindow } from '../plan/boundary-windows.js';
import type { DirectRequestOutcome } from './direct-request.js';
import { readGroundAnswer, type GroundAnswer } from './ground-answer.js';
import { mergeOverlapping, requestOver, SearchBudget, singleRequest, type SearchInput, type SearchProcedure, worthSplitting } from './search-budget.js';

/** Share of the budget's frames the first, coarse look takes. */
export const coarseShare = 0.8;

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

export type GroundSearchInput = SearchInput;

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

export type GroundSearch = SearchProcedure<GroundSearchOutcome>;

const singlePass: GroundSearch = {
  id: 'single-pass',
  description: 'One request over the span; its spans are the answer.',
  async search(input) {
    const { run } = input;
    const outcome = await singleRequest(input);
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
    const budget = new SearchBudget(request, run.span, singlePlan);
    const first = await requestOver(input, run.span, budget.firstPass(coarseShare), request.strategy);
    budget.spend(first.plan);
    const passes: GroundSearchOutcome['passes'] = [{ pass: 'coarse', span: run.span, answer: first.response.text, plan: first.plan, outcome: first }];
    const coarse = readGroundAnswer(first.response.text, duration);
    const result = (answer: GroundAnswer): GroundSearchOutcome => ({ answer, passes, first, totalVisualTokens: budget.cap });
    if (budget.framesLeft < 1) return result(coarse);

    if (coarse.kind === 'not-found') {
      // Nothing in the coarse frames: the event may be brief; look again where something is on screen
      // only briefly (the transients strategy), with frames as large as the coarse ones (smaller ones
      // were measured to find nothing more on synth-medium).
      const seenTimes = first.evidence.map((evidence) => evidence.time);
      const again = await requestOver(input, run.span, { ...budget.ofWhatIsLeft(), seenTimes }, 'transients');
      budget.spend(again.plan);
      passes.push({ pass: 'rescan', span: run.span, answer: again.response.text, plan: again.plan, outcome: again });
      const reading = readGroundAnswer(again.response.text, duration);
      return result(reading.kind === 'spans' ? reading : coarse);
    }
    if (coarse.kind !== 'spans') return result(coarse);

    const interval = (run.span.end - run.span.start) / Math.max(1, first.plan.estimate.frames);
    const windows = boundaryWindows(coarse.spans, interval, run.span);
    // Each window needs a few frames to say anything; refine only as many as the rest affords.
    const chosen = windows.slice(0, Math.floor(budget.framesLeft / 3));
    if (chosen.length === 0) return result(coarse);
    const windowBudget = budget.ofWhatIsLeft(1 / chosen.length);
    const looks = await Promise.all(chosen.map(async (window) => {
      const note = `These images cover only ${formatSpan(window)} of the video, where it ${window.refines === 'start' ? 'may begin' : window.refines === 'end' ? 'may end' : 'may begin and end'}; answer for this part only.`;
      return { window, outcome: await requestOver(input, window, windowBudget, 'uniform', note) };
    }));
    for (const { window, outcome } of looks) {
      passes.push({ pass: 'boundary', span: { start: window.start, end: window.end }, refines: { spanIndex: window.spanIndex, boundaries: window.refines }, answer: outcome.response.text, plan: outcome.plan, outcome });
      budget.spend(outcome.plan);
    }
    const refined = coarse.spans.map((span, index) => refineSpan(span, looks.filter((look) => look.window.spanIndex === index).map((look) => {
      const reading = readGroundAnswer(look.outcome.response.text, duration);
      return { window: look.window, found: reading.kind === 'spans' ? reading.spans : reading.kind === 'not-found' ? [] : null };
    })));
    return result({ kind: 'spans', spans: mergeOverlapping(refined), warnings: coarse.warnings });
  },
};

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
  return worthSplitting(singlePlan) ? groundSearches['coarse-to-fine'] : groundSearches['single-pass'];
}
