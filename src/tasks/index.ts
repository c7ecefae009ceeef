/**
 * The tasks' public surface: the registry (`runTask`, `getTask`, `listTasks`), the request, context and
 * result shapes, each task's detail type, and the prompt builders (for snapshot tests and the oracle).
 */

export { getTask, isTaskId, listTasks, runTask, taskRegistry, type TaskDetail, type TaskId } from './registry.js';
export type { TaskContext, TaskDefinition, TaskRequest } from './task.js';
export type { AnswerSpan, ConfidenceSource, EvidenceTime, TaskResult, TaskUsage } from './task-result.js';
export type { AskDetail } from './ask.js';
export type { GroundDetail } from './ground.js';
export type { CaptionDetail, CaptionEvent } from './caption.js';
export type { HighlightClip, HighlightMoment, HighlightsDetail } from './highlights.js';
export type { Chapter, SummarizeDetail } from './summarize/summarize.js';
export { chunkCaptionNamespace, type ChunkCaptionRecord } from './summarize/chunk-captions.js';
export { defaultTaskBudget } from './direct-request.js';
export { requestUsd } from './task-usage.js';
export { askPrompt } from './prompts/ask-prompt.js';
export { groundPrompt, groundJsonSchema } from './prompts/ground-prompt.js';
export { captionPrompt, denseCaptionPrompt } from './prompts/caption-prompt.js';
export { chunkCaptionPrompt, mergePrompt, summaryPrompt } from './prompts/summarize-prompt.js';
export { highlightsPrompt } from './prompts/highlights-prompt.js';
