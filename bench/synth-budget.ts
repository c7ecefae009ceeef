/**
 * `npm run bench:synth`: accuracy and grounding mIoU against visual tokens, for each planning strategy
 * and a ladder of budgets, on a fixed subset of synth-medium, answered by the oracle (the reference
 * model that reads only the images it is sent). Writes bench/results/synth-budget.json and
 * bench/results/synth-budget.svg.
 *
 * For each video: probe; the 2-fps reference (every frame at 2 fps at full resolution, as in
 * bench/synth-oracle-ceiling.ts); then for each strategy and budget: `planForVideo` → `realizePlan`
 * (frames decoded at the planned size, grids tiled with their time labels) → `assembleMessages` → each
 * question through createLanguageModel('oracle:reference') over loopback HTTP → `scoreSynthDoc`.
 *
 * The model profile is Qwen2.5-VL's (one token per 28×28 patch, which is also how the oracle's server
 * counts), with the image cap and context of a long-context server (`--limit-mm-per-prompt` 512 images,
 * 1M tokens), so the token budget, not the image cap, is what binds. Left out: `native-video` (the
 * oracle reads images, not video) and `question-guided` (needs an image–text embedder, which this
 * machine has no weights for).
 *
 * B is the smallest budget at which uniform reaches 90% of its 2-fps accuracy (multiple choice and open
 * questions pooled); the goal is that `auto` reaches uniform's accuracy at B with ≤ B/4 visual tokens.
 * The ratio of mean visual tokens (auto / uniform at B) is reported either way, with a 95% percentile
 * bootstrap interval over videos.
 *
 * Environment: VIDEOS=n (the n shortest of the ceiling's 12-video subset; default 6), BUDGETS=a,b,…
 * (visual tokens), STRATEGIES=a,b,…, OUT=path.json (the chart is written beside it).
 */

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ArtifactCache } from '../src/core/artifact-cache.js';
import { scoreSynthDoc, synthPrompt, type SynthDoc } from '../src/eval/benchmark-synth.js';
import type { GroundTruth } from '../src/eval/synth/ground-truth.js';
import { registerOracleProvider } from '../src/eval/synth/oracle/provider.js';
import { flushTextReadingCache } from '../src/eval/synth/oracle/read-text-regions.js';
import { decodeFrames } from '../src/media/decode/decode-frames.js';
import { probe } from '../src/media/probe.js';
import type { VideoInfo } from '../src/media/video-info.js';
import { createLanguageModel } from '../src/models/create-model.js';
import type { LanguageModel } from '../src/models/language-model.js';
import type { ImagePart } from '../src/models/messages.js';
import { resolveProfile } from '../src/models/profiles/index.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import { assembleMessages } from '../src/plan/assemble-messages.js';
import type { EvidenceImage } from '../src/plan/evidence.js';
import { planForVideo } from '../src/plan/plan-visual-budget.js';
import { isVideoPart, realizePlan } from '../src/plan/realize-evidence.js';
import { budgetGoal, bootstrapRatio, curve, renderChart, type BudgetCell, type ReferenceCell } from './synth-budget-report.js';
import { benchRoot, benchWork, chooseSubset, cpuSeconds, cpuSince, ensureRendered, log, mediumSpec, subsetDirectory } from './synth-subset.js';

const outFile = path.resolve(process.env.OUT ?? path.join(benchRoot, 'bench', 'results', 'synth-budget.json'));
const videoCount = Number(process.env.VIDEOS ?? 6);
const budgets = (process.env.BUDGETS ?? '8000,16000,32000,64000,128000,256000,512000').split(',').map(Number);
const strategies = (process.env.STRATEGIES ?? 'uniform,auto,grid,merged,scene-aware,thumbnail-and-sampling,fps').split(',');
const modelId = 'oracle:reference';
const profileOverrides = { maxImagesPerRequest: 512, contextTokens: 1_048_576 };
const profile = resolveProfile('vllm:qwen2.5-vl-7b', profileOverrides);
const cache = new ArtifactCache({ root: path.join(benchWork, 'synth-oracle-cache') });

