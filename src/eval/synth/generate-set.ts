/**
 * Generates a synthetic set into a folder: for each video `<id>.mp4` and `<id>.json` (its ground
 * truth), and `manifest.json` listing them with the set, seed and variant. Reports progress in frames.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../core/atomic-file.js';
import { StageProgress, type ProgressReporter } from '../../core/progress.js';
import { buildGroundTruth } from './ground-truth.js';
import type { RenderVariant } from './palette.js';
import { renderVideo } from './render-video.js';
import { planSynthSet, type SynthSetSpec } from './sets.js';

export interface GenerateSetOptions {
  outDir: string;
  seed?: number;
  variant?: RenderVariant;
  limit?: number;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
}

export interface SynthManifest {
  version: 1;
  set: string;
  seed: number;
  variant: RenderVariant;
  width: number;
  height: number;
  fps: number;
  videos: Array<{ id: string; video: string; groundTruth: string; duration: number; frames: number; questions: number }>;
}

export interface GenerateSetResult {
  outDir: string;
  manifestPath: string;
  manifest: SynthManifest;
  frames: number;
  renderSeconds: number;
}

export async function generateSynthSet(spec: SynthSetSpec, options: GenerateSetOptions): Promise<GenerateSetResult> {
  const seed = options.seed ?? spec.benchmarkSeed;
  const variant = options.variant ?? 'base';
  const outDir = path.resolve(options.outDir);
  await fs.mkdir(outDir, { recursive: true });
  const planned = planSynthSet(spec, { seed, limit: options.limit });
  const totalFrames = planned.reduce((sum, v) => sum + Math.round(v.script.duration * v.script.fps), 0);
  const progress = new StageProgress('render frames', totalFrames, options.onProgress);
  const manifest: SynthManifest = { version: 1, set: spec.id, seed, variant, width: spec.width, height: spec.height, fps: spec.fps, videos: [] };
  const started = Date.now();
  let framesBefore = 0;
  for (const video of planned) {
    const file = `${video.id}.mp4`;
    const truthFile = `${video.id}.json`;
    const truth = buildGroundTruth(video.script, { set: spec.id, video: file, variant, questionsPerFamily: video.questionsPerFamily });
    const rendered = await renderVideo(video.script, path.join(outDir, file), {
      variant,
      signal: options.signal,
      onFrame: (done) => progress.update(framesBefore + done),
    });
    framesBefore += rendered.frames;
    await writeFileAtomic(path.join(outDir, truthFile), JSON.stringify(truth, null, 1) + '\n');
    manifest.videos.push({ id: video.id, video: file, groundTruth: truthFile, duration: video.script.duration, frames: rendered.frames, questions: truth.questions.length });
  }
  progress.finish();
  const manifestPath = path.join(outDir, 'manifest.json');
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { outDir, manifestPath, manifest, frames: framesBefore, renderSeconds: (Date.now() - started) / 1000 };
}
