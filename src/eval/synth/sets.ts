/**
 * The synthetic sets, with fixed parameters and fixed benchmark seeds. The benchmark seeds are used
 * by no test and no tuning run (tests and `--seed` use others), so scores on them are not tuned-to.
 *
 * - synth-small: 3 videos of 10–20 s at 320×180, 10 fps: CI-sized, renders in about a second.
 * - synth-medium: 60 videos of 2–10 min at 1280×720 (text cap height ≈ 29 px), 10 fps, quiet time
 *   20–50 % of each video, events 0.5–20 s, 2 questions per family per video.
 * - synth-long: 10 videos of 1–3 h at 640×360, 5 fps (kept low so the set renders in hours, not days).
 */

import { buildSceneScript, type ScriptParams } from './build-script.js';
import { Prng, deriveSeed } from './prng.js';
import type { SceneScript } from './scene-script.js';

export interface SynthSetSpec {
  id: string;
  description: string;
  videos: number;
  /** Seconds, drawn uniformly per video and rounded to whole seconds. */
  duration: readonly [number, number];
  width: number;
  height: number;
  fps: number;
  sceneLength: readonly [number, number];
  quietFraction: readonly [number, number];
  fillGap: number;
  questionsPerFamily: number;
  /** The seed the benchmark uses; never used by tests or tuning. */
  benchmarkSeed: number;
}

export const synthSets = Object.freeze({
  'synth-small': {
    id: 'synth-small', description: '3 videos of 10–20 s at 320×180 (CI-sized)', videos: 3, duration: [10, 20], width: 320, height: 180, fps: 10,
    sceneLength: [4, 8], quietFraction: [0.2, 0.5], fillGap: 3, questionsPerFamily: 2, benchmarkSeed: 7_340_033,
  },
  'synth-medium': {
    id: 'synth-medium', description: '60 videos of 2–10 min at 1280×720, quiet 20–50 %', videos: 60, duration: [120, 600], width: 1280, height: 720, fps: 10,
    sceneLength: [20, 90], quietFraction: [0.2, 0.5], fillGap: 5, questionsPerFamily: 2, benchmarkSeed: 7_340_034,
  },
  'synth-long': {
    id: 'synth-long', description: '10 videos of 1–3 h at 640×360', videos: 10, duration: [3600, 10800], width: 640, height: 360, fps: 5,
    sceneLength: [60, 300], quietFraction: [0.2, 0.5], fillGap: 8, questionsPerFamily: 2, benchmarkSeed: 7_340_035,
  },
} as const satisfies Record<string, SynthSetSpec>);

export type SynthSetId = keyof typeof synthSets;
export const synthSetIds = Object.keys(synthSets) as SynthSetId[];

export function isSynthSetId(id: string): id is SynthSetId {
  return Object.hasOwn(synthSets, id);
}

export interface PlannedVideo {
  id: string;
  script: SceneScript;
  questionsPerFamily: number;
}

/** The scripts of a set (no rendering): deterministic from the seed (default: the benchmark seed). */
export function planSynthSet(spec: SynthSetSpec, options: { seed?: number; limit?: number } = {}): PlannedVideo[] {
  const seed = options.seed ?? spec.benchmarkSeed;
  const count = Math.min(spec.videos, options.limit ?? spec.videos);
  return Array.from({ length: count }, (_, i) => {
    const videoSeed = deriveSeed(seed, spec.id, i);
    const id = `${spec.id}-${String(i + 1).padStart(3, '0')}`;
    const duration = Math.round(new Prng(deriveSeed(videoSeed, 'duration')).range(spec.duration[0], spec.duration[1]));
    const params: ScriptParams = {
      id, seed: videoSeed, duration, width: spec.width, height: spec.height, fps: spec.fps,
      sceneLength: spec.sceneLength, quietFraction: spec.quietFraction, fillGap: spec.fillGap,
    };
    return { id, script: buildSceneScript(params), questionsPerFamily: spec.questionsPerFamily };
  });
}