/** Asks every question of a video with the given evidence; pooled correct answers and IoU. */
async function askAll(model: LanguageModel, truth: GroundTruth, evidence: EvidenceImage[]): Promise<Omit<ReferenceCell, 'video' | 'visualTokens'>> {
  const tally = { correct: 0, answered: 0, iouSum: 0, groundingN: 0 };
  await Promise.all(truth.questions.map(async (question) => {
    const doc: SynthDoc = { id: question.id, set: mediumSpec.id, video: truth.video, duration: truth.duration, question };
    const messages = assembleMessages({ question: synthPrompt(doc).text, duration: truth.duration, evidence });
    const { text } = await model.generate({ messages });
    const score = scoreSynthDoc(doc, text);
    if (question.form === 'grounding') {
      tally.groundingN++;
      tally.iouSum += score.iou ?? 0;
    } else {
      tally.answered++;
      tally.correct += score.accuracy ?? 0;
    }
  }));
  return tally;
}

async function reference(model: LanguageModel, info: VideoInfo, truth: GroundTruth, videoId: string): Promise<ReferenceCell> {
  const times = Array.from({ length: Math.floor(truth.duration * 2 - 1e-9) + 1 }, (_, i) => i / 2);
  const { frames } = await decodeFrames(info.path, times, { format: 'jpeg', quality: 85, size: Math.max(mediumSpec.width, mediumSpec.height), cache });
  const evidence: ImagePart[] = frames.map((f) => ({ type: 'image', image: f.image, mediaType: 'image/jpeg', time: f.time, width: f.width, height: f.height }));
  const visualTokens = evidence.reduce((sum, e) => sum + profile.imageTokens(e.width, e.height), 0);
  return { video: videoId, visualTokens, ...(await askAll(model, truth, evidence)) };
}

