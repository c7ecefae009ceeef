/**
 * `npm run bench:tasks`: every task through `runTask`, on the fixed synth-medium subset of the ceiling
 * bench (bench/synth-subset.ts: the 12 shortest of the first 24 videos; VIDEOS=n takes the n shortest),
 * through the `oracle:reference` model (its profile: src/eval/synth/oracle/oracle-profile.ts) at the
 * default budget — the default planner `auto` and each task's default budget, nothing overridden.
 *
 * Scores (bench/tasks-score.ts): `ask` accuracy (multiple choice by the task's own letter parser, open
 * answers by the benchmark's rule) and `ground` mIoU from the spans the task returned (the span parser
 * users get); R@1 at IoU 0.5/0.7; `caption --dense` event recall; `summarize --chapters` boundary F1
 * (±2 s); `highlights` HIT@1 over the ground truth's highlight queries. Each (overall.ofCeiling) also as
 * a fraction of the tasks ceiling (bench/results/tasks-ceiling.json, `npm run bench:tasks-ceiling`: the
 * same tasks with every 2-fps frame, pooled over the same videos; CEILING=… another file); ask accuracy
 * and ground mIoU also of the synthetic benchmark's 2-fps ceiling (bench/results/synth-oracle-ceiling.json,
 * base variant, same videos). The must lines (≥ 0.90 ask, ≥ 0.85 mIoU) use the tasks ceiling when present.
 *
 * Writes bench/results/tasks.json (OUT=… elsewhere) after every video, with settings, per-video numbers,
 * wall and CPU seconds (this process and its children: other agents share the machine). RESUME=1
 * keeps the videos the file already holds and scores the rest.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { registerOracleProvider } from '../src/eval/synth/oracle/provider.js';
import { createLanguageModel } from '../src/models/create-model.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import { defaultTaskBudget } from '../src/tasks/direct-request.js';
import { benchRoot, benchWork, chooseSubset, cpuSeconds, cpuSince, log, mediumSpec } from './synth-subset.js';
import { compareWithCeiling, fractionOfCeiling, matchCeilingVideos, mustOfCeiling, poolSynthCeiling, poolVideoScores, type SynthCeilingVideo } from './tasks-overall.js';
import { benchMachine, describeVideoScores, scoreTasksOnVideo, tasksCpuNote, videosToScore, writeBenchJson, type VideoScores } from './tasks-video.js';

const outFile = path.resolve(process.env.OUT ?? path.join(benchRoot, 'bench', 'results', 'tasks.json'));
const synthCeilingFile = path.join(benchRoot, 'bench', 'results', 'synth-oracle-ceiling.json');
const tasksCeilingFile = path.resolve(process.env.CEILING ?? path.join(benchRoot, 'bench', 'results', 'tasks-ceiling.json'));
const videoCount = Number(process.env.VIDEOS ?? 12);
const modelId = process.env.MODEL ?? 'oracle:reference';
const concurrency = 4;
/** SKIP=id,id leaves videos out (say why in the report: e.g. a render another process broke). */
const skipped = (process.env.SKIP ?? '').split(',').filter((id) => id !== '');

interface TasksCeilingFile {
  settings?: { evidence?: string; strategy?: string; budget?: unknown; profile?: unknown };
  perVideo: VideoScores[];
}

/** bench/results/tasks-ceiling.json (bench/tasks-ceiling.ts), or null when it has not been made. */
async function readTasksCeiling(): Promise<TasksCeilingFile | null> {
  return fs.readFile(tasksCeilingFile, 'utf8').then((text) => JSON.parse(text) as TasksCeilingFile, () => null);
}

/** The synthetic benchmark's 2-fps ceiling rows (base variant), or none. */
async function readSynthCeiling(): Promise<SynthCeilingVideo[]> {
  const file = await fs.readFile(synthCeilingFile, 'utf8').then((text) => JSON.parse(text) as { results?: Array<{ variant: string; perVideo?: SynthCeilingVideo[] }> }, () => ({ results: [] }));
  return file.results?.find((r) => r.variant === 'base')?.perVideo ?? [];
}

/**
 * Pooled numbers with every headline metric against the tasks ceiling (same tasks, every 2-fps frame,
 * pooled over the videos both runs scored), and ask/ground also against the synthetic benchmark's
 * 2-fps ceiling (its own prompts, full-resolution frames). The must lines use the tasks ceiling when
 * it covers these videos, else the synthetic one.
 */
