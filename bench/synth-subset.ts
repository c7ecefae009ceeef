/**
 * What the synthetic benchmarks (bench/synth-oracle-ceiling.ts, bench/synth-budget.ts) share: the fixed
 * subset of synth-medium they run on, rendering it once into bench/work, scoring tallies, and CPU
 * accounting (other agents share this machine, so CPU-seconds say more than wall time).
 *
 * Subset rule: of the first 24 videos of synth-medium (its benchmark seed), the N shortest, ties by
 * index, in index order.
 */

import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGroundTruth, type GroundTruth } from '../src/eval/synth/ground-truth.js';
import type { RenderVariant } from '../src/eval/synth/palette.js';
import { renderVideo } from '../src/eval/synth/render-video.js';
import { planSynthSet, synthSets, type PlannedVideo } from '../src/eval/synth/sets.js';

export const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const benchWork = path.join(benchRoot, 'bench', 'work');
export const mediumSpec = synthSets['synth-medium'];
export const subsetPool = 24;

export function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** The `size` shortest of the first 24 videos of synth-medium, in index order; and the pool's durations. */
export function chooseSubset(size: number): { chosen: PlannedVideo[]; poolDurations: Array<{ id: string; duration: number }> } {
  const planned = planSynthSet(mediumSpec, { limit: subsetPool });
  const ranked = planned.map((v, i) => ({ v, i })).sort((a, b) => a.v.script.duration - b.v.script.duration || a.i - b.i);
  const chosen = ranked.slice(0, size).sort((a, b) => a.i - b.i).map((r) => r.v);
  return { chosen, poolDurations: planned.map((v) => ({ id: v.id, duration: v.script.duration })) };
}

export function subsetDirectory(variant: RenderVariant): string {
  return path.join(benchWork, variant === 'base' ? 'synth-medium-subset' : `synth-medium-subset-${variant}`);
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

/** Renders a video of the subset unless its .mp4 and .json are already there. */
export async function ensureRendered(video: PlannedVideo, dir: string, variant: RenderVariant): Promise<{ truth: GroundTruth; renderSeconds: number; cached: boolean }> {
  const mp4 = path.join(dir, `${video.id}.mp4`);
  const json = path.join(dir, `${video.id}.json`);
  if (await exists(mp4) && await exists(json)) {
    return { truth: JSON.parse(await fs.readFile(json, 'utf8')) as GroundTruth, renderSeconds: 0, cached: true };
  }
  await fs.mkdir(dir, { recursive: true });
  const truth = buildGroundTruth(video.script, { set: mediumSpec.id, video: `${video.id}.mp4`, variant, questionsPerFamily: video.questionsPerFamily });
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

export interface CpuReading { self: number; children: number }

/**
 * CPU seconds used so far: this process (all its threads, OCR's included) and its waited-for children
 * (ffmpeg renders and decodes), from /proc (clock ticks of 1/100 s) where it exists.
 */
export function cpuSeconds(): CpuReading {
  const usage = process.cpuUsage();
  let children = 0;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime (fields 16, 17)
  } catch {
    // Not Linux: children's CPU is not counted.
  }
  return { self: (usage.user + usage.system) / 1e6, children };
}

export function cpuSince(from: CpuReading): number {
  const now = cpuSeconds();
  return now.self - from.self + now.children - from.children;
}

/** Correct answers and IoU sums by question form. */
export interface Tally { mcN: number; mcCorrect: number; openN: number; openCorrect: number; groundingN: number; iouSum: number; unparsed: number }
export const emptyTally = (): Tally => ({ mcN: 0, mcCorrect: 0, openN: 0, openCorrect: 0, groundingN: 0, iouSum: 0, unparsed: 0 });

export function addScore(tally: Tally, form: string, score: { accuracy?: number | null; iou?: number | null }): void {
  if (form === 'grounding') {
    tally.groundingN++;
    tally.iouSum += score.iou ?? 0;
    if (score.iou === null || score.iou === undefined) tally.unparsed++;
  } else if (form === 'multiple-choice') {
    tally.mcN++;
    tally.mcCorrect += score.accuracy ?? 0;
    if (score.accuracy === null || score.accuracy === undefined) tally.unparsed++;
  } else {
    tally.openN++;
    tally.openCorrect += score.accuracy ?? 0;
    if (score.accuracy === null || score.accuracy === undefined) tally.unparsed++;
  }
}

export function summarize(t: Tally): Record<string, number | null> {
  return {
    mcAccuracy: t.mcN ? t.mcCorrect / t.mcN : null, mcN: t.mcN,
    openAccuracy: t.openN ? t.openCorrect / t.openN : null, openN: t.openN,
    groundingMIoU: t.groundingN ? t.iouSum / t.groundingN : null, groundingN: t.groundingN,
    unparsed: t.unparsed,
  };
}
