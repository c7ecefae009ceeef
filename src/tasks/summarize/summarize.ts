/**
 * `summarize`: a short or detailed summary, optionally with chapters (title + span). A video that one
 * request covers densely enough (at least one frame every 5 s under the budget) is summarized directly;
 * a longer one goes hierarchical (ViSMaP-style): chunk → caption each chunk (chunk-captions.ts, cached
 * by content hash, span, model and prompt) → a text-only merge that writes the summary and chapters
 * from the chunk captions (merge-captions.ts; in levels when they would not fit the context). The answer streams from the request that writes the summary.
 */

import { ConfigError } from '../../core/errors.js';
import type { VisualPlan } from '../../plan/visual-plan.js';
import { planTaskEvidence, runDirectRequest } from '../direct-request.js';
import { readChapters, type Chapter } from '../parse/chapters.js';
import { summaryPrompt, type SummaryLength } from '../prompts/summarize-prompt.js';
import type { TaskDefinition } from '../task.js';
import type { AnswerSpan, EvidenceTime } from '../task-result.js';
import { finishTaskResult, startTaskRun } from '../task-run.js';
import { captionChunks, cutChunks, type CaptionedChunk } from './chunk-captions.js';
import { mergeChunkCaptions } from './merge-captions.js';

/** Below this many frames per second of video, one request is too thin a look: go hierarchical. */
export const directSummaryMinDensity = 0.2;
/** The density each chunk of the hierarchical path is sized for. */
export const chunkDensity = 0.5;
const minimumChunkSeconds = 10;

export interface SummarizeDetail {
  length: SummaryLength;
  /** Null when chapters were not asked for. */
  chapters: Chapter[] | null;
  path: 'direct' | 'hierarchical';
  /** The hierarchical path's chunks, with their captions, which model wrote them and whether they came from the cache. */
  chunks: CaptionedChunk[] | null;
  /** Hierarchical path: condensing levels before the final merge (0 when the captions fit one merge). */
  mergeLevels: number;
  skippedLines: string[];
}

/** Seconds per chunk: what one request's plan covers at `chunkDensity`, or the request's own choice. */
export function chooseChunkSeconds(plan: VisualPlan, requested: number | undefined): number {
  if (requested !== undefined) {
    if (!(Number.isFinite(requested) && requested > 0)) throw new ConfigError('summarize request', `chunkSeconds must be a number of seconds > 0 (got ${requested}).`);
    return requested;
  }
  return Math.max(minimumChunkSeconds, Math.floor(plan.estimate.frames / chunkDensity));
}

export const summarizeTask: TaskDefinition<SummarizeDetail> = {
  id: 'summarize',
  description: 'Summarize the video (short or detailed), with chapters; long videos are chunked, captioned and merged.',
  needsQuery: false,
  async run(request, context) {
    const run = await startTaskRun('summarize', request, context, false);
    const style = context.model.profile.timestampStyle;
    const length: SummaryLength = request.length ?? 'short';
    const wantsChapters = request.chapters === true;
    const maxOutputTokens = request.maxOutputTokens ?? (length === 'detailed' || wantsChapters ? 1024 : 384);
    const wholePlan = await planTaskEvidence(run.info, run.span, request, context, maxOutputTokens);
    // An explicit chunk length asks for the hierarchical path whenever the span is longer than one chunk.
    const hierarchical = request.chunkSeconds !== undefined ? run.span.end - run.span.start > request.chunkSeconds : wholePlan.estimate.density < directSummaryMinDensity;

    let text: string;
    let plan: VisualPlan | null;
    let evidence: EvidenceTime[];
    let chunks: CaptionedChunk[] | null = null;
    let mergeLevels = 0;
    const warnings: string[] = [];
    let response;
    if (!hierarchical) {
      const outcome = await runDirectRequest({
        info: run.info, span: run.span, request, context, transcript: run.transcript, plan: wholePlan,
        prompt: summaryPrompt(length, wantsChapters, style), defaultMaxOutputTokens: maxOutputTokens,
      });
      run.usage.add(outcome.response, outcome.plan);
      ({ response, plan, evidence } = outcome);
      text = outcome.response.text;
      warnings.push(...outcome.warnings);
    } else {
      const chunkSpans = cutChunks(run.span, chooseChunkSeconds(wholePlan, request.chunkSeconds));
      const captioned = await captionChunks({ info: run.info, chunks: chunkSpans, request, context, transcript: run.transcript, usage: run.usage });
      chunks = captioned.chunks;
      warnings.push(...captioned.warnings);
      const merged = await mergeChunkCaptions({
        captions: chunks.map((chunk) => ({ span: chunk.span, caption: chunk.caption })),
        length, chapters: wantsChapters, duration: run.info.duration, maxOutputTokens, context, usage: run.usage,
      });
      mergeLevels = merged.levels;
      warnings.push(...merged.warnings);
      response = merged.response;
      text = response.text;
      plan = chunks.find((chunk) => chunk.plan !== null)?.plan ?? null;
      // Every chunk's evidence; `image` indexes count within each chunk's own request.
      evidence = chunks.flatMap((chunk) => chunk.evidence);
    }

    const read = wantsChapters ? readChapters(text, run.info.duration) : { summary: text.trim(), chapters: [], skippedLines: [], warnings: [] };
    warnings.push(...read.warnings);
    if (wantsChapters && read.chapters.length === 0) warnings.push('chapters were asked for, but the answer held none in the asked format (span | title).');
    const spans: AnswerSpan[] = read.chapters.map((chapter) => ({ start: chapter.span.start, end: chapter.span.end, label: chapter.title }));
    return finishTaskResult('summarize', request, context, run, {
      output: read.summary, spans, evidence, plan, response, warnings,
      detail: { length, chapters: wantsChapters ? read.chapters : null, path: hierarchical ? 'hierarchical' : 'direct', chunks, mergeLevels, skippedLines: read.skippedLines },
    });
  },
};

export type { Chapter } from '../parse/chapters.js';
