/**
 * Independent reference facts for media tests, computed with ffprobe/ffmpeg directly (never through
 * reelm's own probe or decoder), and pixel checks on decoded raw RGB frames: the frame code of the
 * media catalog and the colour layout of its rotated cases.
 */

import type { Frame } from '../../src/media/frame.js';
import { runTool } from './media-generators.js';

export interface ReferencePackets {
  /** Container start time (already subtracted from every time below). */
  startTime: number;
  /** Per packet, in decode (file) order. */
  time: number[];
  position: number[];
  size: number[];
  key: boolean[];
  /** Presentation times of all frames, ascending. */
  presentationTimes: number[];
  /** Presentation times of keyframes, ascending. */
  keyframeTimes: number[];
}

interface FfprobePacketJson {
  packets?: Array<{ pts_time?: string; dts_time?: string; pos?: string; size?: string; flags?: string }>;
  format?: { start_time?: string };
}

/** Every packet of the first video stream, read by ffprobe without decoding. */
export async function referencePackets(file: string): Promise<ReferencePackets> {
  const { stdout } = await runTool('ffprobe', [
    '-v', 'error', '-select_streams', 'V:0',
    '-show_entries', 'packet=pts_time,dts_time,pos,size,flags:format=start_time',
    '-of', 'json', '--', file,
  ]);
  const parsed = JSON.parse(stdout.toString('utf8')) as FfprobePacketJson;
  const startTime = Number(parsed.format?.start_time ?? 0) || 0;
  const packets = (parsed.packets ?? []).filter((packet) => !packet.flags?.includes('D'));
  const time = packets.map((packet) => Number(packet.pts_time !== undefined && packet.pts_time !== 'N/A' ? packet.pts_time : packet.dts_time) - startTime);
  const key = packets.map((packet) => packet.flags?.includes('K') ?? false);
  return {
    startTime,
    time,
    position: packets.map((packet) => Number(packet.pos ?? -1)),
    size: packets.map((packet) => Number(packet.size ?? 0)),
    key,
    presentationTimes: [...time].sort((a, b) => a - b),
    keyframeTimes: time.filter((_, i) => key[i]).sort((a, b) => a - b),
  };
}

/** Presentation times of the frames ffmpeg actually decodes (what a player shows), ascending. */
export async function decodedFrameTimes(file: string): Promise<number[]> {
  const { stdout } = await runTool('ffprobe', [
    '-v', 'error', '-select_streams', 'V:0',
    '-show_entries', 'frame=pts_time,best_effort_timestamp_time:format=start_time',
    '-of', 'json', '--', file,
  ]);
  const parsed = JSON.parse(stdout.toString('utf8')) as {
    frames?: Array<{ pts_time?: string; best_effort_timestamp_time?: string }>;
    format?: { start_time?: string };
  };
  const startTime = Number(parsed.format?.start_time ?? 0) || 0;
  return (parsed.frames ?? [])
    .map((frame) => Number(frame.pts_time ?? frame.best_effort_timestamp_time) - startTime)
    .sort((a, b) => a - b);
}

/** Index (presentation order) of the frame a player shows at `time`: the last frame presented at or before it. */
export function frameIndexShownAt(presentationTimes: readonly number[], time: number): number {
  let found = 0;
  for (let i = 0; i < presentationTimes.length; i++) {
    if (presentationTimes[i]! <= time + 1e-6) found = i;
    else break;
  }
  return found;
}

/** The keyframe nearest to `time`; on a tie the later one (so a span's first time stays inside the span). */
export function nearestKeyframeTime(keyframeTimes: readonly number[], time: number): number {
  let best = keyframeTimes[0]!;
  for (const candidate of keyframeTimes) if (Math.abs(candidate - time) <= Math.abs(best - time)) best = candidate;
  return best;
}

/**
 * The presentation times a correct decoder delivers for `times`.
 * - exact: the frame a player shows at each time.
 * - keyframe: each keyframe goes to the closest requested time whose nearest keyframe it is, within
 *   `tolerance` (the first such time on a tie); every other time is decoded exactly, so distinct times
 *   keep distinct frames instead of collapsing onto one keyframe.
 */
export function expectedDeliveredTimes(
  reference: Pick<ReferencePackets, 'presentationTimes' | 'keyframeTimes'>,
  times: readonly number[],
  mode: 'exact' | 'keyframe',
  tolerance: number,
): number[] {
  const exact = times.map((time) => reference.presentationTimes[frameIndexShownAt(reference.presentationTimes, time)]!);
  if (mode === 'exact' || reference.keyframeTimes.length === 0) return exact;
  const claimedBy = new Map<number, number>();
  times.forEach((time, i) => {
    const keyframe = nearestKeyframeTime(reference.keyframeTimes, time);
    const distance = Math.abs(keyframe - time);
    if (distance > tolerance) return;
    const holder = claimedBy.get(keyframe);
    if (holder === undefined || distance < Math.abs(keyframe - times[holder]!)) claimedBy.set(keyframe, i);
  });
  const result = [...exact];
  for (const [keyframe, i] of claimedBy) result[i] = keyframe;
  return result;
}

/** Half the median gap between requested times (1 s for a single time): reelm's documented default tolerance. */
export function defaultTolerance(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((time, i) => time - sorted[i]!).filter((gap) => gap > 0).sort((a, b) => a - b);
  return gaps.length === 0 ? 1 : 0.5 * gaps[gaps.length >> 1]!;
}

/**
 * The frames ffmpeg itself produces for presentation indices `indices`, with its default autorotation,
 * scaled with the scaler settings reelm documents, as raw RGB: one ffmpeg run per call, each frame picked
 * with `select=eq(n\,N)`.
 */
