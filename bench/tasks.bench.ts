/**
 * `npm run bench:tasks`: every task through `runTask`, on the fixed synth-medium subset of the ceiling
 * bench (bench/synth-subset.ts: the 12 shortest of the first 24 videos; VIDEOS=n takes the n shortest),
 * through the `oracle:reference` model (its profile: src/eval/synth/oracle/oracle-profile.ts) at the
 * default budget — the default planner `auto` and each task's default budget, nothing overridden.
 *
 * Scores (bench/tasks-score.ts): `ask` accuracy (multiple choice by the task's own letter parser, open
 * answers by the benchmark's rule) and `ground` mIoU from the spans the task returned (the span parser
 * users get), both also as fractions of the oracle's 2-fps ceiling (bench/results/synth-oracle-ceiling.json,
 * base variant, overall); R@1 at IoU 0.5/0.7; `caption --dense` event recall; `summarize --chapters`
 * boundary F1 (±2 s); `highlights` HIT@1 over the ground truth's highlight queries.
 *
 * Writes bench/results/tasks.json (OUT=… elsewhere) after every video, with settings, per-video numbers,
 * wall and CPU seconds (this process and its children: other agents share the machine). RESUME=1
 * keeps the videos the file already holds and scores the rest.
 */

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scoreSynthDoc, type SynthDoc } from '../src/eval/benchmark-synth.js';
import type { GroundTruth } from '../src/eval/synth/ground-truth.js';
import { registerOracleProvider } from '../src/eval/synth/oracle/provider.js';
import { createLanguageModel } from '../src/models/create-model.js';
import type { LanguageModel } from '../src/models/language-model.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import { defaultTaskBudget } from '../src/tasks/direct-request.js';
import { runTask } from '../src/tasks/registry.js';
import { benchRoot, benchWork, chooseSubset, cpuSeconds, cpuSince, ensureRendered, log, mediumSpec, subsetDirectory } from './synth-subset.js';
import { boundaryF1, chapterBoundaries, hitAtOne, namedEvents, recallAtOne, recalledEvents, sceneCutTimes, spanIoU } from './tasks-score.js';

const outFile = path.resolve(process.env.OUT ?? path.join(benchRoot, 'bench', 'results', 'tasks.json'));
const ceilingFile = path.join(benchRoot, 'bench', 'results', 'synth-oracle-ceiling.json');
const videoCount = Number(process.env.VIDEOS ?? 12);
const modelId = process.env.MODEL ?? 'oracle:reference';
const concurrency = 4;
/** SKIP=id,id leaves videos out (say why in the report: e.g. a render another process broke). */
const skipped = (process.env.SKIP ?? '').split(',').filter((id) => id !== '');

interface VideoScores {
  video: string;
  duration: number;
  ask: { mcN: number; mcCorrect: number; openN: number; openCorrect: number; unparsed: number };
  ground: { n: number; iouSum: number; r1At05: number; r1At07: number; unparsed: number };
  dense: { events: number; recalled: number; objectEvents: number; objectRecalled: number; textEvents: number; textRecalled: number; predicted: number };
  chapters: { cuts: number; predicted: number; precision: number; recall: number; f1: number };
  highlights: { queries: number; hits: number; perQuery: Array<{ query: string; topClip: { start: number; end: number } | null; hit: number }> };
  plans: Array<{ task: string; strategy: string; images: number; frames: number; visualTokens: number }>;
  wallSeconds: number;
  cpuSeconds: number;
}

