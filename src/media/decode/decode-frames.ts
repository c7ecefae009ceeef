/**
 * `decodeFrames(input, times, options)`: the frames presented at the requested times, upright, scaled
 * keeping aspect, in presentation order, each with its requested and delivered time.
 *
 * - `exact`: the frame a player shows at each time, decoded from the preceding keyframe; times in one
 *   GOP share a decode; work is spread over worker processes (one per core by default).
 * - `keyframe`: each time moves to the nearest keyframe within a tolerance (default half the sampling
 *   interval), each keyframe going to the closest time that wants it (ties to the later keyframe), and
 *   only keyframes are decoded; the other times are decoded exactly, so distinct times keep distinct frames.
 *
 * Never one process per frame. Decoded frames go to a disk cache keyed by (content hash, delivered
 * time, size, format), so asking again, or asking for another time that shows the same frame, is free.
 */

import os from 'node:os';
import { ArtifactCache } from '../../core/artifact-cache.js';
import { MediaError, throwIfAborted } from '../../core/errors.js';
import { StageProgress, type ProgressReporter } from '../../core/progress.js';
import type { Frame } from '../frame.js';
import { encodeRawImage, fitWithin, type ImageFormat } from '../images.js';
import type { PacketIndex } from '../packet-index.js';
import { defaultArtifactCache, lastStoredPacket, probeDetailed, type ProbeDetails } from '../probe.js';
import type { OutputGeometry } from './decode-args.js';
import {
  chooseFrames,
  defaultKeyframeTolerance,
  partitionSegments,
  planSegments,
  type DecodeMode,
  type DecodeSegment,
} from './decode-plan.js';
import { parseCodecConfiguration } from './elementary-stream.js';
import { decodeWithSeeks } from './seek-decoder.js';
import { decodeWithStream, StreamPathUnavailable } from './stream-decoder.js';

export interface DecodeFramesOptions {
  /** Longest side of the delivered frames in pixels; never enlarges. Default 384. */
  size?: number;
  /** Default `jpeg`. `rgb` and `gray` return raw pixels. */
  format?: ImageFormat;
  /** JPEG/WebP quality. Default 85. */
  quality?: number;
  /** Default `exact`. */
  mode?: DecodeMode;
  /** Keyframe mode: seconds a target may move to reach a keyframe. Default: half the median gap between times. */
  keyframeTolerance?: number;
  /** Worker processes. Default: the number of cores (at most 4). */
  concurrency?: number;
  /** Kill a worker that produces nothing for this long. Default 30 s. */
  stallTimeoutMs?: number;
  /** Which decode path to use; `auto` picks the stream path where it applies. */
  decoder?: 'auto' | 'stream' | 'seek';
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  /** Frame and probe cache; defaults to the user cache. `null` disables it. */
  cache?: ArtifactCache | null;
}

export interface DecodeFramesResult {
  frames: Frame[];
  warnings: string[];
  /** The path that decoded (for benchmarks and debugging); `cache` when nothing needed decoding. */
  decoder: 'stream' | 'seek' | 'cache';
}

const frameCacheVersion = 'frame-v1';

function frameCacheKey(time: number, geometry: OutputGeometry, format: ImageFormat, quality: number): string {
  return `${frameCacheVersion}|${time.toFixed(6)}|${geometry.width}x${geometry.height}|${format}|${quality}`;
}

function decodableEnd(details: ProbeDetails): number {
  const video = details.info.video!;
  const interval = video.averageFps > 0 ? 1 / video.averageFps : 0.04;
  const videoEnd = video.lastFrameTime + interval;
  return details.info.truncated ? videoEnd : Math.max(details.info.duration, videoEnd);
}

function streamPathApplies(details: ProbeDetails): boolean {
  const codec = details.info.video?.codec;
  return /mov|mp4/.test(details.info.container) && (codec === 'h264' || codec === 'hevc') && details.extradata !== undefined;
}

/** Where decoded frames go: handed on one by one, and forgotten if the path that produced them fails. */
interface FrameSink {
  deliver(packet: number, pixels: Buffer): void;
  discard(): void;
}

async function decodePackets(
  details: ProbeDetails,
  packets: PacketIndex,
  segments: DecodeSegment[],
  geometry: OutputGeometry,
  options: DecodeFramesOptions,
  sink: FrameSink,
  notes: string[],
): Promise<'stream' | 'seek'> {
  const cores = os.availableParallelism();
  // Keyframes decode independently, so one process's frame threads use every core without the
  // start-up cost of a second process; GOP runs parallelise better as one single-threaded process each.
  const keyframesOnly = segments.every((segment) => segment.targets.length === 1 && segment.targets[0] === segment.keyPacket);
  const defaultWorkers = keyframesOnly ? 1 : Math.min(4, cores);
  const workers = Math.max(1, Math.min(options.concurrency ?? defaultWorkers, segments.length));
  const threads = Math.max(1, Math.floor(cores / workers));
  const groups = partitionSegments(segments, workers);
  const common = {
    input: details.info.path, index: packets, geometry, threads, signal: options.signal, stallTimeoutMs: options.stallTimeoutMs,
    onPixels: (packet: number, pixels: Buffer) => sink.deliver(packet, pixels),
  };

  const wantStream = options.decoder !== 'seek' && streamPathApplies(details);
  if (options.decoder === 'stream' && !wantStream) {
    notes.push(`the stream decoder applies to H.264/HEVC in MP4/MOV only (this is ${details.info.video!.codec} in ${details.info.container}); used the seek decoder.`);
  }
  const configuration = wantStream ? parseCodecConfiguration(details.info.video!.codec, details.extradata) : undefined;
  if (configuration) {
    // Wait for every worker before judging: a worker still running could otherwise deliver into the
    // sink after it was cleared for the fallback.
    const outcomes = await Promise.allSettled(groups.map((group) => decodeWithStream({ ...common, configuration, segments: group })));
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (!failure) return 'stream';
    sink.discard();
    if (!(failure.reason instanceof StreamPathUnavailable) || options.decoder === 'stream') throw failure.reason;
  }
  await Promise.all(groups.map((group) => decodeWithSeeks({ ...common, streamIndex: details.info.video!.index, segments: group, keyframesOnly })));
  return 'seek';
}