function overall(videos: readonly VideoScores[], tasksCeiling: TasksCeilingFile | null, synthRows: readonly SynthCeilingVideo[]): Record<string, unknown> {
  const pooled = poolVideoScores(videos);
  const matched = matchCeilingVideos(videos, tasksCeiling?.perVideo ?? []);
  const ceilingPooled = matched.ceiling.length > 0 ? poolVideoScores(matched.ceiling) : null;
  const vsTasks = compareWithCeiling(matched.run.length === videos.length ? pooled : poolVideoScores(matched.run), ceilingPooled);
  const synth = poolSynthCeiling(synthRows, videos.map((v) => v.video));
  const synthAsk = fractionOfCeiling(pooled.ask.accuracy, synth.accuracy);
  const synthGround = fractionOfCeiling(pooled.ground.mIoU, synth.mIoU);
  const useTasks = ceilingPooled !== null;
  const must = (metric: 'askAccuracy' | 'groundMIoU', synthFraction: number | null) => {
    const ofCeiling = useTasks ? vsTasks[metric].ofCeiling : synthFraction;
    const atLeast = mustOfCeiling[metric];
    return { ofCeiling, ofSynthOracleCeiling: synthFraction, ceilingUsed: useTasks ? 'tasks-ceiling' : 'synth-oracle-ceiling', must: `≥ ${atLeast.toFixed(2)} of the ceiling`, mustMet: ofCeiling === null ? null : ofCeiling >= atLeast - 1e-12 };
  };
  return {
    ...pooled,
    ask: { ...pooled.ask, ...must('askAccuracy', synthAsk) },
    ground: { ...pooled.ground, ...must('groundMIoU', synthGround) },
    ofCeiling: vsTasks,
    ceilings: {
      tasks: {
        source: `${path.relative(benchRoot, tasksCeilingFile)} (npm run bench:tasks-ceiling): the same tasks, task code and scorer with every 2-fps frame the plan layer gives (strategy ${tasksCeiling?.settings?.strategy ?? '?'}, oracleCeilingProfile, budget ${JSON.stringify(tasksCeiling?.settings?.budget ?? null)})`,
        present: tasksCeiling !== null, videos: matched.ceiling.map((v) => v.video), missing: matched.missing,
        evidence: tasksCeiling?.settings?.evidence ?? null,
        overall: ceilingPooled,
      },
      synthOracle: {
        source: 'bench/results/synth-oracle-ceiling.json, base variant, per video: the synthetic benchmark\'s own prompts over every 1280×720 frame at t = k/2 (pooled MC + open; mIoU of its grounding questions)',
        accuracy: synth.accuracy, mIoU: synth.mIoU, videos: synth.videos, missing: synth.missing,
        askOfCeiling: synthAsk, groundOfCeiling: synthGround,
      },
    },
  };
}

async function main(): Promise<void> {
  registerBuiltinProviders();
  registerOracleProvider();
  // OCR of text regions, cached by image hash on disk (shared with the other synthetic benches).
  process.env.REELM_ORACLE_OCR_CACHE ??= path.join(benchWork, 'synth-oracle-cache', 'ocr-regions.jsonl');
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
  const tasksCeiling = await readTasksCeiling();
  const synthRows = await readSynthCeiling();
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
        ceilings: {
          tasks: `${path.relative(benchRoot, tasksCeilingFile)}${tasksCeiling ? '' : ' (absent: run npm run bench:tasks-ceiling)'}: every headline metric as overall.ofCeiling, pooled over the videos both runs scored; the must lines use it`,
          synthOracle: 'bench/results/synth-oracle-ceiling.json, base variant: ask accuracy and ground mIoU only (ask.ofSynthOracleCeiling, ground.ofSynthOracleCeiling); the must lines fall back to it when the tasks ceiling is absent',
        },
      },
      machine: benchMachine(),
      overall: overall(scores, tasksCeiling, synthRows),
      perVideo: scores,
      wallSeconds: (Date.now() - started) / 1000,
      cpuSeconds: cpuSince(cpuAtStart),
      cpuNote: tasksCpuNote,
    };
    await writeBenchJson(outFile, result);
  };
  for await (const { truth, video } of videosToScore(videos, scores, skipped)) {
    const score = await scoreTasksOnVideo(model, truth, video, { cache: null, concurrency });
    scores.push(score);
    log(describeVideoScores(score));
    await write();
  }
  // Also when every video was already scored (RESUME=1): the overall and its ceiling comparison are rewritten.
  await write();
  log(`done: ${JSON.stringify(overall(scores, tasksCeiling, synthRows))}`);
}

await main();
