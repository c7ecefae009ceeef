/**
 * `highlights` (QVHighlights-style): the span is cut into fixed clips (2 s by default); the model scores
 * the clips that match the query 0–4 (prompts/highlights-prompt.ts) and unlisted clips score 0. The
 * result gives every clip's saliency (`detail.saliencyScores`, QVHighlights' `pred_saliency_scores`,
 * and `clips` with salience 0–1), the best clip, and the top moments — runs of adjacent clips scoring
 * at least half the best score, ranked by their best then mean score (`pred_relevant_windows`).
 */

import { formatSpan, type TimeSpan } from '../core/time.js';
import { runDirectRequest } from './direct-request.js';
import { readScore, readTimelineLines } from './parse/timeline-lines.js';
import { highestSaliency, highlightsPrompt } from './prompts/highlights-prompt.js';
import type { TaskDefinition } from './task.js';
import type { AnswerSpan } from './task-result.js';
import { finishTaskResult, startTaskRun } from './task-run.js';

export const defaultClipSeconds = 2;
/** Moments returned as spans (QVHighlights keeps more windows; five is what a person reads). */
const topMomentCount = 5;

export interface HighlightClip extends TimeSpan {
  /** The model's score, 0–4. */
  score: number;
  /** score / 4. */
  salience: number;
}

export interface HighlightMoment extends TimeSpan {
  /** Mean score of its clips, 0–4. */
  score: number;
}

export interface HighlightsDetail {
  query: string;
  clipSeconds: number;
  clips: HighlightClip[];
  /** One score per clip, 0–4, in time order. */
  saliencyScores: number[];
  /** The highest-scoring clip (the earliest among ties), or null when every clip scores 0. */
  topClip: HighlightClip | null;
  topMoments: HighlightMoment[];
  skippedLines: string[];
}

/** Clips of `clipSeconds` from the span's start; the last one ends with the span. */
export function cutClips(span: TimeSpan, clipSeconds: number): TimeSpan[] {
  const clips: TimeSpan[] = [];
  for (let index = 0; span.start + index * clipSeconds < span.end - 1e-9; index++) {
    const start = span.start + index * clipSeconds;
    clips.push({ start, end: Math.min(span.end, start + clipSeconds) });
  }
  return clips;
}

/** Runs of adjacent clips scoring at least half the best, best first. */
export function topMoments(clips: readonly HighlightClip[], count: number): HighlightMoment[] {
  const best = Math.max(0, ...clips.map((clip) => clip.score));
  if (best === 0) return [];
  const runs: HighlightClip[][] = [];
  let current: HighlightClip[] = [];
  for (const clip of clips) {
    if (clip.score >= best / 2) current.push(clip);
    else if (current.length > 0) (runs.push(current), (current = []));
  }
  if (current.length > 0) runs.push(current);
  const ranked = runs.map((run) => ({ run, max: Math.max(...run.map((clip) => clip.score)), mean: run.reduce((total, clip) => total + clip.score, 0) / run.length }));
  ranked.sort((a, b) => b.max - a.max || b.mean - a.mean || a.run[0]!.start - b.run[0]!.start);
  return ranked.slice(0, count).map(({ run, mean }) => ({ start: run[0]!.start, end: run.at(-1)!.end, score: mean }));
}

export const highlightsTask: TaskDefinition<HighlightsDetail> = {
  id: 'highlights',
  description: 'Score every clip (2 s by default) for a query and return the top moments (QVHighlights-style).',
  needsQuery: true,
  async run(request, context) {
    const run = await startTaskRun('highlights', request, context, true);
    const style = context.model.profile.timestampStyle;
    const clipSeconds = request.clipSeconds ?? defaultClipSeconds;
    const clipSpans = cutClips(run.span, clipSeconds);
    const outcome = await runDirectRequest({
      info: run.info, span: run.span, request, context, transcript: run.transcript, query: run.query,
      prompt: highlightsPrompt(run.query, clipSeconds, run.span, style),
      defaultMaxOutputTokens: 1024,
    });
    run.usage.add(outcome.response, outcome.plan);
    const read = readTimelineLines(outcome.response.text, run.info.duration);
    const warnings = [...outcome.warnings, ...read.warnings];
    const scores = clipSpans.map(() => 0);
    let unreadable = 0;
    for (const line of read.lines) {
      const score = readScore(line.fields[0], highestSaliency);
      if (score === undefined) {
        unreadable += 1;
        continue;
      }
      // A line scores every clip it covers for at least half the clip (a 4-s line covers two 2-s clips).
      clipSpans.forEach((clip, index) => {
        const overlap = Math.min(clip.end, line.span.end) - Math.max(clip.start, line.span.start);
        if (overlap >= (clip.end - clip.start) / 2 - 1e-6) scores[index] = Math.max(scores[index]!, score);
      });
    }
    if (unreadable > 0) warnings.push(`${unreadable} line(s) had no score from 0 to ${highestSaliency} and were skipped.`);
    if (read.skipped.length > 0) warnings.push(`${read.skipped.length} line(s) of the answer were not clip scores (span | score) and were skipped.`);
    const clips: HighlightClip[] = clipSpans.map((clip, index) => ({ ...clip, score: scores[index]!, salience: scores[index]! / highestSaliency }));
    const topClip = clips.reduce<HighlightClip | null>((best, clip) => (clip.score > 0 && (best === null || clip.score > best.score) ? clip : best), null);
    const moments = topMoments(clips, topMomentCount);
    const spans: AnswerSpan[] = moments.map((moment) => ({ start: moment.start, end: moment.end, salience: moment.score / highestSaliency }));
    const output = moments.length === 0
      ? `No clip matches "${run.query}".`
      : `Top moments for "${run.query}": ${moments.map((moment) => `${formatSpan(moment, { style })} (${moment.score.toFixed(1)}/${highestSaliency})`).join(', ')}.`;
    return finishTaskResult('highlights', request, context, run, {
      output, spans, evidence: outcome.evidence, plan: outcome.plan, response: outcome.response, warnings,
      detail: { query: run.query, clipSeconds, clips, saliencyScores: scores, topClip, topMoments: moments, skippedLines: read.skipped },
    });
  },
};