export async function referenceFramesRgb(file: string, indices: readonly number[], width: number, height: number): Promise<Map<number, Buffer>> {
  const wanted = [...new Set(indices)].sort((a, b) => a - b);
  const select = wanted.map((n) => `eq(n\\,${n})`).join('+');
  const { stdout } = await runTool('ffmpeg', [
    '-hide_banner', '-nostdin', '-v', 'error', '-i', file,
    '-vf', `select='${select}',scale=${width}:${height}:flags=bicubic,format=rgb24`,
    '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
  ]);
  const frameBytes = width * height * 3;
  if (stdout.length !== frameBytes * wanted.length) {
    throw new Error(`ffmpeg gave ${stdout.length} bytes for ${wanted.length} frames of ${width}×${height}`);
  }
  return new Map(wanted.map((n, i) => [n, stdout.subarray(i * frameBytes, (i + 1) * frameBytes)]));
}

// ---------------------------------------------------------------------------------------------------
// Pixel checks on raw RGB frames

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Mean colour of a box (centre at normalised x, y; half-size `radius` pixels) of a raw RGB frame. */
export function meanColour(frame: Pick<Frame, 'image' | 'width' | 'height'>, x: number, y: number, radius = 2): Rgb {
  const cx = Math.min(frame.width - 1, Math.max(0, Math.floor(x * frame.width)));
  const cy = Math.min(frame.height - 1, Math.max(0, Math.floor(y * frame.height)));
  let r = 0;
  let g = 0;
  let b = 0;
  let count = 0;
  for (let py = Math.max(0, cy - radius); py <= Math.min(frame.height - 1, cy + radius); py++) {
    for (let px = Math.max(0, cx - radius); px <= Math.min(frame.width - 1, cx + radius); px++) {
      const offset = (py * frame.width + px) * 3;
      r += frame.image[offset]!;
      g += frame.image[offset + 1]!;
      b += frame.image[offset + 2]!;
      count++;
    }
  }
  return { r: r / count, g: g / count, b: b / count };
}

export type ColourName = 'white' | 'red' | 'blue' | 'black' | 'other';

export function classifyColour({ r, g, b }: Rgb): ColourName {
  if (r > 190 && g > 190 && b > 190) return 'white';
  if (r < 60 && g < 60 && b < 60) return 'black';
  if (r > 170 && g < 90 && b < 90) return 'red';
  if (b > 170 && r < 90 && g < 90) return 'blue';
  return 'other';
}

/**
 * Reads the catalog's frame code: 16 blocks across the top `stripHeight` rows, white = 1, least
 * significant bit on the left. Throws when a block is neither clearly black nor clearly white.
 */
export function readFrameCode(frame: Pick<Frame, 'image' | 'width' | 'height'>, stripHeight: number): number {
  let value = 0;
  const y = stripHeight / 2 / frame.height;
  const radius = Math.max(0, Math.min(2, Math.floor(frame.width / 16 / 4), Math.floor(stripHeight / 4)));
  for (let bit = 0; bit < 16; bit++) {
    const colour = meanColour(frame, (bit + 0.5) / 16, y, radius);
    const luma = 0.299 * colour.r + 0.587 * colour.g + 0.114 * colour.b;
    if (luma > 40 && luma < 215) throw new Error(`frame code bit ${bit} is unreadable (luma ${luma.toFixed(0)}); the frame is not upright or not the catalog's`);
    if (luma >= 215) value |= 1 << bit;
  }
  return value;
}

/** A point of the stored (unrotated) colour-layout picture, normalised, and the colour it must have. */
const storedLayout: ReadonlyArray<{ name: string; u: number; v: number; colour: ColourName }> = [
  { name: 'top stripe, left end', u: 0.15, v: 0.07, colour: 'white' },
  { name: 'top stripe, right end', u: 0.85, v: 0.07, colour: 'white' },
  { name: 'left half, upper', u: 0.15, v: 0.35, colour: 'red' },
  { name: 'left half, lower', u: 0.15, v: 0.9, colour: 'red' },
  { name: 'right half, upper', u: 0.85, v: 0.35, colour: 'blue' },
  { name: 'right half, lower', u: 0.85, v: 0.9, colour: 'blue' },
];

/** Where a stored point lands on screen after turning the picture `clockwise` degrees. */
export function displayedPoint(u: number, v: number, clockwise: 0 | 90 | 180 | 270): { x: number; y: number } {
  if (clockwise === 90) return { x: 1 - v, y: u };
  if (clockwise === 180) return { x: 1 - u, y: 1 - v };
  if (clockwise === 270) return { x: v, y: 1 - u };
  return { x: u, y: v };
}

/**
 * Checks a displayed frame of a colour-layout case: after a clockwise turn of 90° the white stripe is
 * on the right and red is on top; 180°: stripe at the bottom, red on the right; 270°: stripe on the
 * left, red at the bottom. Returns the list of mismatches (empty when upright).
 */
export function colourLayoutMismatches(frame: Pick<Frame, 'image' | 'width' | 'height'>, clockwise: 0 | 90 | 180 | 270): string[] {
  const problems: string[] = [];
  for (const point of storedLayout) {
    const { x, y } = displayedPoint(point.u, point.v, clockwise);
    const seen = classifyColour(meanColour(frame, x, y, 3));
    if (seen !== point.colour) {
      problems.push(`${point.name} should be ${point.colour} at (${x.toFixed(2)}, ${y.toFixed(2)}) of the ${clockwise}° frame, saw ${seen}`);
    }
  }
  return problems;
}
