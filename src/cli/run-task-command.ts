/**
 * The shared action of the task commands: read the shared flags, resolve the model (or explain how to
 * configure one), probe the video, run the task through the registry with progress and streaming, then
 * print the answer, times and cost (or the JSON result) and write the requested files.
 */

import { ConfigError } from '../core/errors.js';
import { parseSpan } from '../core/time.js';
import { probe } from '../media/probe.js';
import { runTask } from '../tasks/registry.js';
import type { TaskRequest } from '../tasks/task.js';
import type { TaskResult } from '../tasks/task-result.js';
import { cliCache } from './cache.js';
import type { CommandContext } from './command.js';
import { createProgressRenderer } from './progress-bar.js';
import { AnswerStream, formatSpanForPeople, renderAnswer } from './render-answer.js';
import { renderPlanLines } from './render-plan.js';
import { askNoModelHelp, chooseModel, resolveTaskModel } from './resolve-model.js';
import { readTaskFlags, type TaskFlags } from './task-flags.js';
import { writeAnswerFiles, type WrittenAnswerFiles } from './write-answer-files.js';

export interface TaskCommandInput {
  /** Registry id: `ask`, `ground`, `caption`, `summarize`, `highlights`. */
  task: string;
  video: string;
  query?: string;
  /** Task-specific fields (choices, dense, chapters, length, clipSeconds). */
  request?: Omit<TaskRequest, 'video' | 'query' | 'budget' | 'strategy' | 'maxOutputTokens'>;
  /** Whether the answer's text is the model's text as it streams (not reworded by the task). */
  streams: boolean;
  /** Show only this many spans, most salient first (`highlights --top`); JSON keeps them all. */
  topSpans?: number;
}

/** Pure: the result as shown, with at most `top` spans, most salient first (ties keep their order). */
export function topSpansOf(result: TaskResult, top: number | undefined): TaskResult {
  if (top === undefined || result.spans.length <= top) return result;
  const ranked = result.spans.map((span, index) => ({ span, index }))
    .sort((a, b) => (b.span.salience ?? 0) - (a.span.salience ?? 0) || a.index - b.index);
  return { ...result, spans: ranked.slice(0, top).map(({ span }) => span) };
}

/** Pure: the lines naming the files written and the ones skipped. */
export function renderFileLines(files: WrittenAnswerFiles): string[] {
  const lines: string[] = [];
  if (files.storyboard) lines.push(`storyboard → ${files.storyboard}`);
  if (files.html) lines.push(`answer page → ${files.html}`);
  if (files.clip) lines.push(`clip ${formatSpanForPeople(files.clip.span)} → ${files.clip.path}`);
  for (const reason of files.skipped) lines.push(`note: ${reason}`);
  return lines;
}

export async function runTaskCommand(input: TaskCommandInput, options: Record<string, unknown>, context: CommandContext): Promise<TaskResult> {
  const flags = readTaskFlags(options);
  const library = typeof options.library === 'string' && options.library !== '' ? options.library : undefined;
  // `ask` with no model on an indexed video answers its closed set from the store (tasks/memory); otherwise the setup help.
  if (input.task === 'ask' && input.query !== undefined && !input.request?.choices && chooseModel(flags.model, context.config) === undefined) {
    return answerWithoutModel(input.video, input.query, flags, library, context);
  }
  const model = await resolveTaskModel(flags.model, context.config, context.signal);
  const cache = cliCache(context);
  const onProgress = createProgressRenderer(context.stderr, !flags.json);
  const info = await probe(input.video, { signal: context.signal, cache });
  const span = flags.spanText ? parseSpan(flags.spanText, 'flag --span', info.duration) : undefined;

  const request: TaskRequest = {
    ...input.request,
    video: input.video,
    ...(input.query !== undefined ? { query: input.query } : {}),
    budget: {
      ...(flags.maxVisualTokens !== undefined ? { maxVisualTokens: flags.maxVisualTokens } : {}),
      ...(flags.maxImages !== undefined ? { maxImages: flags.maxImages } : {}),
      ...(flags.maxUsd !== undefined ? { maxUsd: flags.maxUsd } : {}),
      ...(input.query !== undefined ? { question: input.query } : {}),
      ...(span ? { span } : {}),
    },
    ...(flags.strategy !== undefined ? { strategy: flags.strategy } : {}),
    ...(flags.maxOutputTokens !== undefined ? { maxOutputTokens: flags.maxOutputTokens } : {}),
  };
  const stream = !flags.json && input.streams ? new AnswerStream(context.stdout) : undefined;
  const result = await runTask(input.task, request, {
    model,
    signal: context.signal,
    onProgress,
    cache,
    ...(stream ? { onTextDelta: stream.onTextDelta } : {}),
    ...(library ? { library } : {}),
  });
  const streamed = stream?.finish(result.output).streamed ?? false;
  const shown = topSpansOf(result, input.topSpans);

  const files = await writeAnswerFiles(shown, flags, {
    duration: info.duration,
    signal: context.signal,
    onProgress,
    cache,
    ...(input.query !== undefined ? { query: input.query } : {}),
  });
  if (flags.json) {
    context.stdout.write(JSON.stringify({ ...result, files }, null, 2) + '\n');
    return result;
  }
  const planLines = flags.showPlan && result.plan ? renderPlanLines(result.plan, result.model.id) : [];
  context.stdout.write(renderAnswer(shown, { streamed, planLines }));
  const fileLines = renderFileLines(files);
  if (fileLines.length > 0) context.stdout.write(fileLines.join('\n') + '\n');
  return result;
}

/** No model: the answer from the video's index, printed like any answer; a video not indexed gets the setup help (exit 1). */
async function answerWithoutModel(video: string, question: string, flags: TaskFlags, library: string | undefined, context: CommandContext): Promise<TaskResult> {
  const cache = cliCache(context);
  const info = await probe(video, { signal: context.signal, cache });
  const span = flags.spanText ? parseSpan(flags.spanText, 'flag --span', info.duration) : undefined;
  const { askWithoutModel } = await import('../tasks/memory/ask-without-model.js');
  const { result, warnings } = await askWithoutModel(video, question, { signal: context.signal, cache, ...(library ? { library } : {}), ...(span ? { span } : {}) });
  if (!result) throw new ConfigError('no model configured', [askNoModelHelp, ...warnings.map((warning) => `note: ${warning}`)].join('\n'));
  if (flags.json) {
    context.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return result;
  }
  context.stdout.write(renderAnswer(result, { streamed: false }));
  return result;
}
