/**
 * The frame every task runs in: check the input and probe the video, load the subtitles, meter the
 * requests, and put the result together in the one shape every task returns (task-result.ts).
 */

import type { TimeSpan } from '../core/time.js';
import type { VideoInfo } from '../media/video-info.js';
import type { GenerateResponse } from '../models/language-model.js';
import type { TranscriptSource } from '../plan/evidence.js';
import type { VisualPlan } from '../plan/visual-plan.js';
import { loadTranscript } from './load-transcript.js';
import type { TaskContext, TaskRequest } from './task.js';
import type { AnswerSpan, EvidenceTime, TaskResult } from './task-result.js';
import { checkTaskInput } from './task-input.js';
import { UsageMeter } from './task-usage.js';

export interface TaskRun {
  info: VideoInfo;
  span: TimeSpan;
  query: string;
  transcript: TranscriptSource[];
  usage: UsageMeter;
  warnings: string[];
}

/** Checks the request, probes the video, loads subtitles, and starts the usage meter. */
export async function startTaskRun(taskId: string, request: TaskRequest, context: TaskContext, needsQuery: boolean): Promise<TaskRun> {
  const checked = await checkTaskInput(taskId, request, context, needsQuery);
  const loaded = await loadTranscript(checked.info, request, context);
  return { ...checked, transcript: loaded.transcript, usage: new UsageMeter(context.model.profile), warnings: [...checked.warnings, ...loaded.warnings] };
}

export interface ResultParts<Detail> {
  output: string;
  spans: AnswerSpan[];
  evidence: EvidenceTime[];
  plan: VisualPlan | null;
  /** The last response, whose endpoint names the model that answered. */
  response: GenerateResponse | null;
  warnings: string[];
  detail: Detail;
}

/** The task's result, with usage stamped and warnings de-duplicated in order. */
export function finishTaskResult<Detail>(taskId: string, request: TaskRequest, context: TaskContext, run: TaskRun, parts: ResultParts<Detail>): TaskResult<Detail> {
  return {
    task: taskId,
    video: request.video,
    output: parts.output,
    spans: parts.spans,
    evidence: parts.evidence,
    usage: run.usage.finish(),
    plan: parts.plan,
    model: { ...(parts.response?.endpoint ?? context.model.endpoint), id: context.model.id },
    warnings: [...new Set([...run.warnings, ...parts.warnings])],
    detail: parts.detail,
  };
}
