/**
 * The awkward media catalog: a named, frozen table of media that real users hand reelm and that break
 * naive video code: B-frames, variable frame rate, display-matrix rotation, a two-hour file, a single
 * frame, odd dimensions, a non-ASCII name, truncated files, audio only, and inputs that are not videos.
 *
 * Each case generates its file with ffmpeg (lavfi sources, no fixtures in the repo) and declares, as
 * data, what a correct media engine must report for it: probe facts, or the typed error it must fail
 * with. Files are generated on first use and memoised per process in one temporary folder, removed at
 * exit. `REELM_TEST_FULL=1` makes the two-hour case full size (320×180 at 25 fps) instead of the fast
 * low-resolution variant used in CI.
 *
 * Most video cases carry a *frame code*: a strip along the top of the picture whose 16 blocks spell the
 * frame's sequence number in binary (least significant bit on the left, wrapping every 65,536 frames),
 * so a test can read which frame it got from the pixels alone. Rotated and odd-sized cases carry a *colour layout* instead: red left
 * half, blue right half, a white stripe across the top (and a small moving test pattern in the centre),
 * so uprightness can be checked after rotation.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MediaErrorReason } from '../../src/core/errors.js';
import {
  colourLayoutGraph,
  ffmpeg,
  ffprobeVideoStream,
  fixedGop,
  frameCodedClip,
  generationTimeoutMs,
  truncateCopy,
  withDisplayRotation,
  x264,
} from './media-generators.js';

/** Full-size variants of slow cases (`REELM_TEST_FULL=1`). */
export const fullCatalog = process.env.REELM_TEST_FULL === '1';

/** What the pixels of a case let a test check. */
export type PictureMarks =
  /** A strip of 16 binary blocks across the top rows encodes the frame number (LSB left). */
  | { kind: 'frame-code'; stripHeight: number }
  /** Red left half, blue right half, white stripe across the top (stored picture, before rotation). */
  | { kind: 'colour-layout' }
  | { kind: 'none' };

export interface VideoFacts {
  container: 'mp4' | 'mpegts';
  codec: string;
  /** Display size after rotation. */
  width: number;
  height: number;
  codedWidth: number;
  codedHeight: number;
  /** Clockwise display rotation. */
  rotation: 0 | 90 | 180 | 270;
  /** Frames per second for constant-rate cases; the mean rate for variable-rate ones. */
  fps: number;
  /** Seconds (approximate: ±1 frame interval). */
  duration: number;
  frameCount: number;
  variableFrameRate: boolean;
  /** Keyframe times (seconds) when the GOP is fixed; undefined when the encoder chooses. */
  keyframeTimes?: readonly number[];
  /** Presentation time of frame `n` (presentation order), from how the file was made. */
  timeOfFrame: (n: number) => number;
  /** Whether reelm's stream decoder (H.264/HEVC in MP4/MOV) applies. */
  streamDecoder: boolean;
  marks: PictureMarks;
}

export type CaseExpectation =
  | { kind: 'video'; facts: VideoFacts }
  /** Cut short: probe works and warns; frames before the cut decode, frames after it are missing. */
  | {
      kind: 'truncated';
      container: 'mp4' | 'mpegts';
      /** Name of the uncut original, written beside the truncated file (same folder). */
      intactFile: string;
      fps: number;
      /** Seconds the intact file lasts. */
      declaredDuration: number;
      marks: PictureMarks;
      streamDecoder: boolean;
    }
  | { kind: 'audio-only'; audioCodec: string; duration: number }
  | { kind: 'error'; reason: MediaErrorReason };

export interface CatalogCase {
  readonly description: string;
  readonly expect: CaseExpectation;
  /** Writes the case's file (or folder, or nothing) into `dir` and returns its path. */
  generate(dir: string): Promise<string>;
}

// ---------------------------------------------------------------------------------------------------
// The cases

const cfr = (fps: number) => (n: number): number => n / fps;

/** The variable-rate schedule: 50 frames at 25 fps, 50 at 10 fps, 50 at 50 fps (milliseconds). */
const vfrMillis = (n: number): number => (n < 50 ? n * 40 : n < 100 ? 2000 + (n - 50) * 100 : 7000 + (n - 100) * 20);

const longVariant = fullCatalog
  ? { width: 320, height: 180, fps: 25, stripHeight: 12, crf: '30' }
  : { width: 128, height: 72, fps: 2, stripHeight: 8, crf: '36' };
