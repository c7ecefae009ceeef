/**
 * The oracle's accuracy ceiling on a fixed subset of synth-medium (benchmark seed), base and shifted.
 *
 * Run: node --import tsx bench/synth-oracle-ceiling.ts
 *
 * Exactly as test/eval/oracle.test.ts exercises the oracle end to end: every frame at 2 fps decoded at
 * full resolution, messages assembled as the pipeline does, each question asked through
 * createLanguageModel('oracle:reference') (the OpenAI-compatible provider over loopback HTTP), scored
 * with scoreSynthDoc. Writes bench/results/synth-oracle-ceiling.json.
 *
 * Subset rule: of the first 24 videos of synth-medium (benchmark seed), the SUBSET_SIZE (default 12)
 * shortest, ties by index, evaluated in index order. Rendered into bench/work/synth-medium-subset[-shifted]/.
 *
 * Caches under bench/work (so a rerun is fast): rendered videos (skipped when the .mp4 and .json exist),
 * decoded frames (ArtifactCache at bench/work/synth-oracle-cache), and the oracle's answers (keyed by
 * the sha1 of the request messages). The oracle's own OCR cache by image hash is module-private and
 * in-memory (src/eval/synth/oracle/observe.ts) and cannot be persisted without editing src/; the answer
 * cache makes it unnecessary on a rerun.
 *
 * Environment:
 *   SUBSET_SIZE=12        how many videos (the N shortest of the first 24)
 *   VARIANTS=base,shifted which variants, in order
 *   NO_ANSWER_CACHE=1     ignore cached answers (still records them)
 *   OUT=path              result file (default bench/results/synth-oracle-ceiling.json; rewritten after each video)
 *   DEADLINE=ISO time     do not start a video whose estimated finish (frames × S_PER_FRAME) is past it
 *   S_PER_FRAME=1.0       estimate of oracle seconds per 2-fps frame, for DEADLINE
 *   ORDER=index|shortest  processing order (default index; shortest fits most videos under a deadline)
 *   VIDEO_IDS=a,b         restrict to these ids of the subset (e.g. to re-score finished videos from cache)
 *   SHARD=k/n             take every n-th video of the processing order starting at k (parallel processes)
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArtifactCache } from '../src/core/artifact-cache.js';
import { decodeFrames } from '../src/media/decode/decode-frames.js';
import { createLanguageModel } from '../src/models/create-model.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import { assembleMessages } from '../src/plan/assemble-messages.js';
import { scoreSynthDoc, synthPrompt, type SynthDoc } from '../src/eval/benchmark-synth.js';
import { buildGroundTruth, type GroundTruth } from '../src/eval/synth/ground-truth.js';
import type { RenderVariant } from '../src/eval/synth/palette.js';
import { renderVideo } from '../src/eval/synth/render-video.js';
import { planSynthSet, synthSets, type PlannedVideo } from '../src/eval/synth/sets.js';
import { registerOracleProvider } from '../src/eval/synth/oracle/provider.js';
import type { ImagePart } from '../src/models/messages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, 'bench', 'work');
const outFile = path.resolve(process.env.OUT ?? path.join(root, 'bench', 'results', 'synth-oracle-ceiling.json'));
const spec = synthSets['synth-medium'];
const subsetSize = Number(process.env.SUBSET_SIZE ?? 12);
const pool = 24;
const variants = (process.env.VARIANTS ?? 'base,shifted').split(',').map((v) => v.trim()).filter(Boolean) as RenderVariant[];
const fps = 2;
const concurrency = 4;
const modelId = 'oracle:reference';
const useAnswerCache = !process.env.NO_ANSWER_CACHE;
const frameCache = new ArtifactCache({ root: path.join(work, 'synth-oracle-cache') });
const answerDir = path.join(work, 'synth-oracle-cache', 'answers');

interface Tally { mcN: number; mcCorrect: number; openN: number; openCorrect: number; groundingN: number; iouSum: number; unparsed: number }
const emptyTally = (): Tally => ({ mcN: 0, mcCorrect: 0, openN: 0, openCorrect: 0, groundingN: 0, iouSum: 0, unparsed: 0 });

function summarize(t: Tally): Record<string, number | null> {
  return {
    mcAccuracy: t.mcN ? t.mcCorrect / t.mcN : null, mcN: t.mcN,
    openAccuracy: t.openN ? t.openCorrect / t.openN : null, openN: t.openN,
    groundingMIoU: t.groundingN ? t.iouSum / t.groundingN : null, groundingN: t.groundingN,
    unparsed: t.unparsed,
  };
}

function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function chooseSubset(): { chosen: PlannedVideo[]; poolDurations: Array<{ id: string; duration: number }> } {
  const planned = planSynthSet(spec, { limit: pool });
  const ranked = planned.map((v, i) => ({ v, i })).sort((a, b) => a.v.script.duration - b.v.script.duration || a.i - b.i);
  const chosen = ranked.slice(0, subsetSize).sort((a, b) => a.i - b.i).map((r) => r.v);
  if (process.env.ORDER === 'shortest') chosen.sort((a, b) => a.script.duration - b.script.duration);
  return { chosen, poolDurations: planned.map((v) => ({ id: v.id, duration: v.script.duration })) };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

async function ensureRendered(video: PlannedVideo, dir: string, variant: RenderVariant): Promise<{ truth: GroundTruth; renderSeconds: number; cached: boolean }> {
  const mp4 = path.join(dir, `${video.id}.mp4`);
  const json = path.join(dir, `${video.id}.json`);
  if (await exists(mp4) && await exists(json)) {
    return { truth: JSON.parse(await fs.readFile(json, 'utf8')) as GroundTruth, renderSeconds: 0, cached: true };
  }
  const truth = buildGroundTruth(video.script, { set: spec.id, video: `${video.id}.mp4`, variant, questionsPerFamily: video.questionsPerFamily });
  const total = Math.round(video.script.duration * video.script.fps);
  let last = Date.now();
  const tmp = path.join(dir, `${video.id}.partial.mp4`);
  const { seconds } = await renderVideo(video.script, tmp, {
    variant,
    onFrame: (done) => {
      if (Date.now() - last > 15_000) { last = Date.now(); log(`  render ${video.id} ${variant}: ${done}/${total} frames`); }
    },
  });
  await fs.rename(tmp, mp4);
  await fs.writeFile(json, JSON.stringify(truth, null, 1) + '\n');
  return { truth, renderSeconds: seconds, cached: false };
}

async function runVariant(videos: PlannedVideo[], variant: RenderVariant, deadline: number | undefined, checkpoint: (partial: unknown) => Promise<void>) {
  const dir = path.join(work, variant === 'base' ? 'synth-medium-subset' : `synth-medium-subset-${variant}`);
  await fs.mkdir(dir, { recursive: true });
  const model = await createLanguageModel(modelId, {}, { cache: null, policy: { concurrency } });
  const overall = emptyTally();
  const families = new Map<string, Tally>();
  const perVideo: unknown[] = [];
  const failures: unknown[] = [];
  const timing = { renderSeconds: 0, decodeSeconds: 0, askSeconds: 0, frames: 0, questions: 0, answerCacheHits: 0 };
  const started = Date.now();
  let done = 0;
  for (const video of videos) {
    const estimate = video.script.duration * fps * Number(process.env.S_PER_FRAME ?? 1);
    if (deadline !== undefined && Date.now() + estimate * 1000 > deadline) {
      log(`deadline: ${video.id} (est. ${estimate.toFixed(0)} s) would not finish; stopping ${variant} after ${done}/${videos.length} videos`);
      break;
    }
    const t0 = Date.now();
    const { truth, renderSeconds, cached } = await ensureRendered(video, dir, variant);
    timing.renderSeconds += renderSeconds;
    const t1 = Date.now();
    log(`${variant} ${video.id} (${truth.duration} s): ${cached ? 'render cached' : `rendered in ${((t1 - t0) / 1000).toFixed(1)} s`}`);
    const times = Array.from({ length: Math.floor(truth.duration * fps - 1e-9) + 1 }, (_, i) => i / fps);
    const { frames } = await decodeFrames(path.join(dir, truth.video), times, { format: 'png', size: Math.max(spec.width, spec.height), cache: frameCache });
    const t2 = Date.now();
    timing.decodeSeconds += (t2 - t1) / 1000;
    timing.frames += frames.length;
    const evidence: ImagePart[] = frames.map((f) => ({ type: 'image', image: f.image, mediaType: 'image/png', time: f.time, width: f.width, height: f.height }));
    const imageKeys = new Map<Uint8Array, string>(evidence.map((e) => [e.image as Uint8Array, createHash('sha1').update(e.image as Uint8Array).digest('hex')]));
    const vt = emptyTally();
    let cacheHits = 0;
    await Promise.all(truth.questions.map(async (question) => {
      const doc: SynthDoc = { id: question.id, set: spec.id, video: truth.video, duration: truth.duration, question };
      const messages = assembleMessages({ question: synthPrompt(doc).text, duration: truth.duration, evidence });
      const hash = createHash('sha1');
      // Images are hashed once per video (imageKeys), not stringified: Buffer.toJSON would run before a
      // replacer sees it and turn every PNG into a number array (minutes per video).
      hash.update(modelId).update(JSON.stringify(messages, function (this: Record<string, unknown>, k: string, v: unknown) {
        const raw = this[k];
        return raw instanceof Uint8Array ? imageKeys.get(raw) ?? createHash('sha1').update(raw).digest('hex') : v;
      }));
      const key = hash.digest('hex');
      const answerFile = path.join(answerDir, `${key}.txt`);
      let text: string;
      try {
        if (useAnswerCache && await exists(answerFile)) {
          text = await fs.readFile(answerFile, 'utf8');
          cacheHits++;
        } else {
          text = (await model.generate({ messages })).text;
          await fs.mkdir(answerDir, { recursive: true });
          await fs.writeFile(answerFile, text);
        }
      } catch (error) {
        failures.push({ variant, video: video.id, question: question.id, error: String(error) });
        text = '';
      }
      const score = scoreSynthDoc(doc, text);
      const fam = families.get(question.family) ?? emptyTally();
      for (const t of [overall, fam, vt]) {
        if (question.form === 'grounding') {
          t.groundingN++;
          t.iouSum += score.iou ?? 0;
          if (score.iou === null) t.unparsed++;
        } else if (question.form === 'multiple-choice') {
          t.mcN++;
          t.mcCorrect += score.accuracy ?? 0;
          if (score.accuracy === null) t.unparsed++;
        } else {
          t.openN++;
          t.openCorrect += score.accuracy ?? 0;
          if (score.accuracy === null) t.unparsed++;
        }
      }
      families.set(question.family, fam);
      if (process.env.ORACLE_VERBOSE && (score.accuracy === 0 || (score.iou ?? 1) < 0.5)) log(`  miss ${question.id} ${question.form}: ${question.question} -> ${text.slice(0, 200)} (want ${question.answer})`);
    }));
    const t3 = Date.now();
    timing.askSeconds += (t3 - t2) / 1000;
    timing.questions += truth.questions.length;
    timing.answerCacheHits += cacheHits;
    done++;
    perVideo.push({ id: video.id, duration: truth.duration, frames: frames.length, questions: truth.questions.length, renderCached: cached, renderSeconds, decodeSeconds: (t2 - t1) / 1000, askSeconds: (t3 - t2) / 1000, answerCacheHits: cacheHits, ...summarize(vt) });
    const s = summarize(overall);
    await checkpoint(result());
    log(`${variant} ${video.id}: ${frames.length} frames decoded in ${((t2 - t1) / 1000).toFixed(1)} s, ${truth.questions.length} questions in ${((t3 - t2) / 1000).toFixed(1)} s (${cacheHits} cached) — running MC ${s.mcAccuracy?.toFixed(3)}, open ${s.openAccuracy?.toFixed(3)}, mIoU ${s.groundingMIoU?.toFixed(3)} [${done}/${videos.length}]`);
  }
  function result() {
    return {
    variant,
    directory: path.relative(root, dir),
    videosRun: done,
    videosPlanned: videos.length,
    videoIds: videos.slice(0, done).map((v) => v.id),
    overall: summarize(overall),
    perFamily: Object.fromEntries([...families.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, summarize(t)])),
    perVideo,
    failures,
    timing: { ...timing, wallSeconds: (Date.now() - started) / 1000 },
    };
  }
  return result();
}

async function main(): Promise<void> {
  registerBuiltinProviders();
  registerOracleProvider();
  const { chosen: subset, poolDurations } = chooseSubset();
  let chosen = subset;
  if (process.env.VIDEO_IDS) { const ids = new Set(process.env.VIDEO_IDS.split(',')); chosen = chosen.filter((v) => ids.has(v.id)); }
  if (process.env.SHARD) { const [k, n] = process.env.SHARD.split('/').map(Number); chosen = chosen.filter((_v, i) => i % n! === k); }
  const deadline = process.env.DEADLINE ? Date.parse(process.env.DEADLINE) : undefined;
  log(`subset: ${chosen.map((v) => `${v.id} (${v.script.duration} s)`).join(', ')}; total ${chosen.reduce((s, v) => s + v.script.duration, 0)} s per variant; variants ${variants.join(', ')}`);
  const started = Date.now();
  const results: any[] = [];
  const build = () => ({
    benchmark: 'synth-oracle-ceiling',
    date: new Date().toISOString(),
    settings: {
      set: spec.id,
      seed: spec.benchmarkSeed,
      subsetRule: `of the first ${pool} videos of ${spec.id} (benchmark seed ${spec.benchmarkSeed}), the ${subsetSize} shortest (ties by index), in index order`,
      subsetSize,
      order: process.env.ORDER ?? 'index',
      videoIdsFilter: process.env.VIDEO_IDS ?? null,
      shard: process.env.SHARD ?? null,
      subset: subset.map((v) => ({ id: v.id, duration: v.script.duration })),
      pool: poolDurations,
      resolution: `${spec.width}x${spec.height}`,
      renderFps: spec.fps,
      sampleFps: fps,
      frameFormat: 'png',
      frameSize: Math.max(spec.width, spec.height),
      model: modelId,
      concurrency,
      variants,
      deadline: process.env.DEADLINE ?? null,
      answerCache: useAnswerCache,
    },
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' },
    results,
    wallSeconds: (Date.now() - started) / 1000,
  });
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  const write = () => fs.writeFile(outFile, JSON.stringify(build(), null, 2) + '\n');
  for (const variant of variants) {
    results.push(null);
    results[results.length - 1] = await runVariant(chosen, variant, deadline, async (partial) => { results[results.length - 1] = partial; await write(); });
  }
  await write();
  for (const r of results) {
    log(`${r.variant} (${r.videosRun}/${r.videosPlanned} videos): MC ${r.overall.mcAccuracy?.toFixed(3)} (${r.overall.mcN}), open ${r.overall.openAccuracy?.toFixed(3)} (${r.overall.openN}), mIoU ${r.overall.groundingMIoU?.toFixed(3)} (${r.overall.groundingN}) in ${r.timing.wallSeconds.toFixed(1)} s`);
    for (const [family, s] of Object.entries(r.perFamily as Record<string, Record<string, number | null>>)) log(`  ${family.padEnd(12)} MC ${s.mcAccuracy?.toFixed(3) ?? '-'} (${s.mcN})  open ${s.openAccuracy?.toFixed(3) ?? '-'} (${s.openN})  mIoU ${s.groundingMIoU?.toFixed(3) ?? '-'} (${s.groundingN})`);
  }
  log(`wrote ${path.relative(root, outFile)}`);
  // The oracle's loopback server keeps the event loop alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
