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
 * Frames are JPEG at quality 85, what the pipeline sends by default (FORMAT=png for lossless frames).
 *
 * Caches under bench/work (so a rerun is fast): rendered videos (skipped when the .mp4 and .json exist),
 * decoded frames (ArtifactCache at bench/work/synth-oracle-cache), the oracle's OCR of text regions by
 * pixel hash (bench/work/synth-oracle-cache/ocr-regions.jsonl), and the oracle's answers (keyed by the
 * sha1 of the request messages; read back only with ANSWER_CACHE=1, since they do not key the oracle's
 * code). Timing is wall and CPU seconds (this process and its ffmpeg children) per phase; CPU/2 is the
 * estimate for 2 cores of our own, since other agents share the machine.
 *
 * Environment:
 *   SUBSET_SIZE=12        how many videos (the N shortest of the first 24)
 *   VARIANTS=base,shifted which variants, in order
 *   ANSWER_CACHE=1        answer from cached answers where present (always records them)
 *   FORMAT=png            frames as PNG instead of JPEG q85 (QUALITY=n sets the JPEG quality)
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
import { ArtifactCache } from '../src/core/artifact-cache.js';
import { decodeFrames } from '../src/media/decode/decode-frames.js';
import { createLanguageModel } from '../src/models/create-model.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import { assembleMessages } from '../src/plan/assemble-messages.js';
import { scoreSynthDoc, synthPrompt, type SynthDoc } from '../src/eval/benchmark-synth.js';
import type { RenderVariant } from '../src/eval/synth/palette.js';
import type { PlannedVideo } from '../src/eval/synth/sets.js';
import { registerOracleProvider } from '../src/eval/synth/oracle/provider.js';
import { flushTextReadingCache, textReadingStats } from '../src/eval/synth/oracle/read-text-regions.js';
import type { ImagePart } from '../src/models/messages.js';
import { addScore, benchRoot as root, benchWork as work, chooseSubset as chooseSubsetOf, cpuSeconds, cpuSince, emptyTally, ensureRendered, log, mediumSpec as spec, subsetDirectory, subsetPool as pool, summarize, type Tally } from './synth-subset.js';

const outFile = path.resolve(process.env.OUT ?? path.join(root, 'bench', 'results', 'synth-oracle-ceiling.json'));
const subsetSize = Number(process.env.SUBSET_SIZE ?? 12);
const variants = (process.env.VARIANTS ?? 'base,shifted').split(',').map((v) => v.trim()).filter(Boolean) as RenderVariant[];
const fps = 2;
/** Frames as the pipeline sends them by default (JPEG, quality 85) unless FORMAT=png. */
const frameFormat = process.env.FORMAT === 'png' ? 'png' : 'jpeg';
const frameQuality = Number(process.env.QUALITY ?? 85);
const concurrency = 4;
const modelId = 'oracle:reference';
// Cached answers are keyed by the request only, not by the oracle's code: reuse them only when asked.
const useAnswerCache = process.env.ANSWER_CACHE === '1';
const frameCache = new ArtifactCache({ root: path.join(work, 'synth-oracle-cache') });
const answerDir = path.join(work, 'synth-oracle-cache', 'answers');

function chooseSubset(): ReturnType<typeof chooseSubsetOf> {
  const subset = chooseSubsetOf(subsetSize);
  if (process.env.ORDER === 'shortest') subset.chosen.sort((a, b) => a.script.duration - b.script.duration);
  return subset;
}