const longSeconds = 7200;
const longGop = 250;

function rotatedCase(clockwise: 90 | 180 | 270): CatalogCase {
  const turned = clockwise !== 180;
  return {
    description: `H.264 320×240 whose display matrix turns it ${clockwise}° clockwise; colour layout shows which way is up`,
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264',
        width: turned ? 240 : 320, height: turned ? 320 : 240, codedWidth: 320, codedHeight: 240,
        rotation: clockwise, fps: 25, duration: 4, frameCount: 100, variableFrameRate: false,
        keyframeTimes: [0, 1, 2, 3], timeOfFrame: cfr(25), streamDecoder: true, marks: { kind: 'colour-layout' },
      },
    },
    async generate(dir) {
      const upright = path.join(dir, `rotated-${clockwise}-upright.mp4`);
      await ffmpeg(['-f', 'lavfi', '-i', colourLayoutGraph(320, 240, 25, 4), ...x264(['-bf', '2', ...fixedGop(25)]), upright]);
      return withDisplayRotation(upright, path.join(dir, `rotated-${clockwise}.mp4`), clockwise);
    },
  };
}

export const mediaCatalog = Object.freeze({
  'constant-fps': {
    description: 'H.264 with B-frames in MP4, 320×240 at 25 fps, 8 s, a keyframe every 50 frames, frame code',
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264', width: 320, height: 240, codedWidth: 320, codedHeight: 240, rotation: 0,
        fps: 25, duration: 8, frameCount: 200, variableFrameRate: false, keyframeTimes: [0, 2, 4, 6],
        timeOfFrame: cfr(25), streamDecoder: true, marks: { kind: 'frame-code', stripHeight: 16 },
      },
    },
    generate: (dir) =>
      frameCodedClip(path.join(dir, 'constant-fps.mp4'), {
        width: 320, height: 240, fps: 25, seconds: 8, stripHeight: 16, encode: x264(['-bf', '3', ...fixedGop(50)]),
      }),
  },
  'variable-fps': {
    description: 'real VFR H.264 in MP4: 50 frames at 25 fps, 50 at 10 fps, 50 at 50 fps (8 s, 150 frames), frame code',
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264', width: 320, height: 240, codedWidth: 320, codedHeight: 240, rotation: 0,
        fps: 150 / 8, duration: 8, frameCount: 150, variableFrameRate: true,
        timeOfFrame: (n) => vfrMillis(n) / 1000, streamDecoder: true, marks: { kind: 'frame-code', stripHeight: 16 },
      },
    },
    async generate(dir) {
      const file = path.join(dir, 'variable-fps.mp4');
      await frameCodedClip(file, {
        width: 320, height: 240, fps: 25, seconds: 6, stripHeight: 16,
        sourceFilter:
          `trim=end_frame=150,settb=1/1000,` +
          `setpts='if(lt(N\\,50)\\,N*40\\,if(lt(N\\,100)\\,2000+(N-50)*100\\,7000+(N-100)*20))'`,
        encode: ['-fps_mode', 'vfr', '-enc_time_base', '1/1000', ...x264(['-bf', '2', '-g', '50'])],
      });
      const { frameTimes } = await ffprobeVideoStream(file);
      const intervals = frameTimes.slice(1).map((time, i) => time - frameTimes[i]!);
      const distinct = new Set(intervals.map((interval) => Math.round(interval * 100)));
      if (frameTimes.length !== 150 || distinct.size < 3) {
        throw new Error(`variable-fps: expected 150 frames at three rates, ffprobe shows ${frameTimes.length} frames, interval classes ${[...distinct].join(',')}`);
      }
      return file;
    },
  },
  'rotated-90': rotatedCase(90),
  'rotated-180': rotatedCase(180),
  'rotated-270': rotatedCase(270),
  'b-frames': {
    description: 'H.264 with 3 B-frames and a B-pyramid (x264 -bf 3 -b-pyramid normal), 320×240 25 fps 4 s, frame code',
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264', width: 320, height: 240, codedWidth: 320, codedHeight: 240, rotation: 0,
        fps: 25, duration: 4, frameCount: 100, variableFrameRate: false, keyframeTimes: [0, 2],
        timeOfFrame: cfr(25), streamDecoder: true, marks: { kind: 'frame-code', stripHeight: 16 },
      },
    },
    generate: (dir) =>
      frameCodedClip(path.join(dir, 'b-frames.mp4'), {
        width: 320, height: 240, fps: 25, seconds: 4, stripHeight: 16,
        encode: x264(['-bf', '3', '-b-pyramid', 'normal', '-x264-params', 'b-adapt=0', ...fixedGop(50)]),
      }),
  },
  'long-2h': {
    description: fullCatalog
      ? 'two hours of H.264 at 320×180, 25 fps, a keyframe every 250 frames (REELM_TEST_FULL)'
      : 'two hours of H.264 at 128×72, 2 fps, a keyframe every 250 frames (fast CI variant)',
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264',
        width: longVariant.width, height: longVariant.height, codedWidth: longVariant.width, codedHeight: longVariant.height,
        rotation: 0, fps: longVariant.fps, duration: longSeconds, frameCount: longSeconds * longVariant.fps, variableFrameRate: false,
        keyframeTimes: Array.from({ length: Math.ceil((longSeconds * longVariant.fps) / longGop) }, (_, i) => (i * longGop) / longVariant.fps),
        timeOfFrame: cfr(longVariant.fps), streamDecoder: true, marks: { kind: 'frame-code', stripHeight: longVariant.stripHeight },
      },
    },
    generate: (dir) =>
      frameCodedClip(path.join(dir, 'long-2h.mp4'), {
        width: longVariant.width, height: longVariant.height, fps: longVariant.fps, seconds: longSeconds,
        stripHeight: longVariant.stripHeight,
        // The CI variant takes a few seconds; the full-size one minutes.
        timeoutMs: fullCatalog ? 30 * 60_000 : generationTimeoutMs,
        encode: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', longVariant.crf, '-pix_fmt', 'yuv420p', ...fixedGop(longGop)],
      }),
  },
  'one-frame': {
    description: 'an MP4 holding a single H.264 frame',
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264', width: 320, height: 240, codedWidth: 320, codedHeight: 240, rotation: 0,
        fps: 25, duration: 0.04, frameCount: 1, variableFrameRate: false, keyframeTimes: [0],
        timeOfFrame: cfr(25), streamDecoder: true, marks: { kind: 'frame-code', stripHeight: 16 },
      },
    },
    generate: (dir) =>
      frameCodedClip(path.join(dir, 'one-frame.mp4'), {
        width: 320, height: 240, fps: 25, seconds: 1, stripHeight: 16, encode: [...x264(), '-frames:v', '1'],
      }),
  },
  'odd-dimensions': {
    description: '321×241 H.264 4:4:4 (odd sizes need 4:4:4 in H.264), 25 fps 2 s, colour layout',
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264', width: 321, height: 241, codedWidth: 321, codedHeight: 241, rotation: 0,
        fps: 25, duration: 2, frameCount: 50, variableFrameRate: false, keyframeTimes: [0, 1],
        timeOfFrame: cfr(25), streamDecoder: true, marks: { kind: 'colour-layout' },
      },
    },
    async generate(dir) {
      const file = path.join(dir, 'odd-dimensions.mp4');
      // lavfi sources round sizes to even numbers; scale (nearest, square pixels) to the odd size.
      const graph = `${colourLayoutGraph(320, 240, 25, 2)},format=yuv444p,scale=321:241:flags=neighbor,setsar=1`;
      await ffmpeg(['-f', 'lavfi', '-i', graph, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv444p', ...fixedGop(25), file]);
      return file;
    },
  },
  'non-ascii-name': {
    description: 'a small H.264 clip whose file name has spaces and non-ASCII characters',
    expect: {
      kind: 'video',
      facts: {
        container: 'mp4', codec: 'h264', width: 160, height: 120, codedWidth: 160, codedHeight: 120, rotation: 0,
        fps: 25, duration: 2, frameCount: 50, variableFrameRate: false, keyframeTimes: [0, 1],
        timeOfFrame: cfr(25), streamDecoder: true, marks: { kind: 'frame-code', stripHeight: 8 },
      },
    },
    generate: (dir) =>
      frameCodedClip(path.join(dir, 'clip ünïcödé 東京 .mp4'), {
        width: 160, height: 120, fps: 25, seconds: 2, stripHeight: 8, encode: x264(['-bf', '2', ...fixedGop(25)]),
      }),
  },
  truncated: {
    description: 'an MP4 with its index at the front (+faststart) cut to 55% of its bytes, as a broken download is',
    expect: { kind: 'truncated', container: 'mp4', intactFile: 'truncated-whole.mp4', fps: 25, declaredDuration: 8, marks: { kind: 'frame-code', stripHeight: 16 }, streamDecoder: true },
    async generate(dir) {
      const whole = await frameCodedClip(path.join(dir, 'truncated-whole.mp4'), {
        width: 320, height: 240, fps: 25, seconds: 8, stripHeight: 16,
        encode: [...x264(['-bf', '2', ...fixedGop(25)]), '-movflags', '+faststart'],
      });
      return truncateCopy(whole, path.join(dir, 'truncated.mp4'), 0.55);
    },
  },
  'truncated-ts': {
    description: 'an MPEG-TS cut to 55% of its bytes (a recording or transfer that stopped)',
    expect: { kind: 'truncated', container: 'mpegts', intactFile: 'truncated-whole.ts', fps: 25, declaredDuration: 8, marks: { kind: 'frame-code', stripHeight: 16 }, streamDecoder: false },
    async generate(dir) {
      const whole = await frameCodedClip(path.join(dir, 'truncated-whole.ts'), {
        width: 320, height: 240, fps: 25, seconds: 8, stripHeight: 16, encode: [...x264(['-bf', '2', ...fixedGop(25)]), '-f', 'mpegts'],
      });
      return truncateCopy(whole, path.join(dir, 'truncated.ts'), 0.55);
    },
  },
  'audio-only': {
    description: 'AAC audio in M4A (a 440 Hz sine, 3 s), no video stream',
    expect: { kind: 'audio-only', audioCodec: 'aac', duration: 3 },
    async generate(dir) {
      const file = path.join(dir, 'audio-only.m4a');
      await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=3', '-c:a', 'aac', '-b:a', '64k', file]);
      return file;
    },
  },
  'zero-byte': {
    description: 'an empty file named like a video',
    expect: { kind: 'error', reason: 'empty-file' },
    async generate(dir) {
      const file = path.join(dir, 'zero-byte.mp4');
      await fs.writeFile(file, '');
      return file;
    },
  },
  'text-as-mp4': {
    description: 'a text file named .mp4',
    expect: { kind: 'error', reason: 'not-media' },
    async generate(dir) {
      const file = path.join(dir, 'text-as-mp4.mp4');
      await fs.writeFile(file, 'This is not a video. It is a note someone saved with the wrong extension.\n'.repeat(40));
      return file;
    },
  },
  missing: {
    description: 'a path where no file exists',
    expect: { kind: 'error', reason: 'not-found' },
    generate: async (dir) => path.join(dir, 'missing-video.mp4'),
  },
  directory: {
    description: 'a folder named like a video',
    expect: { kind: 'error', reason: 'is-directory' },
    async generate(dir) {
      const folder = path.join(dir, 'folder-not-video.mp4');
      await fs.mkdir(folder, { recursive: true });
      return folder;
    },
  },
} as const satisfies Record<string, CatalogCase>);

