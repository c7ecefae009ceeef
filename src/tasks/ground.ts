/**
 * `ground`: when does an event happen — one or several spans, read by the span parser users get, or a
 * plain statement that it does not happen. JSON (`{"spans": […]}` under a schema) where the profile
 * enforces structured output, else one `start-end` line per span.
 *
 * Confidence has one stated source only: where the profile returns token log-probabilities, each span
 * carries the geometric-mean probability of the answer's tokens (exp of their mean log-probability),
 * source `token-logprobs` — one number for the whole answer, since the tokens of one span cannot be
 * told apart reliably. Otherwise spans carry no confidence and `detail.confidenceSource` is null.
 */

import { formatSpan } from '../core/time.js';
import type { TokenLogprob } from '../models/language-model.js';
import { parseTimeSpans } from '../plan/parse-time-spans.js';
import { runDirectRequest } from './direct-request.js';
import { groundJsonSchema, groundPrompt, notFoundAnswer } from './prompts/ground-prompt.js';
import type { TaskDefinition } from './task.js';
import type { AnswerSpan, ConfidenceSource } from './task-result.js';
import { finishTaskResult, startTaskRun } from './task-run.js';

export interface GroundDetail {
  /** True when spans were found, false when the model says it does not happen, null when the answer could not be read. */
  happens: boolean | null;
  format: 'json' | 'text';
  confidenceSource: ConfidenceSource | null;
  /** The model's answer as written. */
  answer: string;
  /** Why the answer could not be read, when it could not. */
  unparsed: string | null;
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
    const outcome = await runDirectRequest({
      info: run.info, span: run.span, request, context, transcript: run.transcript, query: run.query,
      prompt: groundPrompt(run.query, profile.timestampStyle, json),
      parameters: { ...(json ? { jsonSchema: { ...groundJsonSchema } } : {}), ...(profile.supportsLogprobs ? { logprobs: true } : {}) },
      defaultMaxOutputTokens: 256,
    });
    run.usage.add(outcome.response, outcome.plan);
    const text = outcome.response.text;
    const warnings = [...outcome.warnings];
    const probability = answerProbability(outcome.response.logprobs);
    const confidence = probability === undefined ? undefined : { value: probability, source: 'token-logprobs' as const };
    if (profile.supportsLogprobs && confidence === undefined) warnings.push('log-probabilities were asked for but not returned; the spans carry no confidence.');

    const searched = formatSpan(run.span, { style: profile.timestampStyle });
    const parsed = parseTimeSpans(text, run.info.duration);
    let spans: AnswerSpan[] = [];
    let happens: boolean | null;
    let unparsed: string | null = null;
    let output: string;
    if (parsed.kind === 'spans' && parsed.spans.length > 0) {
      warnings.push(...parsed.warnings);
      spans = parsed.spans.map((span) => ({ start: span.start, end: span.end, ...(confidence ? { confidence } : {}) }));
      happens = true;
      output = `It happens at ${spans.map((span) => formatSpan(span, { style: profile.timestampStyle })).join(', ')}.`;
    } else if ((parsed.kind === 'spans' && parsed.spans.length === 0) || new RegExp(`\\b${notFoundAnswer}\\b`, 'i').test(text)) {
      if (parsed.kind === 'spans') warnings.push(...parsed.warnings);
      happens = false;
      output = `It does not happen in the video (searched ${searched}).`;
    } else {
      happens = null;
      unparsed = parsed.kind === 'unparsed' ? parsed.reason : 'no spans';
      warnings.push(`the answer could not be read as time spans: ${unparsed}`);
      output = `The answer could not be read as times: ${text.trim()}`;
    }
    return finishTaskResult('ground', request, context, run, {
      output, spans, evidence: outcome.evidence, plan: outcome.plan, response: outcome.response, warnings,
      detail: { happens, format: json ? 'json' : 'text', confidenceSource: confidence ? 'token-logprobs' : null, answer: text, unparsed },
    });
  },
};
