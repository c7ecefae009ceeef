/**
 * Checks a task request before any work starts and probes its video: the query a task needs, the
 * span it names (inside the video, start before end), the budget's numbers. Bad input becomes a typed
 * error that names the input and says what to do; a missing or unreadable video becomes the
 * `MediaError` that probe raises.
 */

import { ConfigError, MediaError } from '../core/errors.js';
import { formatTime, type TimeSpan } from '../core/time.js';
import { probe } from '../media/probe.js';
import type { VideoInfo } from '../media/video-info.js';
import type { TaskContext, TaskRequest } from './task.js';

export interface CheckedInput {
  info: VideoInfo;
  /** The part of the video asked about (the whole video when no span was given). */
  span: TimeSpan;
  /** The query, trimmed; empty when the task takes none. */
  query: string;
  warnings: string[];
}

/**
 * Validates the request for task `taskId` and probes its video.
 * @example const { info, span, query } = await checkTaskInput('ground', { video: 'a.mp4', query: 'the dog jumps' }, context, true);
 */
export async function checkTaskInput(taskId: string, request: TaskRequest, context: TaskContext, needsQuery: boolean): Promise<CheckedInput> {
  if (typeof request.video !== 'string' || request.video.trim() === '') {
    throw new ConfigError(`${taskId} request`, 'names no video; pass the path of a video file.');
  }
  const query = (request.query ?? '').trim();
  if (needsQuery && query === '') {
    throw new ConfigError(`${taskId} request`, `needs a query (the ${taskId === 'ask' ? 'question' : taskId === 'ground' ? 'event to find' : 'what to look for'}); e.g. reelm ${taskId} video.mp4 "…".`);
  }
  if (request.choices !== undefined && request.choices.length > 26) {
    throw new ConfigError(`${taskId} request`, `has ${request.choices.length} choices; at most 26 (A–Z) can be lettered.`);
  }
  if (request.clipSeconds !== undefined && !(Number.isFinite(request.clipSeconds) && request.clipSeconds > 0)) {
    throw new ConfigError(`${taskId} request`, `clipSeconds must be a number of seconds > 0 (got ${request.clipSeconds}).`);
  }
  const info = await probe(request.video, { ...(context.signal ? { signal: context.signal } : {}), ...(context.cache === undefined ? {} : { cache: context.cache }) });
  if (!info.video) throw new MediaError(request.video, 'no-video-stream', 'has no video stream (audio only?); the tasks answer from pictures.');
  const warnings: string[] = [];
  const span = checkSpan(request, info, warnings);
  return { info, span, query, warnings };
}

/** The requested span inside the video: clamped with a warning when it sticks out, an error when it lies outside. */
function checkSpan(request: TaskRequest, info: VideoInfo, warnings: string[]): TimeSpan {
  const whole = { start: 0, end: info.duration };
  const asked = request.budget?.span;
  if (!asked) return whole;
  const extent = `00:00:00.0–${formatTime(info.duration)}`;
  if (!Number.isFinite(asked.start) || !Number.isFinite(asked.end) || asked.end <= asked.start) {
    throw new MediaError(request.video, 'out-of-range', `the span ${asked.start}–${asked.end} s is empty or reversed; give a start before the end, inside ${extent}.`);
  }
  if (asked.end <= 0 || asked.start >= info.duration) {
    throw new MediaError(request.video, 'out-of-range', `the span ${formatTime(Math.max(0, asked.start))}–${formatTime(Math.max(0, asked.end))} lies outside the video (${extent}); choose a span inside it.`);
  }
  const span = { start: Math.max(0, asked.start), end: Math.min(info.duration, asked.end) };
  if (span.start !== asked.start || span.end !== asked.end) {
    warnings.push(`the span ${asked.start}–${asked.end} s reaches past the video; used ${formatTime(span.start)}–${formatTime(span.end)}.`);
  }
  return span;
}
