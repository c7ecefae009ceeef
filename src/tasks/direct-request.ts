/**
 * The direct-mode path every task shares (DESIGN.md, "the path of a question"): plan the visual
 * evidence for a span under the budget → decode it (realizePlan) → assemble the messages (time labels,
 * subtitles as delimited untrusted data, the task's question and instruction last) → generate,
 * streaming the answer where the provider streams. Returns the response with the plan, the messages and
 * the evidence times of the images actually sent; parsing the answer is the task's job.
 */

import type { TimeSpan } from '../core/time.js';
import type { GenerateResponse, GenerationParameters } from '../models/language-model.js';
import type { ModelMessage, UserContentPart } from '../models/messages.js';
import { assembleMessages } from '../plan/assemble-messages.js';
import { evidenceTimes, type EvidenceImage, type TranscriptSource } from '../plan/evidence.js';
import { planForVideo } from '../plan/plan-visual-budget.js';
import { isVideoPart, realizePlanDetailed } from '../plan/realize-evidence.js';
import type { VideoInfo } from '../media/video-info.js';
import type { VisualBudget, VisualPlan } from '../plan/visual-plan.js';
import type { TaskContext, TaskRequest } from './task.js';
import type { EvidenceTime } from './task-result.js';

/** The visual budget a task uses when the request sets no cap of its own (tokens, images or money). */
export const defaultTaskBudget: Readonly<VisualBudget> = Object.freeze({ maxVisualTokens: 16_000 });

export interface DirectRequestInput {
  info: VideoInfo;
  /** The part of the video the evidence comes from. */
  span: TimeSpan;
  request: TaskRequest;
  context: TaskContext;
  /** The task's prompt: the question (first) and the instruction on how to answer. */
  prompt: { question: string; instruction: string };
  /** Timed text to join the evidence (already loaded, see loadTranscript). */
  transcript: TranscriptSource[];
  /** Task-specific parameters (a JSON schema, log-probabilities); temperature 0 and the output cap are set here. */
  parameters?: GenerationParameters;
  defaultMaxOutputTokens: number;
  /** Pass the context's onTextDelta (the answer a user watches); false for intermediate requests. Default true. */
  stream?: boolean;
  /** The query, for question-guided planning. */
  query?: string;
  /** A plan already made for this span and budget (summarize plans first to choose its path). */
  plan?: VisualPlan;
}

export interface DirectRequestOutcome {
  response: GenerateResponse;
  plan: VisualPlan;
  messages: ModelMessage[];
  evidence: EvidenceTime[];
  warnings: string[];
}

/** The request's budget for a span, with the task default when it sets no cap. */
export function taskBudget(request: TaskRequest, span: TimeSpan, query?: string): VisualBudget {
  const budget = request.budget ?? {};
  const capped = budget.maxVisualTokens !== undefined || budget.maxImages !== undefined || budget.maxUsd !== undefined;
  return { ...(capped ? {} : defaultTaskBudget), ...budget, span, ...(query ? { question: query } : {}) };
}

/**
 * Plans, decodes, assembles and asks one request about one span.
 * @example const { response, plan, evidence } = await runDirectRequest({ info, span, request, context, prompt, transcript: [], defaultMaxOutputTokens: 512 });
 */
export async function runDirectRequest(input: DirectRequestInput): Promise<DirectRequestOutcome> {
  const { info, span, request, context } = input;
  const profile = context.model.profile;
  const maxOutputTokens = request.maxOutputTokens ?? input.defaultMaxOutputTokens;
  const plan = input.plan ?? await planTaskEvidence(info, span, request, context, maxOutputTokens, input.query);
  const realized = await realizePlanDetailed(info, plan, {
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.onProgress ? { onProgress: context.onProgress } : {}),
    ...(context.cache === undefined ? {} : { cache: context.cache }),
  });
  const images = realized.evidence.filter((part): part is EvidenceImage => !isVideoPart(part));
  const videos = realized.evidence.filter(isVideoPart);
  const messages = assembleMessages({
    question: input.prompt.question,
    instruction: input.prompt.instruction,
    duration: info.duration,
    evidence: images,
    transcript: input.transcript,
    timestampStyle: profile.timestampStyle,
  });
  if (videos.length > 0) insertVideoParts(messages, videos);

  const parameters: GenerationParameters = { temperature: 0, maxOutputTokens, ...input.parameters };
  const stream = input.stream ?? true;
  const response = await context.model.generate({
    messages,
    parameters,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(stream && context.onTextDelta ? { onTextDelta: context.onTextDelta } : {}),
  });
  return { response, plan, messages, evidence: evidenceOf(messages), warnings: [...plan.warnings, ...realized.warnings, ...response.warnings] };
}

/** The visual plan for one request of a task: the request's strategy and budget over `span`. */
export function planTaskEvidence(info: VideoInfo, span: TimeSpan, request: TaskRequest, context: TaskContext, maxOutputTokens: number, query?: string): Promise<VisualPlan> {
  return planForVideo(info, taskBudget(request, span, query), context.model.profile, {
    strategy: request.strategy ?? 'auto',
    maxOutputTokens,
    ...(context.embedder ? { embedder: context.embedder } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.onProgress ? { onProgress: context.onProgress } : {}),
    ...(context.cache === undefined ? {} : { cache: context.cache }),
  });
}

/** A native video goes before the question (the last text part) of the user message. */
function insertVideoParts(messages: ModelMessage[], videos: UserContentPart[]): void {
  const user = messages.find((message) => message.role === 'user');
  if (!user || typeof user.content === 'string') return;
  user.content.splice(user.content.length - 1, 0, ...videos);
}

/** The time of every image (and grid tile) in the order the request carries them. */
export function evidenceOf(messages: readonly ModelMessage[]): EvidenceTime[] {
  const evidence: EvidenceTime[] = [];
  let image = 0;
  for (const message of messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type !== 'image') continue;
      for (const time of evidenceTimes(part as EvidenceImage)) evidence.push({ time, image });
      image += 1;
    }
  }
  return evidence;
}
