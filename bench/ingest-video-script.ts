/**
 * The ingest benchmark's video as data: a seeded list of scenes (generated backgrounds with large words,
 * plain generated backgrounds, and real footage from ../shared/media) and the truth the scorers read —
 * cut times, text spans with their words, footage spans with the clip's name and whether people are in
 * it. Pure: the same options give the same script, so the rendered video and its truth never disagree.
 * Rendering lives in ingest-video.ts.
 */

import { Prng, deriveSeed } from '../src/eval/synth/prng.js';
import type { TimeSpan } from '../src/core/time.js';

/** A real clip the benchmark may show, with the fact from ../shared/media/README.md the scorer relies on. */
export interface FootageClip {
  /** File name inside the shared media folder. */
  name: string;
  /** README facts: whole people are visible throughout (test_clip.mp4 shows only feet and legs). */
  people: boolean;
  /** Use the clip only up to here (seconds): past it the footage jumps like a cut, which the truth would not know. */
  untilSec: number | null;
}

/**
 * The clips used. ava_people.mp4 is left out: it is arm_wrestling.mp4 with drawn labels, so it would add
 * untracked on-screen text and duplicate a scene.
 */
export const footageClips: readonly FootageClip[] = Object.freeze([
  // Its smeared last ~2 s (README) jump at 7.36 s and 9.57 s (ffmpeg scene score 0.47 and 0.58, above
  // the 0.3 of a shot boundary), so only the first 7.2 s are shown.
  { name: 'arm_wrestling.mp4', people: true, untilSec: 7.2 },
  { name: 'people_skeleton_demo.mp4', people: true, untilSec: null },
  { name: 'structuralize.mp4', people: true, untilSec: null },
  { name: 'test_clip.mp4', people: false, untilSec: null },
]);

/**
 * Common, unambiguous English words of four to nine letters: long enough that OCR reads them as words,
 * none a substring of another so a search for one cannot be satisfied by a different word.
 */
export const sceneWords: readonly string[] = Object.freeze([
  'harbor', 'lantern', 'garden', 'meadow', 'river', 'castle', 'pencil', 'window', 'forest', 'rocket',
  'silver', 'orange', 'violet', 'summer', 'winter', 'autumn', 'bridge', 'tunnel', 'market', 'island',
  'desert', 'valley', 'canyon', 'glacier', 'thunder', 'breeze', 'copper', 'marble', 'velvet', 'cotton',
  'kitchen', 'library', 'station', 'airport', 'theater', 'museum', 'stadium', 'village', 'capital', 'province',
  'dolphin', 'penguin', 'giraffe', 'elephant', 'falcon', 'rabbit', 'turtle', 'jaguar', 'walrus', 'badger',
  'planet', 'comet', 'galaxy', 'nebula', 'crater', 'orbit', 'saturn', 'jupiter', 'mercury', 'neptune',
  'violin', 'guitar', 'trumpet', 'cello', 'banjo', 'drummer', 'melody', 'rhythm', 'chorus', 'ballad',
  'engine', 'magnet', 'circuit', 'battery', 'sensor', 'signal', 'network', 'server', 'cable', 'switch',
  'pepper', 'ginger', 'walnut', 'almond', 'cherry', 'mango', 'lemon', 'olive', 'potato', 'tomato',
  'anchor', 'compass', 'journey', 'voyage', 'harvest', 'festival', 'parade', 'ticket', 'passport', 'luggage',
]);

/** Two-colour gradients for generated scenes, split by brightness so neighbouring scenes always differ. */
const darkPalettes: readonly (readonly [string, string])[] = [
  ['0x10204a', '0x3a5fa0'], ['0x3a0f14', '0x8a2a2a'], ['0x0f3320', '0x2f7a4a'], ['0x2a1040', '0x6a3a90'], ['0x202020', '0x505860'],
];
const lightPalettes: readonly (readonly [string, string])[] = [
  ['0xf0e0b0', '0xd09040'], ['0xc0e8f0', '0x60a8d0'], ['0xe8f0c0', '0x98c060'], ['0xf0c8d8', '0xd07090'], ['0xe8e8e8', '0xa0a8b0'],
];

export type IngestScene =
  | { kind: 'text'; span: TimeSpan; colors: readonly [string, string]; lines: string[][]; toneHz: number | null }
  | { kind: 'plain'; span: TimeSpan; colors: readonly [string, string]; toneHz: number | null }
  | { kind: 'footage'; span: TimeSpan; clip: string; clipUntilSec: number | null; people: boolean; reversedFirst: boolean; toneHz: number | null };

export interface IngestVideoTruth {
  /** Bumped when the generator changes what it draws, so a cached video is never reused across versions. */
  generatorVersion: number;
  seed: number;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  /** Keyframe interval of the final encode in seconds; cuts are kept away from keyframes. */
  keyframeIntervalSec: number;
  scenes: IngestScene[];
  /** Start times of every scene but the first: the true shot boundaries. */
  cuts: number[];
  textSpans: Array<{ span: TimeSpan; words: string[] }>;
  footageSpans: Array<{ span: TimeSpan; clip: string; people: boolean }>;
}