/** Runs `work` over `items` with at most `limit` at a time, results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
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

async function scoreVideo(model: LanguageModel, truth: GroundTruth, video: string): Promise<VideoScores> {
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
  const plans: VideoScores['plans'] = [];
  const note = (task: string, plan: { strategy: string; estimate: { images: number; frames: number; visualTokens: number } } | null): void => {
    if (plan && !plans.some((p) => p.task === task)) plans.push({ task, strategy: plan.strategy, images: plan.estimate.images, frames: plan.estimate.frames, visualTokens: plan.estimate.visualTokens });
  };
  const context = { model, cache: null };
  const ask = { mcN: 0, mcCorrect: 0, openN: 0, openCorrect: 0, unparsed: 0 };
  const ground = { n: 0, iouSum: 0, r1At05: 0, r1At07: 0, unparsed: 0 };
  await mapLimited(truth.questions, concurrency, async (question) => {
    const doc: SynthDoc = { id: question.id, set: mediumSpec.id, video: truth.video, duration: truth.duration, question };
    if (question.form === 'grounding') {
      const result = await runTask('ground', { video, query: question.question }, context);
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
    const result = await runTask('ask', { video, query: question.question, ...(mc ? { choices: question.options ?? [] } : {}) }, context);
    note('ask', result.plan);
    const score = scoreSynthDoc(doc, mc ? result.detail.choice ?? '' : result.detail.answer);
    if (score.accuracy === null || score.accuracy === undefined) ask.unparsed++;
    if (mc) (ask.mcN++, (ask.mcCorrect += score.accuracy ?? 0));
    else (ask.openN++, (ask.openCorrect += score.accuracy ?? 0));
  });

  const denseResult = await runTask('caption', { video, dense: true }, context);
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

  const summary = await runTask('summarize', { video, chapters: true }, context);
  note('summarize --chapters', summary.plan);
  const cuts = sceneCutTimes(truth);
  const predictedBoundaries = chapterBoundaries(summary.detail.chapters ?? []);
  const f1 = boundaryF1(predictedBoundaries, cuts, 2);
  const chapters = { cuts: cuts.length, predicted: predictedBoundaries.length, precision: f1.precision, recall: f1.recall, f1: f1.f1 };

  const perQuery: VideoScores['highlights']['perQuery'] = [];
  for (const highlight of truth.highlights) {
    const result = await runTask('highlights', { video, query: highlight.query, clipSeconds: highlight.clipSeconds }, context);
    note('highlights', result.plan);
    const top = result.detail.topClip;
    perQuery.push({ query: highlight.query, topClip: top ? { start: top.start, end: top.end } : null, hit: hitAtOne(top, highlight.salience, highlight.clipSeconds) });
  }
  const highlights = { queries: perQuery.length, hits: perQuery.reduce((sum, q) => sum + q.hit, 0), perQuery };
  return { video: truth.videoId, duration: truth.duration, ask, ground, dense, chapters, highlights, plans, wallSeconds: (Date.now() - started) / 1000, cpuSeconds: cpuSince(cpuAtStart) };
}

/** Pooled numbers over videos. */
function overall(videos: readonly VideoScores[], ceiling: { accuracy: number | null; mIoU: number | null }): Record<string, unknown> {
  const sum = (pick: (v: VideoScores) => number): number => videos.reduce((total, v) => total + pick(v), 0);
  const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
  const askN = sum((v) => v.ask.mcN + v.ask.openN);
  const askAccuracy = ratio(sum((v) => v.ask.mcCorrect + v.ask.openCorrect), askN);
  const groundMIoU = ratio(sum((v) => v.ground.iouSum), sum((v) => v.ground.n));
  return {
    videos: videos.length,
    ask: {
      accuracy: askAccuracy, n: askN, mcAccuracy: ratio(sum((v) => v.ask.mcCorrect), sum((v) => v.ask.mcN)), openAccuracy: ratio(sum((v) => v.ask.openCorrect), sum((v) => v.ask.openN)),
      unparsed: sum((v) => v.ask.unparsed), ofCeiling: askAccuracy !== null && ceiling.accuracy ? askAccuracy / ceiling.accuracy : null, must: '≥ 0.90 of the ceiling',
    },
    ground: {
      mIoU: groundMIoU, n: sum((v) => v.ground.n), r1At05: ratio(sum((v) => v.ground.r1At05), sum((v) => v.ground.n)), r1At07: ratio(sum((v) => v.ground.r1At07), sum((v) => v.ground.n)),
      unparsed: sum((v) => v.ground.unparsed), ofCeiling: groundMIoU !== null && ceiling.mIoU ? groundMIoU / ceiling.mIoU : null, must: '≥ 0.85 of the ceiling',
    },
    denseCaptionEventRecall: {
      all: ratio(sum((v) => v.dense.recalled), sum((v) => v.dense.events)), n: sum((v) => v.dense.events),
      objectEvents: ratio(sum((v) => v.dense.objectRecalled), sum((v) => v.dense.objectEvents)), textEvents: ratio(sum((v) => v.dense.textRecalled), sum((v) => v.dense.textEvents)),
    },
    chapterBoundaryF1: {
      meanF1: ratio(sum((v) => v.chapters.f1), videos.length), meanPrecision: ratio(sum((v) => v.chapters.precision), videos.length), meanRecall: ratio(sum((v) => v.chapters.recall), videos.length),
      cuts: sum((v) => v.chapters.cuts), predicted: sum((v) => v.chapters.predicted),
    },
    highlightsHitAt1: { hitAt1: ratio(sum((v) => v.highlights.hits), sum((v) => v.highlights.queries)), queries: sum((v) => v.highlights.queries) },
    wallSeconds: sum((v) => v.wallSeconds),
    cpuSeconds: sum((v) => v.cpuSeconds),
  };
}

/** The 2-fps ceiling, pooled over multiple-choice and open answers as `ask` is scored here. */
async function readCeiling(): Promise<{ accuracy: number | null; mIoU: number | null; videos: string[]; source: string }> {
  const file = JSON.parse(await fs.readFile(ceilingFile, 'utf8')) as { results?: Array<{ variant: string; videoIds?: string[]; overall: { mcAccuracy: number | null; mcN: number; openAccuracy: number | null; openN: number; groundingMIoU: number | null } }> };
  const base = file.results?.find((r) => r.variant === 'base');
  if (!base) return { accuracy: null, mIoU: null, videos: [], source: 'no base-variant result in the ceiling file' };
  const { mcAccuracy, mcN, openAccuracy, openN, groundingMIoU } = base.overall;
  const n = mcN + openN;
  const accuracy = n > 0 ? ((mcAccuracy ?? 0) * mcN + (openAccuracy ?? 0) * openN) / n : null;
  return { accuracy, mIoU: groundingMIoU, videos: base.videoIds ?? [], source: 'bench/results/synth-oracle-ceiling.json, base variant, overall (pooled MC + open)' };
}

