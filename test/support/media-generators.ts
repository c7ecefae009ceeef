/**
 * How the media catalog's files are made: ffmpeg and ffprobe run with execFile and a hard timeout, lavfi
 * graphs for the two picture marks (the frame code and the colour layout), display-matrix rotation with
 * a verified result, and byte-level truncation. Shared by test/support/media-catalog.ts and the
 * reference helpers.
 */

import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { mediaToolPath } from '../../src/media/tools.js';

export const generationTimeoutMs = 120_000;

export interface ToolOutput {
  stdout: Buffer;
  stderr: string;
}

/** Runs ffmpeg or ffprobe (the binaries reelm itself uses) with a hard timeout; rejects with stderr on failure. */
export function runTool(tool: 'ffmpeg' | 'ffprobe', args: readonly string[], timeoutMs = generationTimeoutMs): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      mediaToolPath(tool),
      args,
      { timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024, encoding: 'buffer', killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${tool} ${args.join(' ')} failed: ${error.message}\n${stderr.toString('utf8').slice(-2000)}`, { cause: error }));
          return;
        }
        resolve({ stdout, stderr: stderr.toString('utf8') });
      },
    );
  });
}

export const ffmpeg = (args: readonly string[], timeoutMs = generationTimeoutMs): Promise<ToolOutput> =>
  runTool('ffmpeg', ['-hide_banner', '-nostdin', '-y', '-v', 'error', ...args], timeoutMs);

const fontCandidates = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/TTF/DejaVuSansMono.ttf',
  '/System/Library/Fonts/Menlo.ttc',
];

let fontPromise: Promise<string | undefined> | undefined;
/** A monospace font for a human-readable frame counter, when the machine has one (decoration only). */
function counterFont(): Promise<string | undefined> {
  fontPromise ??= (async () => {
    for (const candidate of fontCandidates) {
      if (await fs.access(candidate).then(() => true, () => false)) return candidate;
    }
    return undefined;
  })();
  return fontPromise;
}

/**
 * A filter graph (for -filter_complex, reading input 0) that stamps the frame code on the top rows and,
 * when a font exists, a readable frame counter below it. Output label `[v]`.
 */
export async function frameCodeGraph(width: number, height: number, fps: number, stripHeight: number): Promise<string> {
  const block = width / 16;
  const code =
    `color=black:size=${width}x${stripHeight}:rate=${fps},format=yuv420p,` +
    `geq=lum='255*mod(floor(N/pow(2\\,floor(X/${block})))\\,2)':cb=128:cr=128[code]`;
  const font = await counterFont();
  const counter = font
    ? `,drawtext=fontfile=${font}:text='%{frame_num}':x=4:y=${stripHeight + 4}:fontsize=${Math.max(10, Math.round(height / 10))}:fontcolor=white:box=1:boxcolor=black`
    : '';
  return `${code};[0:v][code]overlay=0:0:shortest=1${counter}[v]`;
}

/** The colour-layout picture (see the module header) as a lavfi graph of `seconds` at `fps`. */
export function colourLayoutGraph(width: number, height: number, fps: number, seconds: number): string {
  const half = Math.floor(width / 2);
  const stripe = Math.round(height / 6);
  const insetW = Math.round(width / 4);
  const insetH = Math.round(height / 4);
  return (
    `color=c=red:size=${width}x${height}:rate=${fps}:duration=${seconds},` +
    `drawbox=x=${half}:y=0:w=${width - half}:h=${height}:color=blue:t=fill,` +
    `drawbox=x=0:y=0:w=${width}:h=${stripe}:color=white:t=fill[bg];` +
    `testsrc2=size=${insetW}x${insetH}:rate=${fps}:duration=${seconds}[fg];` +
    `[bg][fg]overlay=x=${Math.round((width - insetW) / 2)}:y=${Math.round(height / 2)}:shortest=1`
  );
}

export const x264 = (extra: readonly string[] = []): string[] => ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', ...extra];
export const fixedGop = (frames: number): string[] => ['-g', String(frames), '-keyint_min', String(frames), '-sc_threshold', '0'];

/** A testsrc2 clip with the frame code, encoded with `encode` into `file`. */
export async function frameCodedClip(
  file: string,
  o: {
    width: number;
    height: number;
    fps: number;
    seconds: number;
    stripHeight: number;
    encode: readonly string[];
    sourceFilter?: string;
    timeoutMs?: number;
  },
): Promise<string> {
  const graph = await frameCodeGraph(o.width, o.height, o.fps, o.stripHeight);
  await ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=size=${o.width}x${o.height}:rate=${o.fps}:duration=${o.seconds}`,
    '-filter_complex', o.sourceFilter ? `${graph};[v]${o.sourceFilter}[out]` : graph,
    '-map', o.sourceFilter ? '[out]' : '[v]',
    ...o.encode,
    file,
  ], o.timeoutMs);
  return file;
}

/** Stream facts ffprobe reports for the first video stream (for generation-time checks). */
export async function ffprobeVideoStream(file: string): Promise<{ rotation: number; frameTimes: number[] }> {
  const { stdout } = await runTool('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream_side_data=rotation:packet=pts_time', '-of', 'json', file,
  ]);
  const parsed = JSON.parse(stdout.toString('utf8')) as {
    streams?: Array<{ side_data_list?: Array<{ rotation?: number }> }>;
    packets?: Array<{ pts_time?: string }>;
  };
  const rotation = parsed.streams?.[0]?.side_data_list?.find((entry) => typeof entry.rotation === 'number')?.rotation ?? 0;
  const frameTimes = (parsed.packets ?? []).map((packet) => Number(packet.pts_time)).sort((a, b) => a - b);
  return { rotation, frameTimes };
}

const mod360 = (degrees: number): number => ((degrees % 360) + 360) % 360;

/**
 * Writes a display matrix that turns the picture `clockwise` degrees for display. ffprobe reports the
 * matrix's angle counter-clockwise, so the file is right when it reports `-clockwise` (mod 360).
 * ffmpeg 5.1 takes the legacy `rotate` tag as that counter-clockwise angle when remuxing; other
 * versions read it the other way round or ignore it (6.0+ has `-display_rotation`), so each way is
 * tried and the result verified with ffprobe.
 */
export async function withDisplayRotation(source: string, target: string, clockwise: 90 | 180 | 270): Promise<string> {
  const attempts: string[][] = [
    ['-i', source, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${mod360(-clockwise)}`],
    ['-i', source, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${clockwise}`],
    ['-display_rotation:v:0', String(mod360(-clockwise)), '-i', source, '-map', '0', '-c', 'copy'],
  ];
  const reported: string[] = [];
  for (const attempt of attempts) {
    const ok = await ffmpeg([...attempt, target]).then(() => true, () => false);
    if (!ok) continue;
    const { rotation } = await ffprobeVideoStream(target);
    reported.push(String(rotation));
    if (mod360(-rotation) === clockwise) return target;
  }
  throw new Error(`could not write a ${clockwise}° display matrix into ${target} (ffprobe reported rotations: ${reported.join(', ') || 'none'})`);
}

/** Copies the first `fraction` of a file's bytes: a download or copy cut short. */
export async function truncateCopy(source: string, target: string, fraction: number): Promise<string> {
  const bytes = await fs.readFile(source);
  await fs.writeFile(target, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return target;
}
