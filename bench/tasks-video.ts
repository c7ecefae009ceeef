/**
 * One synthetic video through the five tasks, as `npm run bench:tasks` and `npm run bench:tasks-ceiling`
 * both run it: every question through `ask` or `ground`, then `caption --dense`, `summarize --chapters`
 * and `highlights` for each of the ground truth's highlight queries — all through `runTask`, scored
 * by bench/tasks-score.ts. The two benches differ only in the settings passed here (budget, strategy,
 * the model's profile, the summarize chunk length), so their numbers compare like for like.
 */

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactCache } from '../src/core/artifact-cache.js';
import { scoreSynthDoc, type SynthDoc } from '../src/eval/benchmark-synth.js';
import type { GroundTruth } from '../src/eval/synth/ground-truth.js';
import type { LanguageModel } from '../src/models/language-model.js';
import type { VisualBudget } from '../src/plan/visual-plan.js';
import { runTask } from '../src/tasks/registry.js';
import type { TaskRequest } from '../src/tasks/task.js';
import type { PlannedVideo } from '../src/eval/synth/sets.js';
import { cpuSeconds, cpuSince, ensureRendered, log, mediumSpec, subsetDirectory } from './synth-subset.js';
import { boundaryF1, chapterBoundaries, hitAtOne, namedEvents, recallAtOne, recalledEvents, sceneCutTimes, spanIoU } from './tasks-score.js';

export interface VideoScores {
  video: string;
  duration: number;
  ask: { mcN: number; mcCorrect: number; openN: number; openCorrect: number; unparsed: number };
  ground: { n: number; iouSum: number; r1At05: number; r1At07: number; unparsed: number };
  dense: { events: number; recalled: number; objectEvents: number; objectRecalled: number; textEvents: number; textRecalled: number; predicted: number };
  /** `path`/`chunks`: which summarize path ran (absent in files written before they were recorded). */
  chapters: { cuts: number; predicted: number; precision: number; recall: number; f1: number; path?: string; chunks?: number };
  highlights: { queries: number; hits: number; perQuery: Array<{ query: string; topClip: { start: number; end: number } | null; hit: number }> };
  plans: Array<{ task: string; strategy: string; images: number; frames: number; visualTokens: number }>;
  wallSeconds: number;
  cpuSeconds: number;
}

/** What a bench sets for every task request; absent fields keep each task's defaults. */
export interface TaskRunSettings {
  /** Frames, probes and chunk captions; null decodes every request afresh. */
  cache: ArtifactCache | null;
  budget?: VisualBudget;
  strategy?: string;
  /** `summarize`: the chunk length of the hierarchical path (undefined: the task chooses). */
  summarizeChunkSeconds?: number;
  /** Questions asked at once. */
  concurrency: number;
}