async function runVariant(videos: PlannedVideo[], variant: RenderVariant, deadline: number | undefined, checkpoint: (partial: unknown) => Promise<void>) {
  const dir = subsetDirectory(variant);
  await fs.mkdir(dir, { recursive: true });
  // Every question waits for the first to perceive all frames; on a loaded machine that outlasts the
  // default 120 s request timeout, so the timeout here is generous.
  const model = await createLanguageModel(modelId, {}, { cache: null, policy: { concurrency, timeoutMs: 3_600_000 } });
  const overall = emptyTally();
  const families = new Map<string, Tally>();
  const perVideo: unknown[] = [];
  const failures: unknown[] = [];
  const timing = { renderSeconds: 0, decodeSeconds: 0, askSeconds: 0, renderCpuSeconds: 0, decodeCpuSeconds: 0, askCpuSeconds: 0, frames: 0, questions: 0, answerCacheHits: 0 };
  const cpuStarted = cpuSeconds();
  const readingStarted = { ...textReadingStats };
  const started = Date.now();
  let done = 0;
  for (const video of videos) {
    const estimate = video.script.duration * fps * Number(process.env.S_PER_FRAME ?? 1);
    if (deadline !== undefined && Date.now() + estimate * 1000 > deadline) {
      log(`deadline: ${video.id} (est. ${estimate.toFixed(0)} s) would not finish; stopping ${variant} after ${done}/${videos.length} videos`);
      break;
    }
    const t0 = Date.now();
    let cpu = cpuSeconds();
    const { truth, renderSeconds, cached } = await ensureRendered(video, dir, variant);
    timing.renderSeconds += renderSeconds;
    timing.renderCpuSeconds += cpuSince(cpu);
    cpu = cpuSeconds();
    const t1 = Date.now();
    log(`${variant} ${video.id} (${truth.duration} s): ${cached ? 'render cached' : `rendered in ${((t1 - t0) / 1000).toFixed(1)} s`}`);
    const times = Array.from({ length: Math.floor(truth.duration * fps - 1e-9) + 1 }, (_, i) => i / fps);
    const { frames } = await decodeFrames(path.join(dir, truth.video), times, { format: frameFormat, quality: frameQuality, size: Math.max(spec.width, spec.height), cache: frameCache });
    const t2 = Date.now();
    timing.decodeSeconds += (t2 - t1) / 1000;
    const decodeCpu = cpuSince(cpu);
    timing.decodeCpuSeconds += decodeCpu;
    cpu = cpuSeconds();
    timing.frames += frames.length;
    const evidence: ImagePart[] = frames.map((f) => ({ type: 'image', image: f.image, mediaType: frameFormat === 'png' ? 'image/png' : 'image/jpeg', time: f.time, width: f.width, height: f.height }));
    const imageKeys = new Map<Uint8Array, string>(evidence.map((e) => [e.image as Uint8Array, createHash('sha1').update(e.image as Uint8Array).digest('hex')]));
    const vt = emptyTally();
    let cacheHits = 0;
    const grounding: Array<{ question: string; answer: string; truth: unknown; iou: number | null }> = [];
    await Promise.all(truth.questions.map(async (question) => {
      const doc: SynthDoc = { id: question.id, set: spec.id, video: truth.video, duration: truth.duration, question };
      const messages = assembleMessages({ question: synthPrompt(doc).text, duration: truth.duration, evidence });
      // Images are keyed by their hash (imageKeys, once per video), never stringified: a Buffer's toJSON
      // runs before any replacer and would turn every image into an array of numbers.
      const hash = createHash('sha1').update(modelId);
      for (const message of messages) {
        const parts = typeof message.content === 'string' ? [message.content] : message.content;
        hash.update(JSON.stringify(parts.map((part) => (typeof part === 'object' && part.type === 'image' ? { ...part, image: imageKeys.get(part.image) ?? createHash('sha1').update(part.image).digest('hex') } : part))));
        hash.update(message.role);
      }
      const key = hash.digest('hex');
      const answerFile = path.join(answerDir, `${key}.txt`);
      let text: string;
      try {
        if (useAnswerCache && await fs.access(answerFile).then(() => true, () => false)) {
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
      for (const t of [overall, fam, vt]) addScore(t, question.form, score);
      families.set(question.family, fam);
      if (question.form === 'grounding') grounding.push({ question: question.id, answer: text, truth: question.evidence, iou: score.iou ?? null });
      if (process.env.ORACLE_VERBOSE && (score.accuracy === 0 || (score.iou ?? 1) < 0.5)) log(`  miss ${question.id} ${question.form}: ${question.question} -> ${text.slice(0, 200)} (want ${question.answer})`);
    }));
    const t3 = Date.now();
    timing.askSeconds += (t3 - t2) / 1000;
    const askCpu = cpuSince(cpu);
    timing.askCpuSeconds += askCpu;
    timing.questions += truth.questions.length;
    timing.answerCacheHits += cacheHits;
    done++;
    perVideo.push({ id: video.id, duration: truth.duration, frames: frames.length, questions: truth.questions.length, renderCached: cached, renderSeconds, decodeSeconds: (t2 - t1) / 1000, askSeconds: (t3 - t2) / 1000, decodeCpuSeconds: decodeCpu, askCpuSeconds: askCpu, answerCacheHits: cacheHits, ...summarize(vt), grounding });
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
    timing: { ...timing, wallSeconds: (Date.now() - started) / 1000, cpuSeconds: cpuSince(cpuStarted), textReading: Object.fromEntries(Object.entries(textReadingStats).map(([k, v]) => [k, v - readingStarted[k as keyof typeof textReadingStats]])) },
    };
  }
  return result();
}

async function main(): Promise<void> {
  // OCR results of text regions persist beside the other caches, so a rerun reads no text twice.
  process.env.REELM_ORACLE_OCR_CACHE ??= path.join(work, 'synth-oracle-cache', 'ocr-regions.jsonl');
  registerBuiltinProviders();
  registerOracleProvider();
  const { chosen: subset, poolDurations } = chooseSubset();
  let chosen = subset;
  if (process.env.VIDEO_IDS) { const ids = new Set(process.env.VIDEO_IDS.split(',')); chosen = chosen.filter((v) => ids.has(v.id)); }
  if (process.env.SHARD) { const [k, n] = process.env.SHARD.split('/').map(Number); chosen = chosen.filter((_v, i) => i % n! === k); }
  const deadline = process.env.DEADLINE ? Date.parse(process.env.DEADLINE) : undefined;
  log(`subset: ${chosen.map((v) => `${v.id} (${v.script.duration} s)`).join(', ')}; total ${chosen.reduce((s, v) => s + v.script.duration, 0)} s per variant; variants ${variants.join(', ')}`);
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
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
      frameFormat,
      frameQuality: frameFormat === 'png' ? null : frameQuality,
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
    cpuSeconds: cpuSince(cpuAtStart),
    // Other agents share this machine's 2 cores, so wall time overstates; CPU-seconds / 2 is what the
    // run would take with both cores to itself (render, decode and oracle all counted).
    twoCoreEstimateSeconds: cpuSince(cpuAtStart) / 2,
  });
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  const write = () => fs.writeFile(outFile, JSON.stringify(build(), null, 2) + '\n');
  for (const variant of variants) {
    results.push(null);
    results[results.length - 1] = await runVariant(chosen, variant, deadline, async (partial) => { results[results.length - 1] = partial; await write(); });
  }
  await write();
  await flushTextReadingCache();
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