async function main(): Promise<void> {
  registerBuiltinProviders();
  registerOracleProvider();
  // OCR of text regions, cached by image hash on disk (shared with the other synthetic benches).
  process.env.REELM_ORACLE_OCR_CACHE ??= path.join(benchWork, 'synth-oracle-cache', 'ocr-regions.jsonl');
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
  const ceiling = await readCeiling();
  const { chosen } = chooseSubset(12);
  const videos = [...chosen].sort((a, b) => a.script.duration - b.script.duration).slice(0, videoCount);
  const model = await createLanguageModel(modelId, {}, { cache: null, policy: { concurrency } });
  log(`tasks bench: ${videos.length} videos, ${modelId} (profile ${model.profile.family}, ${model.profile.maxImagesPerRequest} images a request), budget ${JSON.stringify(defaultTaskBudget)}, strategy auto`);
  // RESUME=1 keeps the videos an earlier run of the same file already scored (a run stopped midway).
  const scores: VideoScores[] = process.env.RESUME === '1'
    ? await fs.readFile(outFile, 'utf8').then((text) => (JSON.parse(text) as { perVideo: VideoScores[] }).perVideo, () => [])
    : [];
  const write = async (): Promise<void> => {
    const result = {
      benchmark: 'tasks',
      date: new Date().toISOString(),
      settings: {
        set: mediumSpec.id, seed: mediumSpec.benchmarkSeed,
        subset: 'the ceiling bench subset (the 12 shortest of the first 24 videos of synth-medium), shortest first',
        videosPlanned: videos.map((v) => ({ id: v.id, duration: v.script.duration })),
        videosSkipped: skipped,
        model: modelId,
        profile: { family: model.profile.family, description: model.profile.description, maxImagesPerRequest: model.profile.maxImagesPerRequest, contextTokens: model.profile.contextTokens },
        budget: { ...defaultTaskBudget, note: 'each task\'s default budget (src/tasks/direct-request.ts defaultTaskBudget)' }, strategy: 'auto',
        scoring: {
          ask: 'multiple choice: the task\'s letter (detail.choice) against the answer; open: detail.answer by the synthetic benchmark\'s accepted-words rule',
          ground: 'mIoU: union of the task\'s spans against union of true spans (benchmark-synth spanIoU); R@1: first span, best IoU with one true span',
          dense: 'event recalled when a predicted event has tIoU ≥ 0.5 with it and names its shape and one of its colours (text events: the word or number)',
          chapters: 'boundary F1: chapter starts after the first vs scene cuts, ±2 s, one-to-one; mean over videos',
          highlights: 'HIT@1: the top clip\'s true salience ≥ 0.5 (the query holds for at least half of it)',
        },
        ceiling: { accuracy: ceiling.accuracy, mIoU: ceiling.mIoU, videos: ceiling.videos, source: ceiling.source },
      },
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' },
      overall: overall(scores, ceiling),
      perVideo: scores,
      wallSeconds: (Date.now() - started) / 1000,
      cpuSeconds: cpuSince(cpuAtStart),
      cpuNote: 'CPU seconds of this process (OCR threads included) and its waited-for ffmpeg children; other agents share the 2 cores, so wall time is noisy',
    };
    await fs.mkdir(path.dirname(outFile), { recursive: true });
    await fs.writeFile(outFile, JSON.stringify(result, null, 1) + '\n');
  };
  for (const planned of videos) {
    if (scores.some((score) => score.video === planned.id)) continue;
    if (skipped.includes(planned.id)) {
      log(`${planned.id}: skipped (SKIP)`);
      continue;
    }
    const { truth } = await ensureRendered(planned, subsetDirectory('base'), 'base');
    const video = path.join(subsetDirectory('base'), `${planned.id}.mp4`);
    const score = await scoreVideo(model, truth, video);
    scores.push(score);
    log(`${planned.id}: ask ${score.ask.mcCorrect + score.ask.openCorrect}/${score.ask.mcN + score.ask.openN}, ground IoU ${(score.ground.iouSum / Math.max(1, score.ground.n)).toFixed(3)}, dense ${score.dense.recalled}/${score.dense.events}, chapters F1 ${score.chapters.f1.toFixed(2)}, HIT@1 ${score.highlights.hits}/${score.highlights.queries} (${score.wallSeconds.toFixed(0)} s wall, ${score.cpuSeconds.toFixed(0)} s CPU)`);
    await write();
  }
  log(`done: ${JSON.stringify(overall(scores, ceiling))}`);
}

await main();
