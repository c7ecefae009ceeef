/**
 * The reelm side of the media benchmark: one process that calls `decodeFrames` on a clip and writes
 * what it gets, so the driver can time reelm exactly like the Python baselines (a cold process each
 * run). Stands in for `reelm frames` until that command exists.
 *
 * Usage: node --import tsx bench/reelm-frames.ts <clip> --times-file <json> --mode exact|keyframe
 *          [--format jpeg|rgb] [--size 384] [--decoder auto|stream|seek] [--out-dir <dir>] [--out-raw <file>]
 * `--out-dir` receives one JPEG per frame; `--out-raw` receives rgb frames back to back (for the
 * identity check). Prints one JSON line: {frames, decoder, seconds, times, warnings}; when decoding
 * fails, prints {error, ffmpegErrors} instead (ffmpeg's own error lines, without the echoed command) and exits 1.
 * The cache is wherever REELM_CACHE_DIR points; the driver gives each cold run a fresh one.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FfmpegError } from '../src/core/errors.js';
import { decodeFrames } from '../src/media/decode/decode-frames.js';
import type { DecodeMode } from '../src/media/decode/decode-plan.js';
import type { Frame } from '../src/media/frame.js';

interface ScriptOptions {
  clip: string;
  times: number[];
  mode: DecodeMode;
  format: 'jpeg' | 'rgb';
  size: number;
  decoder: 'auto' | 'stream' | 'seek';
  outDir?: string;
  outRaw?: string;
}

async function readOptions(): Promise<ScriptOptions> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'times-file': { type: 'string' },
      mode: { type: 'string', default: 'exact' },
      format: { type: 'string', default: 'jpeg' },
      size: { type: 'string', default: '384' },
      decoder: { type: 'string', default: 'auto' },
      'out-dir': { type: 'string' },
      'out-raw': { type: 'string' },
    },
  });
  const clip = positionals[0];
  if (!clip || !values['times-file']) throw new Error('usage: reelm-frames.ts <clip> --times-file <json> [--mode exact|keyframe] [--format jpeg|rgb]');
  if (values.mode !== 'exact' && values.mode !== 'keyframe') throw new Error(`--mode must be exact or keyframe, not ${values.mode}`);
  if (values.format !== 'jpeg' && values.format !== 'rgb') throw new Error(`--format must be jpeg or rgb, not ${values.format}`);
  if (values.decoder !== 'auto' && values.decoder !== 'stream' && values.decoder !== 'seek') throw new Error(`--decoder must be auto, stream or seek, not ${values.decoder}`);
  const times = JSON.parse(await fs.readFile(values['times-file'], 'utf8')) as number[];
  return { clip, times, mode: values.mode, format: values.format, size: Number(values.size), decoder: values.decoder, outDir: values['out-dir'], outRaw: values['out-raw'] };
}

async function writeFrames(frames: Frame[], options: ScriptOptions): Promise<void> {
  if (options.outDir) {
    await fs.mkdir(options.outDir, { recursive: true });
    const extension = options.format === 'jpeg' ? 'jpg' : 'rgb';
    await Promise.all(
      frames.map((frame, index) => fs.writeFile(path.join(options.outDir!, `frame-${String(index).padStart(4, '0')}.${extension}`), frame.image)),
    );
  }
  if (options.outRaw) await fs.writeFile(options.outRaw, Buffer.concat(frames.map((frame) => frame.image)));
}

async function main(): Promise<void> {
  const options = await readOptions();
  const started = performance.now();
  const result = await decodeFrames(options.clip, options.times, { mode: options.mode, size: options.size, format: options.format, decoder: options.decoder });
  // Writing the frames is part of the work a caller pays for, as the baselines pay for their conversion.
  await writeFrames(result.frames, options);
  const seconds = (performance.now() - started) / 1000;
  const report = { frames: result.frames.length, decoder: result.decoder, seconds, times: result.frames.map((frame) => frame.time), warnings: result.warnings };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** ffmpeg's stderr tail minus the lines that echo the (possibly huge) filter graph back. */
function ffmpegErrorLines(error: FfmpegError): string[] {
  return error.stderrTail.split('\n').filter((line) => line.trim()).map((line) => (line.length > 200 ? `${line.slice(0, 200)}…` : line)).slice(-8);
}

try {
  await main();
} catch (error) {
  const report = { error: error instanceof Error ? error.message : String(error), ffmpegErrors: FfmpegError.isInstance(error) ? ffmpegErrorLines(error) : undefined };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = 1;
}