/**
 * Decodes the frames shown at `times` (seconds).
 * @example
 * const { frames } = await decodeFrames('talk.mp4', [10, 20, 30], { size: 512, mode: 'keyframe' });
 * for (const frame of frames) console.log(frame.requestedTime, frame.time, frame.image.length);
 */
export async function decodeFrames(input: string, times: readonly number[], options: DecodeFramesOptions = {}): Promise<DecodeFramesResult> {
  const cache = options.cache === undefined ? defaultArtifactCache() : options.cache;
  const details = await probeDetailed(input, { signal: options.signal, cache, hashInBackground: true });
  const { info, packets } = details;
  if (!info.video || !packets) {
    throw new MediaError(input, 'no-video-stream', 'has no video stream (audio only?); frames cannot be taken from it.');
  }
  const format = options.format ?? 'jpeg';
  const quality = options.quality ?? 85;
  const mode = options.mode ?? 'exact';
  const size = fitWithin(info.video.width, info.video.height, options.size ?? 384);
  const geometry: OutputGeometry = { ...size, rotation: info.video.rotation, pixelFormat: format === 'gray' ? 'gray' : 'rgb24' };
  const warnings = [...info.warnings];

  const choices = chooseFrames(packets, times, {
    mode,
    keyframeTolerance: options.keyframeTolerance ?? defaultKeyframeTolerance(times),
    decodableEnd: decodableEnd(details),
    byteSize: info.byteSize,
    damagedPacket: info.truncated ? lastStoredPacket(packets) : -1,
  });
  for (const choice of choices) if (choice.missingReason) warnings.push(`no frame for ${choice.requestedTime} s: ${choice.missingReason}.`);

  const wanted = [...new Set(choices.filter((choice) => choice.packet >= 0).map((choice) => choice.packet))];
  const images = new Map<number, Uint8Array>();
  // A file hashed for the first time cannot have cached frames; skip the look-ups rather than wait for the hash.
  if (cache && details.hashKnown) {
    await Promise.all(
      wanted.map(async (packet) => {
        const hit = await cache.getBytes(info.contentHash, 'frames', frameCacheKey(packets.time[packet]!, geometry, format, quality));
        if (hit) images.set(packet, hit);
      }),
    );
  }
  const toDecode = wanted.filter((packet) => !images.has(packet));
  const progress = new StageProgress('decode frames', toDecode.length, options.onProgress);
  let decoder: DecodeFramesResult['decoder'] = 'cache';
  if (toDecode.length > 0) {
    throwIfAborted(options.signal);
    const segments = planSegments(packets, toDecode);
    // Frames are encoded as they arrive, so a long request holds compressed images, not raw pixels.
    let encoding = new Map<number, Promise<Uint8Array>>();
    const sink: FrameSink = {
      deliver(packet, pixels) {
        const image = format === 'rgb' || format === 'gray' ? Promise.resolve(pixels) : encodeRawImage(pixels, geometry.width, geometry.height, 3, { format, quality });
        image.catch(() => undefined);
        encoding.set(packet, image);
        progress.advance();
      },
      discard() {
        encoding = new Map();
      },
    };
    decoder = await decodePackets(details, packets, segments, geometry, options, sink, warnings);
    for (const [packet, image] of encoding) images.set(packet, await image);
    if (cache) {
      const hash = await details.hashReady;
      await Promise.all(toDecode.filter((packet) => images.has(packet)).map((packet) =>
        cache.putBytes(hash, 'frames', frameCacheKey(packets.time[packet]!, geometry, format, quality), images.get(packet)!),
      ));
    }
  }
  await details.hashReady;
  progress.finish();

  const frames: Frame[] = [];
  for (const choice of choices) {
    const image = choice.packet >= 0 ? images.get(choice.packet) : undefined;
    if (!image) {
      if (choice.packet >= 0) warnings.push(`no frame for ${choice.requestedTime} s: the decoder delivered nothing there (damaged or truncated data).`);
      continue;
    }
    frames.push({
      requestedTime: choice.requestedTime,
      time: packets.time[choice.packet]!,
      width: geometry.width,
      height: geometry.height,
      image,
      format,
      keyframe: packets.key[choice.packet] === 1,
    });
  }
  frames.sort((a, b) => a.requestedTime - b.requestedTime || a.time - b.time);
  return { frames, warnings, decoder };
}