/** Runs `work` over `items` with at most `limit` at a time, results in order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  }));
  return results;
}

/** Runs the five tasks on one video and scores them against its ground truth. */
export async function scoreTasksOnVideo(model: LanguageModel, truth: GroundTruth, video: string, settings: TaskRunSettings): Promise<VideoScores> {
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
  const plans: VideoScores['plans'] = [];
  const note = (task: string, plan: { strategy: string; estimate: { images: number; frames: number; visualTokens: number } } | null): void => {
    if (plan && !plans.some((p) => p.task === task)) plans.push({ task, strategy: plan.strategy, images: plan.estimate.images, frames: plan.estimate.frames, visualTokens: plan.estimate.visualTokens });
  };
  const context = { model, cache: settings.cache };
  const shared: Partial<TaskRequest> = {
    ...(settings.budget ? { budget: settings.budget } : {}),
    ...(settings.strategy ? { strategy: settings.strategy } : {}),
  };
  const ask = { mcN: 0, mcCorrect: 0, openN: 0, openCorrect: 0, unparsed: 0 };
  const ground = { n: 0, iouSum: 0, r1At05: 0, r1At07: 0, unparsed: 0 };
  await mapLimited(truth.questions, settings.concurrency, async (question) => {
    const doc: SynthDoc = { id: question.id, set: mediumSpec.id, video: truth.video, duration: truth.duration, question };
    if (question.form === 'grounding') {
      const result = await runTask('ground', { ...shared, video, query: question.question }, context);
      note('ground', result.plan);
      ground.n++;
      if (result.detail.happens === null) ground.unparsed++;
      const truthSpans = question.spans ?? [];
      ground.iouSum += spanIoU(result.spans, truthSpans);
      const [at05, at07] = recallAtOne(result.spans, truthSpans, [0.5, 0.7]);
      ground.r1At05 += at05!;
      ground.r1At07 += at07!;
      return;
    }
    const mc = question.form === 'multiple-choice';
    const result = await runTask('ask', { ...shared, video, query: question.question, ...(mc ? { choices: question.options ?? [] } : {}) }, context);
    note('ask', result.plan);
    const score = scoreSynthDoc(doc, mc ? result.detail.choice ?? '' : result.detail.answer);
    if (score.accuracy === null || score.accuracy === undefined) ask.unparsed++;
    if (mc) (ask.mcN++, (ask.mcCorrect += score.accuracy ?? 0));
    else (ask.openN++, (ask.openCorrect += score.accuracy ?? 0));
  });

  const denseResult = await runTask('caption', { ...shared, video, dense: true }, context);
  note('caption --dense', denseResult.plan);
  const events = namedEvents(truth);
  const recalled = recalledEvents(events, (denseResult.detail.events ?? []).map((e) => ({ start: e.start, end: e.end, caption: e.caption })));
  const count = (kind: (k: string) => boolean, hit: boolean): number => events.filter((e, i) => kind(e.kind) && (!hit || recalled[i])).length;
  const dense = {
    events: events.length, recalled: recalled.filter(Boolean).length,
    objectEvents: count((k) => k !== 'text', false), objectRecalled: count((k) => k !== 'text', true),
    textEvents: count((k) => k === 'text', false), textRecalled: count((k) => k === 'text', true),
    predicted: denseResult.detail.events?.length ?? 0,
  };

  const summary = await runTask('summarize', {
    ...shared, video, chapters: true,
    ...(settings.summarizeChunkSeconds !== undefined ? { chunkSeconds: settings.summarizeChunkSeconds } : {}),
  }, context);
  note('summarize --chapters', summary.plan);
  const cuts = sceneCutTimes(truth);
  const predictedBoundaries = chapterBoundaries(summary.detail.chapters ?? []);
  const f1 = boundaryF1(predictedBoundaries, cuts, 2);
  const chapters = {
    cuts: cuts.length, predicted: predictedBoundaries.length, precision: f1.precision, recall: f1.recall, f1: f1.f1,
    path: summary.detail.path, chunks: summary.detail.chunks?.length ?? 0,
  };

  const perQuery: VideoScores['highlights']['perQuery'] = [];
  for (const highlight of truth.highlights) {
    const result = await runTask('highlights', { ...shared, video, query: highlight.query, clipSeconds: highlight.clipSeconds }, context);
    note('highlights', result.plan);
    const top = result.detail.topClip;
    perQuery.push({ query: highlight.query, topClip: top ? { start: top.start, end: top.end } : null, hit: hitAtOne(top, highlight.salience, highlight.clipSeconds) });
  }
  const highlights = { queries: perQuery.length, hits: perQuery.reduce((sum, q) => sum + q.hit, 0), perQuery };
  return { video: truth.videoId, duration: truth.duration, ask, ground, dense, chapters, highlights, plans, wallSeconds: (Date.now() - started) / 1000, cpuSeconds: cpuSince(cpuAtStart) };
}

/** One line for the log. */
export function describeVideoScores(score: VideoScores): string {
  return `${score.video}: ask ${score.ask.mcCorrect + score.ask.openCorrect}/${score.ask.mcN + score.ask.openN}, ground IoU ${(score.ground.iouSum / Math.max(1, score.ground.n)).toFixed(3)}, dense ${score.dense.recalled}/${score.dense.events}, chapters F1 ${score.chapters.f1.toFixed(2)} (${score.chapters.path ?? '?'}), HIT@1 ${score.highlights.hits}/${score.highlights.queries} (${score.wallSeconds.toFixed(0)} s wall, ${score.cpuSeconds.toFixed(0)} s CPU)`;
}

/** What both benches record about the machine, and how to read their CPU numbers. */
export function benchMachine(): { node: string; cpus: number; cpuModel: string } {
  return { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' };
}
export const tasksCpuNote = 'CPU seconds of this process (OCR threads included) and its waited-for ffmpeg children; other agents share the 2 cores, so wall time is noisy';

/** Writes a bench result as indented JSON, creating its folder. */
export async function writeBenchJson(outFile: string, result: unknown): Promise<void> {
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  await fs.writeFile(outFile, JSON.stringify(result, null, 1) + '\n');
}

/**
 * The subset videos a bench still has to score, rendered (base variant), in plan order: those already in
 * `scores` (a resumed run) and those named in `skipped` are passed over.
 */
export async function* videosToScore(planned: readonly PlannedVideo[], scores: readonly VideoScores[], skipped: readonly string[]): AsyncGenerator<{ planned: PlannedVideo; truth: GroundTruth; video: string }> {
  for (const entry of planned) {
    if (scores.some((score) => score.video === entry.id)) continue;
    if (skipped.includes(entry.id)) {
      log(`${entry.id}: skipped (SKIP)`);
      continue;
    }
    const { truth } = await ensureRendered(entry, subsetDirectory('base'), 'base');
    yield { planned: entry, truth, video: path.join(subsetDirectory('base'), `${entry.id}.mp4`) };
  }
}
