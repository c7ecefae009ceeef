/**
 * `npm run bench:tasks-ceiling`: the oracle's ceiling for the five tasks of `npm run bench:tasks` —
 * the same tasks through the same task code (`runTask`) and scorer (bench/tasks-video.ts,
 * bench/tasks-score.ts) on the same videos (the synth-medium subset of bench/synth-subset.ts, shortest
 * first; VIDEOS=n, SKIP=id,…), but with the evidence the ceiling means: every frame the plan layer will
 * give at 2 fps, the model unbounded by image cap or context.
 *
 * How the evidence is made: the plan layer builds it (`planForVideo` inside each task) with
 * - the ceiling profile (oracleCeilingProfile: the documented oracle profile spread, with a 100,000-image
 *   cap and a 64M-token context), so no model limit binds;
 * - a visual-token budget as large as that context, so no budget binds either;
 * - the `fps` strategy at the budget's `fps: 2` with `maxImageSide` past any source, so every frame at
 *   t = k/2 is sent at its source size (1280×720 for synth-medium) — the evidence of
 *   bench/synth-oracle-ceiling.ts, the synthetic benchmark's 2-fps ceiling.
 * Frames are decoded once into the frame cache shared with the synthetic benches
 * (bench/work/synth-oracle-cache, ArtifactCache) and read from it by every later request of the video.
 *
 * `summarize` takes the path it takes at the default budget: when the default plan is too thin for a
 * direct summary, the ceiling run passes the default's chunk length, so it chunks, captions and merges
 * the same chunks — each chunk then sees every 2-fps frame of its span.
 *
 * Writes bench/results/tasks-ceiling.json (OUT=… elsewhere) after every video, in the shape of
 * bench/results/tasks.json (settings, overall, perVideo) plus how the evidence was made. RESUME=1 keeps
 * the videos the file already holds. bench/tasks.bench.ts reads this file for its `ofCeiling` numbers.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ArtifactCache } from '../src/core/artifact-cache.js';
import { oracleCeilingProfile } from '../src/eval/synth/oracle/oracle-profile.js';
import { registerOracleProvider } from '../src/eval/synth/oracle/provider.js';
import { flushTextReadingCache } from '../src/eval/synth/oracle/read-text-regions.js';
import { probe } from '../src/media/probe.js';
import { createLanguageModel } from '../src/models/create-model.js';
import type { LanguageModel } from '../src/models/language-model.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import type { VisualBudget } from '../src/plan/visual-plan.js';
import { planTaskEvidence } from '../src/tasks/direct-request.js';
import { chooseChunkSeconds, directSummaryMinDensity } from '../src/tasks/summarize/summarize.js';
import { benchRoot, benchWork, chooseSubset, cpuSeconds, cpuSince, log, mediumSpec } from './synth-subset.js';
import { poolVideoScores } from './tasks-overall.js';
import { benchMachine, describeVideoScores, scoreTasksOnVideo, tasksCpuNote, videosToScore, writeBenchJson, type VideoScores } from './tasks-video.js';

const outFile = path.resolve(process.env.OUT ?? path.join(benchRoot, 'bench', 'results', 'tasks-ceiling.json'));
const videoCount = Number(process.env.VIDEOS ?? 12);
const modelId = process.env.MODEL ?? 'oracle:reference';
const concurrency = 4;
const skipped = (process.env.SKIP ?? '').split(',').filter((id) => id !== '');
const ceilingStrategy = 'fps';
/** 2 fps at source size; tokens as many as the ceiling profile's context, so the budget never binds. */
const ceilingBudget: Readonly<VisualBudget> = Object.freeze({ maxVisualTokens: oracleCeilingProfile.contextTokens, fps: 2, maxImageSide: 100_000 });
/** summarize's output cap with chapters (src/tasks/summarize/summarize.ts), for the default plan it would make. */
const summarizeChaptersOutputTokens = 1024;

/** The ceiling's summarize chunk length: the default budget's, when the default goes hierarchical. */
async function summarizePathAtDefault(defaultModel: LanguageModel, video: string, cache: ArtifactCache): Promise<{ path: 'direct' | 'hierarchical'; chunkSeconds: number | null; density: number }> {
  const info = await probe(video, { cache });
  const plan = await planTaskEvidence(info, { start: 0, end: info.duration }, { video, chapters: true }, { model: defaultModel, cache }, summarizeChaptersOutputTokens);
  const hierarchical = plan.estimate.density < directSummaryMinDensity;
  return { path: hierarchical ? 'hierarchical' : 'direct', chunkSeconds: hierarchical ? chooseChunkSeconds(plan, undefined) : null, density: plan.estimate.density };
}