async function main(): Promise<void> {
  registerBuiltinProviders();
  registerOracleProvider();
  process.env.REELM_ORACLE_OCR_CACHE ??= path.join(benchWork, 'synth-oracle-cache', 'ocr-regions.jsonl');
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
  const { chosen } = chooseSubset(12);
  const videos = [...chosen].sort((a, b) => a.script.duration - b.script.duration).slice(0, videoCount);
  log(`videos: ${videos.map((v) => `${v.id} (${v.script.duration} s)`).join(', ')}; strategies ${strategies.join(', ')}; budgets ${budgets.join(', ')}`);
  // Every question waits for the first to perceive all frames; on a loaded machine that outlasts the
  // default 120 s request timeout, so the timeout here is generous.
  const model = await createLanguageModel(modelId, {}, { cache: null, policy: { concurrency: 4, timeoutMs: 3_600_000 } });
  const cells: BudgetCell[] = [];
  const references: ReferenceCell[] = [];
  const plans: Array<{ strategy: string; budget: number; video: string; binding: string; images: number; frames: number; visualTokens: number; warnings: string[] }> = [];
  const failures: Array<{ strategy: string; budget: number; video: string; error: string }> = [];

  const write = async (): Promise<void> => {
    const ids = [...new Set(references.map((r) => r.video))];
    const goal = budgetGoal(cells, references, ids);
    const interval = ids.length > 1 ? bootstrapRatio(cells, references, ids) : null;
    const curves = strategies.map((strategy) => ({ strategy, points: curve(cells, strategy, ids) }));
    const refTotals = references.reduce((t, r) => ({ c: t.c + r.correct, a: t.a + r.answered, i: t.i + r.iouSum, g: t.g + r.groundingN, tok: t.tok + r.visualTokens }), { c: 0, a: 0, i: 0, g: 0, tok: 0 });
    const referenceSummary = { accuracy: refTotals.a ? refTotals.c / refTotals.a : 0, mIoU: refTotals.g ? refTotals.i / refTotals.g : null, tokens: references.length ? refTotals.tok / references.length : 0 };
    const result = {
      benchmark: 'synth-budget',
      date: new Date().toISOString(),
      settings: {
        set: mediumSpec.id, seed: mediumSpec.benchmarkSeed,
        subset: `the ${videoCount} shortest of the ceiling's subset (the 12 shortest of the first 24 videos of synth-medium)`,
        videos: videos.map((v) => ({ id: v.id, duration: v.script.duration })),
        strategies, budgets, model: modelId,
        profile: { family: profile.family, overrides: profileOverrides, imageTokens: 'ceil-to-28 patches (Qwen2.5-VL smart_resize)' },
        frames: 'JPEG quality 85 (realizePlan default)',
        left_out: { 'native-video': 'the oracle reads images, not video', 'question-guided': 'needs an image–text embedder; none is installed here' },
      },
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' },
      reference: { ...referenceSummary, perVideo: references },
      curves,
      goal: { ...goal, goalMet: goal.ratio !== null && goal.ratio <= 0.25, ratioInterval95: interval, note: 'ratio = mean visual tokens auto needs to reach uniform\'s accuracy at B, over uniform\'s mean tokens at B; goal ≤ 0.25' },
      cells,
      plans,
      failures,
      wallSeconds: (Date.now() - started) / 1000,
      cpuSeconds: cpuSince(cpuAtStart),
      twoCoreEstimateSeconds: cpuSince(cpuAtStart) / 2,
    };
    await fs.mkdir(path.dirname(outFile), { recursive: true });
    await fs.writeFile(outFile, JSON.stringify(result, null, 1) + '\n');
    const title = `synth-medium, ${ids.length} videos, oracle: accuracy and mIoU against visual tokens`;
    await fs.writeFile(outFile.replace(/\.json$/, '') + '.svg', renderChart(curves, referenceSummary, title));
  };

  for (const video of videos) {
    const { truth } = await ensureRendered(video, subsetDirectory('base'), 'base');
    const info = await probe(path.join(subsetDirectory('base'), truth.video), { cache });
    let cpu = cpuSeconds();
    references.push(await reference(model, info, truth, video.id));
    log(`${video.id}: 2-fps reference ${references.at(-1)!.correct}/${references.at(-1)!.answered} in ${cpuSince(cpu).toFixed(1)} CPU-s`);
    for (const strategy of strategies) {
      cpu = cpuSeconds();
      const line: string[] = [];
      for (const budget of budgets) {
        try {
          const plan = await planForVideo(info, { maxVisualTokens: budget }, profile, { strategy, cache });
          const evidence = (await realizePlan(info, plan, { cache })).filter((part): part is EvidenceImage => !isVideoPart(part));
          const tally = await askAll(model, truth, evidence);
          cells.push({ strategy, budget, video: video.id, visualTokens: plan.estimate.visualTokens, images: plan.estimate.images, frames: plan.estimate.frames, ...tally });
          plans.push({ strategy, budget, video: video.id, binding: plan.binding, images: plan.estimate.images, frames: plan.estimate.frames, visualTokens: plan.estimate.visualTokens, warnings: plan.warnings });
          line.push(`${budget}:${tally.correct}/${tally.answered}`);
        } catch (error) {
          failures.push({ strategy, budget, video: video.id, error: String(error) });
          line.push(`${budget}:failed`);
        }
      }
      log(`  ${video.id} ${strategy}: ${line.join(' ')} (${cpuSince(cpu).toFixed(1)} CPU-s)`);
      await write();
    }
  }
  await write();
  await flushTextReadingCache();
  const written = JSON.parse(await fs.readFile(outFile, 'utf8')) as { goal: Record<string, unknown> };
  log(`goal: ${JSON.stringify(written.goal)}`);
  log(`wrote ${path.relative(benchRoot, outFile)} and its .svg`);
  // The oracle's loopback server keeps the event loop alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