export type CatalogCaseName = keyof typeof mediaCatalog;

export const catalogCaseNames = Object.freeze(Object.keys(mediaCatalog) as CatalogCaseName[]);

export function catalogCase(name: CatalogCaseName): CatalogCase {
  return mediaCatalog[name];
}

// ---------------------------------------------------------------------------------------------------
// Per-process memoisation

let catalogDir: string | undefined;
const generated = new Map<CatalogCaseName, Promise<string>>();

/** The process's catalog folder (created on first use, removed when the process exits). */
export function catalogDirectory(): string {
  if (!catalogDir) {
    catalogDir = mkdtempSync(path.join(os.tmpdir(), 'reelm-media-catalog-'));
    const dir = catalogDir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return catalogDir;
}

/** The path of a case's media, generating it on first use (each case in its own sub-folder). */
export function catalogMedia(name: CatalogCaseName): Promise<string> {
  let pending = generated.get(name);
  if (!pending) {
    pending = (async () => {
      const dir = path.join(catalogDirectory(), name);
      await fs.mkdir(dir, { recursive: true });
      return mediaCatalog[name].generate(dir);
    })();
    generated.set(name, pending);
    // A failed generation is not cached, so the error is reported by every test that needs the case.
    pending.catch(() => generated.delete(name));
  }
  return pending;
}