async function main(): Promise<void> {
  registerBuiltinProviders();
  registerOracleProvider();
  // OCR of text regions, cached by image hash on disk (shared with the other synthetic benches).
  process.env.REELM_ORACLE_OCR_CACHE ??= path.join(benchWork, 'synth-oracle-cache', 'ocr-regions.jsonl');
  const cache = new ArtifactCache({ root: path.join(benchWork, 'synth-oracle-cache') });
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
  const { chosen } = chooseSubset(12);
  const videos = [...chosen].sort((a, b) => a.script.duration - b.script.duration).slice(0, videoCount);
  // A request carries every 2-fps frame; the first one perceives them all, so the timeout is generous.
  const defaultModel = await createLanguageModel(modelId, {}, { cache: null, policy: { concurrency, timeoutMs: 3_600_000 } });
  const model: LanguageModel = Object.freeze({ ...defaultModel, profile: oracleCeilingProfile });
  log(`tasks ceiling: ${videos.length} videos, ${modelId} with the ceiling profile (${model.profile.maxImagesPerRequest} images, ${model.profile.contextTokens} tokens), budget ${JSON.stringify(ceilingBudget)}, strategy ${ceilingStrategy}`);
  const scores: Array<VideoScores & { summarizeAtDefault?: unknown }> = process.env.RESUME === '1'
    ? await fs.readFile(outFile, 'utf8').then((text) => (JSON.parse(text) as { perVideo: VideoScores[] }).perVideo, () => [])
    : [];
  const write = async (): Promise<void> => {
    const result = {
      benchmark: 'tasks-ceiling',
      date: new Date().toISOString(),
      settings: {
        set: mediumSpec.id, seed: mediumSpec.benchmarkSeed,
        subset: 'the ceiling bench subset (the 12 shortest of the first 24 videos of synth-medium), shortest first — the videos of bench:tasks',
        videosPlanned: videos.map((v) => ({ id: v.id, duration: v.script.duration })),
        videosSkipped: skipped,
        model: modelId,
        profile: {
          name: 'oracleCeilingProfile (src/eval/synth/oracle/oracle-profile.ts)', family: model.profile.family, description: model.profile.description,
          maxImagesPerRequest: model.profile.maxImagesPerRequest, contextTokens: model.profile.contextTokens,
        },
        budget: ceilingBudget,
        strategy: ceilingStrategy,
        evidence: 'every frame at t = k/2 (the fps strategy at 2 fps) at its source size (1280×720), as bench/synth-oracle-ceiling.ts sends them; JPEG q85; no grids',
        summarize: 'the default budget\'s path: hierarchical with its chunk length when the default plan is thinner than 0.2 frames/s, else direct',
        frameCache: path.relative(benchRoot, cache.root),
        scoring: 'as bench:tasks (bench/tasks-score.ts through bench/tasks-video.ts)',
      },
      machine: benchMachine(),
      overall: poolVideoScores(scores),
      perVideo: scores,
      wallSeconds: (Date.now() - started) / 1000,
      cpuSeconds: cpuSince(cpuAtStart),
      cpuNote: tasksCpuNote,
    };
    await writeBenchJson(outFile, result);
  };
  for await (const { truth, video } of videosToScore(videos, scores, skipped)) {
    const atDefault = await summarizePathAtDefault(defaultModel, video, cache);
    const score = await scoreTasksOnVideo(model, truth, video, {
      cache, budget: ceilingBudget, strategy: ceilingStrategy, concurrency,
      ...(atDefault.chunkSeconds !== null ? { summarizeChunkSeconds: atDefault.chunkSeconds } : {}),
    });
    scores.push({ ...score, summarizeAtDefault: atDefault });
    await flushTextReadingCache();
    log(`ceiling ${describeVideoScores(score)}; summarize at default: ${atDefault.path}${atDefault.chunkSeconds !== null ? ` (${atDefault.chunkSeconds} s chunks)` : ''}`);
    await write();
  }
  await write();
  log(`done: ${JSON.stringify(poolVideoScores(scores))}`);
  // The oracle's loopback server keeps the event loop alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