export interface IngestScriptOptions {
  seed: number;
  durationSec: number;
  width?: number;
  height?: number;
  fps?: number;
  keyframeIntervalSec?: number;
  minSceneSec?: number;
  maxSceneSec?: number;
}

/** Bumped whenever the rendered pictures change (2: arm_wrestling.mp4 trimmed before its jumps). */
export const ingestGeneratorVersion = 2;
/** Seeds the scene draw; kept apart from the generator version so a rendering fix keeps the same scenes. */
const scriptDrawVersion = 1;

/** Scene lengths are multiples of this (0.2 s = 5 frames at 25 fps), so every cut falls on a frame. */
const timeStep = 0.2;
/** A cut is kept at least this far from a keyframe of the final encode. */
const keyframeClearanceSec = 1;

function roundToStep(seconds: number): number {
  return Math.round(seconds / timeStep) * timeStep;
}

function fixed(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Scene lengths summing to the duration, each within [min, max] (the last may be shorter when the video is short), cuts clear of keyframes. */
function drawSceneSpans(prng: Prng, options: Required<IngestScriptOptions>): TimeSpan[] {
  const spans: TimeSpan[] = [];
  let start = 0;
  while (options.durationSec - start > options.maxSceneSec) {
    let end = start;
    for (let attempt = 0; attempt < 50; attempt++) {
      end = fixed(start + roundToStep(prng.range(options.minSceneSec, options.maxSceneSec)));
      const offset = end % options.keyframeIntervalSec;
      if (offset >= keyframeClearanceSec && offset <= options.keyframeIntervalSec - keyframeClearanceSec) break;
    }
    // The rest must still form a scene of at least the minimum length.
    if (options.durationSec - end < options.minSceneSec) end = fixed(options.durationSec - options.minSceneSec);
    spans.push({ start, end });
    start = end;
  }
  spans.push({ start, end: options.durationSec });
  return spans;
}

function drawLines(prng: Prng): string[][] {
  const lineCount = prng.int(1, 3);
  const words = prng.shuffle(sceneWords);
  const lines: string[][] = [];
  let next = 0;
  for (let line = 0; line < lineCount; line++) {
    const count = prng.int(1, 2);
    lines.push(words.slice(next, next + count));
    next += count;
  }
  return lines;
}

/**
 * The benchmark video's script and truth for a seed and duration.
 * @example const truth = buildIngestScript({ seed: 7, durationSec: 180 });
 */
export function buildIngestScript(options: IngestScriptOptions): IngestVideoTruth {
  const resolved: Required<IngestScriptOptions> = {
    width: 1280, height: 720, fps: 25, keyframeIntervalSec: 10, minSceneSec: 20, maxSceneSec: 40, ...options,
  };
  const prng = new Prng(deriveSeed(resolved.seed, 'ingest-video', scriptDrawVersion));
  const spans = drawSceneSpans(prng, resolved);
  const scenes: IngestScene[] = [];
  let previousClip: string | undefined;
  let previousLight = prng.chance(0.5);
  for (const span of spans) {
    const roll = prng.next();
    const toneHz = prng.chance(0.25) ? null : prng.pick([220, 330, 440, 550, 660]);
    if (roll < 0.35) {
      const clip = prng.pick(footageClips.filter((candidate) => candidate.name !== previousClip));
      scenes.push({ kind: 'footage', span, clip: clip.name, clipUntilSec: clip.untilSec, people: clip.people, reversedFirst: prng.chance(0.5), toneHz });
      previousClip = clip.name;
      continue;
    }
    previousClip = undefined;
    // Alternate light and dark backgrounds, so two generated scenes in a row are always a visible cut.
    previousLight = !previousLight;
    const colors = prng.pick(previousLight ? lightPalettes : darkPalettes);
    if (roll < 0.8) scenes.push({ kind: 'text', span, colors, lines: drawLines(prng), toneHz });
    else scenes.push({ kind: 'plain', span, colors, toneHz });
  }
  return {
    generatorVersion: ingestGeneratorVersion,
    seed: resolved.seed,
    durationSec: resolved.durationSec,
    width: resolved.width,
    height: resolved.height,
    fps: resolved.fps,
    keyframeIntervalSec: resolved.keyframeIntervalSec,
    scenes,
    cuts: scenes.slice(1).map((scene) => scene.span.start),
    textSpans: scenes.flatMap((scene) => (scene.kind === 'text' ? [{ span: scene.span, words: scene.lines.flat() }] : [])),
    footageSpans: scenes.flatMap((scene) => (scene.kind === 'footage' ? [{ span: scene.span, clip: scene.clip, people: scene.people }] : [])),
  };
}
