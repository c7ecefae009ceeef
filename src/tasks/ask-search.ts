/**
 * How `ask` spends its budget, as a frozen table of search procedures (chosen by a rule, never by model
 * id), the way agentic video-QA systems look first and then look closer (VideoMind's ground-then-answer,
 * VideoAgent's iterative frame search) but inside the budget of one request:
 *
 * - `single-pass`: one request over the span; its answer is the result.
 * - `look-closer`: a first request spends {@link firstLookShare} of the frames the budget affords over
 *   the whole span and answers with the times its answer rests on (the prompt's `Times:` line). A thing
 *   cited there was seen in frames inside the cited span and not in the frames just before and after,
 *   so the rest of the budget goes to one request of frames between those neighbours, for every cited
 *   span at once (a question about two things — which came first, which is faster — sees both), at
 *   most {@link closerDensity} a second and as large as the tokens afford, the moments it was seen at
 *   among them (shown again, larger, in place of the nearest new frames); its answer is the result,
 *   unless it cites nothing (it did not find what the earlier look saw), when the earlier one stands.
 *   When the first answer cites nothing (what it names was not seen), {@link rescanShare} of what is
 *   left looks at the moments where something is on screen only briefly (the `transients` strategy: a
 *   thing evenly spread frames missed is likely brief), and the rest looks closer at what that finds.
 *
 * `chooseAskSearch` takes `look-closer` when one request would cover the span below the useful density
 * (2 frames a second) with frames, the budget affords at least {@link minimumSearchFrames} of them, and
 * the question names no time in the span (then `question-times` already looks there up close).
 */

import { formatSpan, type TimeSpan } from '../core/time.js';
import { combinePlans } from '../plan/combine-plans.js';
import { anchorSamples, timesNamedIn } from '../plan/strategies/question-times.js';
import type { PlannedFrame, VisualPlan } from '../plan/visual-plan.js';
import { planTaskEvidence, type DirectRequestOutcome } from './direct-request.js';
import { readAnswerTimes, type AnswerWithTimes } from './parse/answer-times.js';
import { mergeOverlapping, requestOver, SearchBudget, singleRequest, type SearchInput, type SearchProcedure, worthSplitting } from './search-budget.js';

/**
 * Share of the budget's frames the first look takes; the rest looks closer. Measured on the tasks bench
 * subset of synth-medium (bench/tasks-questions.ts): 0.6 and 0.8 both answered fewer questions than 0.7.
 */
export const firstLookShare = 0.7;
/**
 * Share of what is left that a look at other times takes when the first look cites nothing; the rest
 * looks closer at what it finds. Measured the same way: 0.5, 0.6 and 0.85 answered fewer than 0.7.
 */
export const rescanShare = 0.7;

/** One request of an ask search, as recorded in the result. */
export interface AskPass {
  pass: 'single' | 'first' | 'closer' | 'rescan';
  /** The parts of the video the request's images cover. */
  spans: TimeSpan[];
  /** The model's answer as written. */
  answer: string;
  plan: VisualPlan;
}

export interface AskSearchOutcome {
  /** The reading the result uses: the closer look's, or the first when nothing closer was asked. */
  reading: AnswerWithTimes;
  /** The request whose answer the reading is. */
  answered: DirectRequestOutcome;
  passes: Array<AskPass & { outcome: DirectRequestOutcome }>;
  /** The task's total visual-token budget across requests, null where none applied. */
  totalVisualTokens: number | null;
}

export type AskSearch = SearchProcedure<AskSearchOutcome>;

const singlePass: AskSearch = {
  id: 'single-pass',
  description: 'One request over the span; its answer is the result.',
  async search(input) {
    const { run } = input;
    const outcome = await singleRequest(input);
    const reading = readAnswerTimes(outcome.response.text, run.info.duration);
    return { reading, answered: outcome, passes: [{ pass: 'single', spans: [run.span], answer: outcome.response.text, plan: outcome.plan, outcome }], totalVisualTokens: null };
  },
};

/**
 * Where to look closer: around each cited span, from the last frame sent before it to the first frame
 * sent after it (by any look so far) — the thing was seen inside and not at those frames, so it begins
 * and ends between them; clamped to the span searched and joined where they overlap.
 * @example closerWindows([{ start: 40, end: 60 }], [34, 40, 46, 52, 58, 64], { start: 0, end: 120 }) // [{ start: 34, end: 64 }]
 */
export function closerWindows(cited: readonly TimeSpan[], frameTimes: readonly number[], searched: TimeSpan): TimeSpan[] {
  const windows = cited.map((span) => ({
    start: Math.max(searched.start, ...frameTimes.filter((time) => time < span.start - 1e-9)),
    end: Math.min(searched.end, ...frameTimes.filter((time) => time > span.end + 1e-9)),
  }));
  return mergeOverlapping(windows.filter((window) => window.end > window.start));
}

/**
 * Frames a second the closer look needs: enough to see a brief event twice and which way a thing moves;
 * tokens beyond that buy larger frames, since what was hard to see at the first look's size (a small
 * or shrunken thing) needs detail more than more moments.
 */
export const closerDensity = 1;

/** `frames` shared among windows by their length, each at least one and at most {@link closerDensity} a second. */
export function framesPerWindow(windows: readonly TimeSpan[], frames: number): number[] {
  const total = windows.reduce((sum, window) => sum + window.end - window.start, 0);
  return windows.map((window) => {
    const length = window.end - window.start;
    return Math.max(1, Math.min(Math.ceil(length * closerDensity), Math.floor((frames * length) / Math.max(total, 1e-9))));
  });
}

