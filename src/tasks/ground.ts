/**
 * `ground`: when does an event happen — one or several spans, read by the span parser users get, or a
 * plain statement that it does not happen. JSON (`{"spans": […]}` under a schema) where the profile
 * enforces structured output, else one `start-end` line per span.
 *
 * Confidence has one stated source only: where the profile returns token log-probabilities, each span
 * carries the geometric-mean probability of the answer's tokens (exp of their mean log-probability),
 * source `token-logprobs` — one number for the whole answer, since the tokens of one span cannot be
 * told apart reliably. Otherwise spans carry no confidence and `detail.confidenceSource` is null.
 * With a coarse-to-fine search the confidence is the first (coarse) answer's: whether the event is there.
 *
 * How the budget is spent is a search procedure (ground-search.ts): one request, or a coarse look and
 * then dense looks at each boundary when one request would see the span thinly. The result's plan
 * then combines every request's plan, its usage counts every request, and `detail.passes` lists them.
 */

import { formatSpan } from '../core/time.js';
import type { TokenLogprob } from '../models/language-model.js';
import { combinePlans } from '../plan/combine-plans.js';
import { planTaskEvidence } from './direct-request.js';
import { chooseGroundSearch, type GroundPass, type GroundSearchId } from './ground-search.js';
import { groundJsonSchema, groundPrompt } from './prompts/ground-prompt.js';
import type { TaskDefinition } from './task.js';
import { tallyPasses } from './search-budget.js';
import type { AnswerSpan, ConfidenceSource } from './task-result.js';
import { finishTaskResult, startTaskRun } from './task-run.js';

export interface GroundDetail {
  /** True when spans were found, false when the model says it does not happen, null when the answer could not be read. */
  happens: boolean | null;
  format: 'json' | 'text';
  confidenceSource: ConfidenceSource | null;
  /** The model's answer as written (the first request's; every request's is in `passes`). */
  answer: string;
  /** Why the answer could not be read, when it could not. */
  unparsed: string | null;
  /** How the budget was spent (ground-search.ts): one request, or a coarse look then boundary looks. */
  search: GroundSearchId;
  /** Every request in order: what it covered, what it answered, and its plan. */
  passes: GroundPass[];
}

/** exp(mean log-probability) of the answer's tokens, or undefined without log-probabilities. */
export function answerProbability(logprobs: readonly TokenLogprob[] | undefined): number | undefined {
  if (!logprobs || logprobs.length === 0) return undefined;
  const mean = logprobs.reduce((total, token) => total + token.logprob, 0) / logprobs.length;
  return Math.exp(mean);
}

export const groundTask: TaskDefinition<GroundDetail> = {
  id: 'ground',
  description: 'Find when an event happens: one or several time spans, or a plain statement that it does not.',
  needsQuery: true,
  async run(request, context) {
    const run = await startTaskRun('ground', request, context, true);
    const profile = context.model.profile;
    const json = profile.supportsJson;
    const defaultMaxOutputTokens = 256;
    const singlePlan = await planTaskEvidence(run.info, run.span, request, context, request.maxOutputTokens ?? defaultMaxOutputTokens, run.query);
    const search = chooseGroundSearch(singlePlan);
    const found = await search.search({
      run, request, context, singlePlan, defaultMaxOutputTokens,
      prompt: groundPrompt(run.query, profile.timestampStyle, json),
      parameters: { ...(json ? { jsonSchema: { ...groundJsonSchema } } : {}), ...(profile.supportsLogprobs ? { logprobs: true } : {}) },
    });
    const { warnings, evidence } = tallyPasses(run, found.passes);
    const first = found.first;
    const probability = answerProbability(first.response.logprobs);
    const confidence = probability === undefined ? undefined : { value: probability, source: 'token-logprobs' as const };
    if (profile.supportsLogprobs && confidence === undefined) warnings.push('log-probabilities were asked for but not returned; the spans carry no confidence.');

    const searched = formatSpan(run.span, { style: profile.timestampStyle });
    const answer = found.answer;
    warnings.push(...answer.warnings);
    let spans: AnswerSpan[] = [];
    let happens: boolean | null;
    let unparsed: string | null = null;
    let output: string;
    if (answer.kind === 'spans') {
      spans = answer.spans.map((span) => ({ start: span.start, end: span.end, ...(confidence ? { confidence } : {}) }));
      happens = true;
      output = `It happens at ${spans.map((span) => formatSpan(span, { style: profile.timestampStyle })).join(', ')}.`;
    } else if (answer.kind === 'not-found') {
      happens = false;
      output = `It does not happen in the video (searched ${searched}).`;
    } else {
      happens = null;
      unparsed = answer.reason;
      warnings.push(`the answer could not be read as time spans: ${unparsed}`);
      output = `The answer could not be read as times: ${first.response.text.trim()}`;
    }
    const plans = found.passes.map((pass) => pass.plan);
    const plan = plans.length === 1 ? plans[0]! : combinePlans(plans, { strategy: `${search.id} (${plans[0]!.strategy})`, span: run.span, totalVisualTokens: found.totalVisualTokens });
    return finishTaskResult('ground', request, context, run, {
      output, spans, evidence, plan, response: found.passes.at(-1)!.outcome.response, warnings,
      detail: {
        happens, format: json ? 'json' : 'text', confidenceSource: confidence ? 'token-logprobs' : null, answer: first.response.text, unparsed,
        search: search.id as GroundSearchId,
        passes: found.passes.map(({ outcome: _outcome, ...pass }) => pass),
      },
    });
  },
};
