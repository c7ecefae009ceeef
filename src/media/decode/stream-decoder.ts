/**
 * The fast decode path for H.264/HEVC in MP4/MOV: read exactly the samples each segment needs from
 * the file (byte ranges from the packet index), rewrite them to Annex-B, and decode them all in one
 * ffmpeg process per worker. Within a segment, H.264 pictures that nothing references (nal_ref_idc 0)
 * are left out unless they are wanted themselves: skipping them cannot change any other picture.
 *
 * Each segment starts with an IDR, so the decoder outputs its pictures in presentation order before
 * the next segment begins; we know exactly how many pictures each segment yields and at which
 * positions the wanted ones come out. `showinfo` confirms it: every segment's first output must be a
 * keyframe and the total must match, or the path reports a mismatch and the caller falls back to the
 * general seek path.
 */

import fs from 'node:fs/promises';
import { ReelmError } from '../../core/errors.js';
import type { PacketIndex } from '../packet-index.js';
import { runMediaTool } from '../run-media-tool.js';
import { buildStreamDecodeArgs, type OutputGeometry } from './decode-args.js';
import type { DecodeSegment } from './decode-plan.js';
import { convertSample, type CodecConfiguration } from './elementary-stream.js';
import { bytesPerPixel, RawFrameSplitter } from './raw-frames.js';

/** The stream path cannot be used for this input; the caller should use the seek path. */
export class StreamPathUnavailable extends ReelmError {
  constructor(message: string) {
    super(message);
    this.name = 'StreamPathUnavailable';
  }
}

interface PreparedSegment {
  /** Packets to feed, in decode order. */
  fed: number[];
  /** The same packets in presentation order: the order the decoder outputs them. */
  outputOrder: number[];
}

async function readSample(file: fs.FileHandle, index: PacketIndex, packet: number): Promise<Buffer> {
  const position = index.position[packet]!;
  const size = index.size[packet]!;
  if (position < 0) throw new StreamPathUnavailable('a packet has no byte position');
  const sample = Buffer.allocUnsafe(size);
  const { bytesRead } = await file.read(sample, 0, size, position);
  if (bytesRead !== size) throw new StreamPathUnavailable('a sample reaches past the end of the file');
  return sample;
}

async function prepareSegment(
  file: fs.FileHandle,
  index: PacketIndex,
  configuration: CodecConfiguration,
  segment: DecodeSegment,
): Promise<PreparedSegment> {
  const wanted = new Set(segment.targets);
  const fed: number[] = [];
  for (let packet = segment.keyPacket; packet <= segment.lastPacket; packet++) {
    const facts = convertSample(await readSample(file, index, packet), configuration);
    if (!facts) throw new StreamPathUnavailable('a sample is not length-prefixed NAL units');
    if (packet === segment.keyPacket && !facts.instantaneousRefresh) {
      throw new StreamPathUnavailable('a keyframe is not an instantaneous decoder refresh (open GOP)');
    }
    if (facts.disposable && !wanted.has(packet) && packet !== segment.keyPacket) continue;
    fed.push(packet);
  }
  const outputOrder = [...fed].sort((a, b) => index.time[a]! - index.time[b]! || a - b);
  return { fed, outputOrder };
}

const showinfoPattern = /\bn:\s*(\d+)\b.*\biskey:(\d)/;

export interface StreamDecodeJob {
  input: string;
  index: PacketIndex;
  configuration: CodecConfiguration;
  segments: readonly DecodeSegment[];
  geometry: OutputGeometry;
  threads: number;
  signal?: AbortSignal;
  stallTimeoutMs?: number;
  /**
   * Receives each wanted frame's raw pixels as soon as it is decoded, so the caller can encode it and
   * let the pixels go (memory stays bounded on long requests). If the path later reports a mismatch,
   * what it delivered is wrong and the caller must discard it.
   */
  onPixels: (packet: number, pixels: Buffer) => void;
}

/** Decodes the wanted packets of the segments, handing each frame to `onPixels`; resolves with the count delivered. */
export async function decodeWithStream(job: StreamDecodeJob): Promise<number> {
  // Two passes over the samples: the first learns which pictures to feed (so the select expression
  // can be written before ffmpeg starts), the second streams them; memory stays at one sample.
  const file = await fs.open(job.input, 'r');
  try {
    const prepared: PreparedSegment[] = [];
    for (const segment of job.segments) prepared.push(await prepareSegment(file, job.index, job.configuration, segment));
    return await runStreamDecoder(job, file, prepared);
  } finally {
    await file.close();
  }
}

async function runStreamDecoder(job: StreamDecodeJob, file: fs.FileHandle, prepared: PreparedSegment[]): Promise<number> {
  // Where each segment's outputs start in the decoder's sequence, and which positions are wanted.
  const segmentStarts: number[] = [];
  const selectIndices: number[] = [];
  const selectedPackets: number[] = [];
  let offset = 0;
  prepared.forEach((segment, s) => {
    segmentStarts.push(offset);
    const wanted = new Set(job.segments[s]!.targets);
    segment.outputOrder.forEach((packet, position) => {
      if (wanted.has(packet)) {
        selectIndices.push(offset + position);
        selectedPackets.push(packet);
      }
    });
    offset += segment.outputOrder.length;
  });
  const expectedDecoded = offset;

  const splitter = new RawFrameSplitter(job.geometry.width * job.geometry.height * bytesPerPixel(job.geometry.pixelFormat));
  const decodedKeyFlags: number[] = [];
  let delivered = 0;
  await runMediaTool('ffmpeg', buildStreamDecodeArgs({ codec: job.configuration.codec, threads: job.threads, selectIndices, geometry: job.geometry }), {
    signal: job.signal,
    stallTimeoutMs: job.stallTimeoutMs,
    onStdout: (chunk) => {
      splitter.push(chunk);
      for (const pixels of splitter.takeFrames()) {
        // More frames than selected means the stream is misaligned; the check below rejects the run.
        const packet = selectedPackets[delivered++];
        if (packet !== undefined) job.onPixels(packet, pixels);
      }
    },
    onStderrLine: (line) => {
      if (!line.includes('showinfo')) return;
      const match = showinfoPattern.exec(line);
      if (match) decodedKeyFlags[Number(match[1])] = Number(match[2]);
    },
    stdinWriter: async (stdin) => {
      const write = async (chunk: Buffer): Promise<void> => {
        if (!stdin.write(chunk)) await new Promise<void>((resolve) => stdin.once('drain', resolve));
      };
      for (const segment of prepared) {
        await write(job.configuration.parameterSets);
        for (const packet of segment.fed) {
          // Checked again here, not only when planning: a sample that no longer parses (the file changed
          // underneath, a sample without a picture) sends the request to the seek path instead of crashing.
          const facts = convertSample(await readSample(file, job.index, packet), job.configuration);
          if (!facts) throw new StreamPathUnavailable(`sample ${packet} is not a picture of length-prefixed NAL units`);
          await write(facts.annexB);
        }
      }
      stdin.end();
    },
  });

  if (decodedKeyFlags.length !== expectedDecoded || segmentStarts.some((start) => decodedKeyFlags[start] !== 1)) {
    throw new StreamPathUnavailable(
      `decoder output did not line up with the stream (${decodedKeyFlags.length} pictures for ${expectedDecoded} fed)`,
    );
  }
  if (delivered !== selectedPackets.length || splitter.leftoverBytes !== 0) {
    throw new StreamPathUnavailable(`expected ${selectedPackets.length} frames, got ${delivered}`);
  }
  return delivered;
}