/** A plan of single frames with the frame nearest each of `times` moved onto it (same count, size and cost). */
function withFramesAt(plan: VisualPlan, times: readonly number[]): VisualPlan {
  const frames = plan.items.filter((item): item is PlannedFrame => item.kind === 'frame');
  if (times.length === 0 || frames.length !== plan.items.length) return plan;
  const moved = anchorSamples(frames.map((frame) => ({ time: frame.time })), times);
  return { ...plan, items: moved.map((sample, index) => ({ ...frames[index]!, time: sample.time })) };
}

/** One request of frames in windows around `cited`, with what is left of the budget, as large as that affords. */
async function closerLook(input: SearchInput, budget: SearchBudget, cited: readonly TimeSpan[], looks: readonly DirectRequestOutcome[]): Promise<{ outcome: DirectRequestOutcome; windows: TimeSpan[] }> {
  const { run, request, context, singlePlan } = input;
  const frameTimes = [...new Set(looks.flatMap((look) => look.evidence.map((evidence) => evidence.time)))].sort((a, b) => a - b);
  const windows = closerWindows(cited, frameTimes, run.span);
  const counts = framesPerWindow(windows, Math.min(budget.framesLeft, singlePlan.limits.images));
  const allotted = counts.reduce((sum, count) => sum + count, 0);
  // Each window gets tokens in proportion to its frames; the planner makes them as large as those afford.
  const windowPlans = await Promise.all(windows.map((window, index) => planTaskEvidence(
    run.info, window,
    { ...request, budget: { ...budget.ofWhatIsLeft(counts[index]! / allotted, counts[index]!), span: window }, strategy: 'uniform' },
    context, request.maxOutputTokens ?? input.defaultMaxOutputTokens,
  )));
  // The moments the thing was seen at (earlier frames inside a cited span) are shown again, larger, in
  // place of the nearest new frames: the closer look then holds every sighting, not only the new ones.
  const sightings = frameTimes.filter((time) => cited.some((span) => time >= span.start - 1e-9 && time <= span.end + 1e-9));
  const anchored = windowPlans.map((windowPlan) => withFramesAt(windowPlan, sightings.filter((time) => time >= windowPlan.span.start && time <= windowPlan.span.end)));
  const plan = combinePlans(anchored, { strategy: 'uniform (closer windows)', span: run.span, totalVisualTokens: null });
  const note = `These images show only ${windows.map((window) => formatSpan(window)).join(', ')} of the video, more closely; answer from them.`;
  const outcome = await requestOver(input, run.span, budget.ofWhatIsLeft(), 'uniform', note, plan);
  budget.spend(outcome.plan);
  return { outcome, windows };
}

const lookCloser: AskSearch = {
  id: 'look-closer',
  description: 'A first look over the span, then larger frames around the times its answer cites, inside the same budget.',
  async search(input) {
    const { run, request, singlePlan } = input;
    const duration = run.info.duration;
    const budget = new SearchBudget(request, run.span, singlePlan);
    const first = await requestOver(input, run.span, budget.firstPass(firstLookShare), request.strategy);
    budget.spend(first.plan);
    const passes: AskSearchOutcome['passes'] = [{ pass: 'first', spans: [run.span], answer: first.response.text, plan: first.plan, outcome: first }];
    const result = (reading: AnswerWithTimes, answered: DirectRequestOutcome): AskSearchOutcome => ({ reading, answered, passes, totalVisualTokens: budget.cap });
    let look = { outcome: first, reading: readAnswerTimes(first.response.text, duration) };
    if (look.reading.spans.length === 0 && budget.framesLeft >= 2) {
      // Nothing cited: what the question names was not seen; it may be brief, so look at other times,
      // keeping part of the budget to look closer at whatever that finds.
      const seenTimes = first.evidence.map((evidence) => evidence.time);
      const again = await requestOver(input, run.span, { ...budget.ofWhatIsLeft(rescanShare), seenTimes }, 'transients');
      budget.spend(again.plan);
      passes.push({ pass: 'rescan', spans: [run.span], answer: again.response.text, plan: again.plan, outcome: again });
      const rescan = { outcome: again, reading: readAnswerTimes(again.response.text, duration) };
      if (rescan.reading.spans.length === 0) return result(look.reading, look.outcome);
      look = rescan;
    }
    if (look.reading.spans.length === 0 || budget.framesLeft < 2) return result(look.reading, look.outcome);
    const closer = await closerLook(input, budget, look.reading.spans, passes.map((pass) => pass.outcome));
    passes.push({ pass: 'closer', spans: closer.windows, answer: closer.outcome.response.text, plan: closer.outcome.plan, outcome: closer.outcome });
    const reading = readAnswerTimes(closer.outcome.response.text, duration);
    // A closer answer that rests on nothing it saw does not overrule one that rests on what was seen.
    return reading.answer === '' || reading.spans.length === 0 ? result(look.reading, look.outcome) : result(reading, closer.outcome);
  },
};

export const askSearches = Object.freeze({
  'single-pass': singlePass,
  'look-closer': lookCloser,
} as const satisfies Record<string, AskSearch>);

export type AskSearchId = keyof typeof askSearches;

/**
 * The rule: look first and then closer when one request would see the span more thinly than 2 frames a
 * second, with frames or grids (not a native video), enough of them to split, and no time named in the
 * question (those times are already looked at up close).
 */
export function chooseAskSearch(singlePlan: VisualPlan, question: string, span: TimeSpan): AskSearch {
  return worthSplitting(singlePlan) && timesNamedIn(question, span).length === 0 ? askSearches['look-closer'] : askSearches['single-pass'];
}
