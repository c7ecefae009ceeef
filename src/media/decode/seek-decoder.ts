/**
 * The general decode path, for any container and codec ffmpeg reads: one ffmpeg process per worker,
 * one `-ss` input per segment (ffmpeg opens the file once per input and seeks it to the segment's
 * keyframe), each input filtered to the wanted frames by time, and everything concatenated into one
 * raw stream. `showinfo` after each select reports the time of every delivered frame, so frames are
 * matched to targets by time, and frames missing at a truncated end are detected rather than shifted.
 */

import type { PacketIndex } from '../packet-index.js';
import { runMediaTool } from '../run-media-tool.js';
import { buildSeekDecodeArgs, type OutputGeometry, type SeekInput } from './decode-args.js';
import type { DecodeSegment } from './decode-plan.js';
import { bytesPerPixel, RawFrameSplitter } from './raw-frames.js';

export interface SeekDecodeJob {
  input: string;
  streamIndex: number;
  index: PacketIndex;
  segments: readonly DecodeSegment[];
  geometry: OutputGeometry;
  keyframesOnly: boolean;
  threads: number;
  signal?: AbortSignal;
  stallTimeoutMs?: number;
  /** Receives each decoded frame; frames are matched to packets by time once a batch ends. */
  onPixels: (packet: number, pixels: Buffer) => void;
}

/** How close a delivered frame's time must be to a target's; well under any real frame interval. */
const matchTolerance = 0.0005;
/** Inputs per ffmpeg process: each costs an open of the file, and very long filter graphs get slow to build. */
const maxInputsPerProcess = 48;

const showinfoPattern = /\[showinfo@in(\d+) @ [^\]]+\].*\bpts_time:\s*(-?[\d.]+)/;

function seekInputFor(index: PacketIndex, segment: DecodeSegment): SeekInput {
  const keyTime = index.time[segment.keyPacket]!;
  // Land on this keyframe, not the one before: seek a hair past it (ffmpeg picks the keyframe at or before).
  const seekTo = keyTime + matchTolerance;
  const lastTime = Math.max(...segment.targets.map((packet) => index.time[packet]!));
  return {
    seekTo,
    // Read a little past the last wanted frame: with B-frames it arrives later in decode order.
    readSeconds: Math.max(0.05, lastTime - keyTime) + 1,
    keepTimes: segment.targets.map((packet) => index.time[packet]! - seekTo),
  };
}

async function runBatch(job: SeekDecodeJob, segments: readonly DecodeSegment[], handedOn: Set<number>): Promise<void> {
  const inputs = segments.map((segment) => seekInputFor(job.index, segment));
  const args = buildSeekDecodeArgs({
    input: job.input,
    streamIndex: job.streamIndex,
    inputs,
    threads: job.threads,
    keyframesOnly: job.keyframesOnly,
    tolerance: matchTolerance,
    geometry: job.geometry,
  });
  const splitter = new RawFrameSplitter(job.geometry.width * job.geometry.height * bytesPerPixel(job.geometry.pixelFormat));
  // showinfo lines arrive per input in order; concat emits inputs in order, so sort by (input, time).
  const delivered: Array<{ input: number; time: number }> = [];
  await runMediaTool('ffmpeg', args, {
    signal: job.signal,
    stallTimeoutMs: job.stallTimeoutMs,
    onStdout: (chunk) => splitter.push(chunk),
    onStderrLine: (line) => {
      const match = showinfoPattern.exec(line);
      if (match) delivered.push({ input: Number(match[1]), time: Number(match[2]) });
    },
  });
  delivered.sort((a, b) => a.input - b.input || a.time - b.time);
  delivered.forEach((frame, i) => {
    const pixels = splitter.frames[i];
    if (!pixels) return;
    const segment = segments[frame.input]!;
    const absolute = frame.time + inputs[frame.input]!.seekTo;
    const packet = segment.targets.find((candidate) => Math.abs(job.index.time[candidate]! - absolute) <= 2 * matchTolerance);
    if (packet !== undefined && !handedOn.has(packet)) {
      handedOn.add(packet);
      job.onPixels(packet, pixels);
    }
  });
}

/** Decodes the wanted packets of the segments, handing each to `onPixels`; packets that could not be decoded are never handed on. */
export async function decodeWithSeeks(job: SeekDecodeJob): Promise<number> {
  const delivered = new Set<number>();
  for (let start = 0; start < job.segments.length; start += maxInputsPerProcess) {
    await runBatch(job, job.segments.slice(start, start + maxInputsPerProcess), delivered);
  }
  return delivered.size;
}
