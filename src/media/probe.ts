/**
 * `probe(input)` → VideoInfo. Reads container and stream metadata with one ffprobe call and the packet
 * index beside it (from the sample tables for MP4/MOV, else with a second ffprobe call; both run
 * concurrently with the content hash), then derives what the rest of reelm
 * needs: display size after rotation, nominal and measured frame rate, the VFR flag, keyframe times,
 * and warnings such as truncation. Results are cached by content hash, so a second probe of the same
 * bytes costs one stat and one small read.
 */

import { ArtifactCache } from '../core/artifact-cache.js';
import { contentHash, rememberedContentHash } from '../core/content-hash.js';
import { FfmpegError, MediaError } from '../core/errors.js';
import { defaultCacheDir } from '../core/paths.js';
import { checkMediaInput } from './check-input.js';
import { ffprobeOutputSchema, parseHexDump, parseRational, rotationOf, type FfprobeStream } from './ffprobe-output.js';
import {
  deserializePacketIndex,
  keyframeTimesOf,
  parsePacketLines,
  serializePacketIndex,
  type PacketIndex,
} from './packet-index.js';
import { mp4TrackPacketIndex, readMp4Movie } from './mp4-sample-index.js';
import { buildPacketIndexArgs, buildProbeArgs } from './probe-args.js';
import { runMediaTool } from './run-media-tool.js';
import type { StreamInfo, VideoInfo, VideoStreamInfo } from './video-info.js';

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Cache for probe results and packet indexes; defaults to the user cache. Pass `null` for none. */
  cache?: ArtifactCache | null;
}

/** For the decoder: return as soon as the probe is done, and let a first-time hash finish in the background. */
export interface EarlyProbeOptions extends ProbeOptions {
  hashInBackground: true;
}

/** What probe keeps beside VideoInfo for the decoder. */
export interface ProbeDetails {
  info: VideoInfo;
  packets: PacketIndex | null;
  /** Codec configuration of the video stream (avcC / hvcC), when the container has one. */
  extradata: Buffer | undefined;
  /**
   * Resolves with the content hash once it is known (and the probe is cached under it); with
   * `hashInBackground` a first-time hash may still be running when the details arrive, and
   * `info.contentHash` is filled in when it ends.
   */
  hashReady: Promise<string>;
  /** False while a first-time hash is still running: nothing can be in the cache for this file yet. */
  hashKnown: boolean;
}

const probeCacheVersion = 'probe-v2';

let defaultCache: ArtifactCache | undefined;
export function defaultArtifactCache(): ArtifactCache {
  defaultCache ??= new ArtifactCache({ root: defaultCacheDir(), enabled: !process.env.REELM_NO_CACHE });
  return defaultCache;
}

function streamTypeOf(stream: FfprobeStream): StreamInfo['type'] {
  const type = stream.codec_type;
  return type === 'video' || type === 'audio' || type === 'subtitle' || type === 'attachment' ? type : 'data';
}

function toStreamInfo(stream: FfprobeStream): StreamInfo {
  const info: StreamInfo = { index: stream.index, type: streamTypeOf(stream), codec: stream.codec_name ?? 'unknown' };
  const language = stream.tags?.language;
  if (language && language !== 'und') info.language = language;
  if (stream.tags?.title) info.title = stream.tags.title;
  if (stream.channels) info.channels = stream.channels;
  if (stream.sample_rate) info.sampleRate = Number(stream.sample_rate);
  return info;
}

/** The main video stream: the first that is not cover art. */
function pickVideoStream(streams: FfprobeStream[]): FfprobeStream | undefined {
  return streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
}

/** VFR when more than 2% of frame intervals differ from the median by more than 10%. */
export function isVariableFrameRate(sortedTimes: ArrayLike<number>): boolean {
  const intervals: number[] = [];
  for (let i = 1; i < sortedTimes.length; i++) intervals.push(sortedTimes[i]! - sortedTimes[i - 1]!);
  if (intervals.length < 3) return false;
  const median = [...intervals].sort((a, b) => a - b)[intervals.length >> 1]!;
  if (median <= 0) return true;
  const irregular = intervals.filter((interval) => Math.abs(interval - median) > 0.1 * median).length;
  return irregular > Math.max(1, 0.02 * intervals.length);
}

function describeVideo(stream: FfprobeStream, packets: PacketIndex): VideoStreamInfo {
  const rotation = rotationOf(stream);
  const sampleAspect = parseRational(stream.sample_aspect_ratio) || 1;
  const storedWidth = Math.max(1, Math.round((stream.width ?? 0) * (sampleAspect > 0 ? sampleAspect : 1)));
  const storedHeight = stream.height ?? 0;
  const turned = rotation === 90 || rotation === 270;
  const sorted = Array.from(packets.presentationOrder, (index) => packets.time[index]!);
  const first = sorted[0] ?? 0;
  const last = sorted.at(-1) ?? 0;
  const nominalFps = parseRational(stream.r_frame_rate);
  const measuredFps = sorted.length > 1 && last > first ? (sorted.length - 1) / (last - first) : nominalFps;
  const declaredAverage = parseRational(stream.avg_frame_rate);
  const info: VideoStreamInfo = {
    index: stream.index,
    codec: stream.codec_name ?? 'unknown',
    width: turned ? storedHeight : storedWidth,
    height: turned ? storedWidth : storedHeight,
    codedWidth: stream.width ?? 0,
    codedHeight: stream.height ?? 0,
    rotation,
    nominalFps,
    averageFps: declaredAverage > 0 ? declaredAverage : measuredFps,
    variableFrameRate: isVariableFrameRate(sorted),
    frameCount: packets.count,
    keyframeTimes: keyframeTimesOf(packets),
    firstFrameTime: first,
    lastFrameTime: last,
  };
  if (stream.profile) info.profile = stream.profile;
  if (stream.pix_fmt) info.pixelFormat = stream.pix_fmt;
  return info;
}

/** Bytes per transport-stream packet: a complete MPEG-TS (or M2TS) file is a whole number of them. */
function transportPacketSize(container: string): number | undefined {
  if (container === 'mpegts') return 188;
  return undefined;
}

/**
 * A file is truncated when its video data ends well before the duration it declares, when a packet
 * reaches past the end of the file, or (MPEG-TS) when its size is not a whole number of packets.
 */
export function isTruncated(video: VideoStreamInfo, packets: PacketIndex, duration: number, byteSize: number, container: string): boolean {
  const frameInterval = video.averageFps > 0 ? 1 / video.averageFps : 0.1;
  const videoEnd = video.lastFrameTime + frameInterval;
  for (let i = 0; i < packets.count; i++) {
    if (packets.position[i]! >= 0 && packets.position[i]! + packets.size[i]! > byteSize) return true;
  }
  const packetSize = transportPacketSize(container);
  if (packetSize && byteSize % packetSize !== 0 && byteSize % 192 !== 0) return true;
  return duration - videoEnd > Math.max(1, 3 * frameInterval);
}

/** The packet stored last in the file: in a truncated file, the one the cut went through. */
export function lastStoredPacket(packets: PacketIndex): number {
  let last = -1;
  for (let i = 0; i < packets.count; i++) if (last < 0 || packets.position[i]! > packets.position[last]!) last = i;
  return last;
}

/** ffprobe's packet scan of the main video stream (`V:0`: the first that is not cover art, as pickVideoStream). */
function scanPackets(absolutePath: string, signal?: AbortSignal) {
  return runMediaTool('ffprobe', buildPacketIndexArgs(absolutePath, 'V:0'), { signal });
}

async function probeUncached(absolutePath: string, byteSize: number, hash: string, signal?: AbortSignal): Promise<Omit<ProbeDetails, 'hashReady' | 'hashKnown'>> {
  let raw: unknown;
  // Beside the metadata call: the MP4/MOV sample tables (only the moov is read), or, for any other
  // file, ffprobe's packet scan, which reads the whole file.
  const movie = readMp4Movie(absolutePath, signal).catch(() => undefined);
  const packetScan = movie.then((found) => (found ? undefined : scanPackets(absolutePath, signal)));
  packetScan.catch(() => undefined);
  try {
    const { stdout } = await runMediaTool('ffprobe', buildProbeArgs(absolutePath), { signal, timeoutMs: 60_000 });
    raw = JSON.parse(stdout.toString('utf8'));
  } catch (error) {
    if (FfmpegError.isInstance(error)) {
      throw new MediaError(
        absolutePath,
        'not-media',
        `is not a media file ffprobe can read (${error.stderrTail.trim().split('\n').at(-1) ?? 'no details'}); check that it is a video and was copied completely.`,
        { cause: error },
      );
    }
    throw error;
  }
  const parsed = ffprobeOutputSchema.parse(raw);
  const format = parsed.format ?? {};
  const streams = parsed.streams.map(toStreamInfo);
  const startTime = Number(format.start_time ?? 0) || 0;
  const videoStream = pickVideoStream(parsed.streams);
  const declaredDuration = Number(format.duration ?? videoStream?.duration ?? 0) || 0;
  const warnings: string[] = [];
  let truncated = false;
  let video: VideoStreamInfo | null = null;
  let packets: PacketIndex | null = null;
  if (videoStream) {
    const timeBase = parseRational(videoStream.time_base) || 1 / 90_000;
    const isMp4 = /\b(mp4|mov)\b/.test(format.format_name ?? '');
    const found = isMp4 ? await movie : undefined;
    // Explicit fallback: sample tables this module does not reproduce exactly go to the ffprobe scan.
    const fromTables = found && mp4TrackPacketIndex(found, { streamIndex: videoStream.index, startTime });
    packets =
      fromTables ??
      parsePacketLines(((await packetScan) ?? (await scanPackets(absolutePath, signal))).stdout.toString('latin1'), timeBase, startTime);
    if (packets.count === 0) {
      warnings.push('the video stream holds no readable frames.');
    } else {
      video = describeVideo(videoStream, packets);
      truncated = isTruncated(video, packets, declaredDuration, byteSize, format.format_name ?? '');
      if (truncated) {
        const cutAt = packets.time[lastStoredPacket(packets)]!;
        warnings.push(
          `the file looks truncated: its video data is cut at about ${cutAt.toFixed(2)} s` +
            (declaredDuration > cutAt + 1 ? ` of the ${declaredDuration.toFixed(2)} s it declares` : '') +
            '; frames from the cut on cannot be decoded.',
        );
      }
    }
  }
  const duration =
    declaredDuration > 0 ? declaredDuration : video ? video.lastFrameTime + 1 / (video.averageFps || 30) : 0;
  const info: VideoInfo = {
    path: absolutePath,
    container: format.format_name ?? 'unknown',
    duration,
    startTime,
    byteSize,
    contentHash: hash,
    video,
    streams,
    truncated,
    warnings,
  };
  const bitRate = Number(format.bit_rate);
  if (Number.isFinite(bitRate) && bitRate > 0) info.bitRate = bitRate;
  return { info, packets: video ? packets : null, extradata: parseHexDump(videoStream?.extradata) };
}

/** Probes a file, with its packet index and codec configuration (used by the decoder). */
export async function probeDetailed(input: string, options: ProbeOptions | EarlyProbeOptions = {}): Promise<ProbeDetails> {
  const checked = await checkMediaInput(input);
  const cache = options.cache === undefined ? defaultArtifactCache() : options.cache;
  const cacheRoot = cache?.enabled ? cache.root : undefined;
  const remembered = await rememberedContentHash(checked.path, cacheRoot);
  if (!remembered) {
    // Cold: nothing can be cached under a hash we do not know yet, so hash and probe side by side;
    // the decoder does not even wait for the hash (it only keys the cache writes).
    const hashing = contentHash(checked.path, { cacheRoot, signal: options.signal });
    hashing.catch(() => undefined);
    const details = await probeUncached(checked.path, checked.byteSize, 'pending', options.signal);
    const hashReady = hashing.then(async (hash) => {
      details.info.contentHash = hash;
      await storeProbe(cache, hash, details);
      return hash;
    });
    // A caller that fails before awaiting it must not leave an unhandled rejection behind.
    hashReady.catch(() => undefined);
    if ('hashInBackground' in options && options.hashInBackground) return { ...details, hashReady, hashKnown: false };
    await hashReady;
    return { ...details, hashReady, hashKnown: true };
  }
  const hash = remembered;
  const known = { hashReady: Promise.resolve(hash), hashKnown: true };
  if (cache) {
    const cached = await cache.getJson<{ info: VideoInfo; extradata?: string }>(hash, 'probe', probeCacheVersion);
    if (cached) {
      const packetBytes = cached.info.video ? await cache.getBytes(hash, 'packet-index', probeCacheVersion) : undefined;
      if (!cached.info.video || packetBytes) {
        // The same bytes may live under another name; report the path the caller asked about.
        const info = { ...cached.info, path: checked.path };
        const packets = packetBytes ? deserializePacketIndex(packetBytes) : null;
        return { info, packets, extradata: cached.extradata ? Buffer.from(cached.extradata, 'hex') : undefined, ...known };
      }
    }
  }
  const details = await probeUncached(checked.path, checked.byteSize, hash, options.signal);
  await storeProbe(cache, hash, details);
  return { ...details, ...known };
}

async function storeProbe(cache: ArtifactCache | null, hash: string, details: Pick<ProbeDetails, 'info' | 'packets' | 'extradata'>): Promise<void> {
  if (!cache) return;
  if (details.packets) await cache.putBytes(hash, 'packet-index', probeCacheVersion, serializePacketIndex(details.packets));
  await cache.putJson(hash, 'probe', probeCacheVersion, { info: details.info, extradata: details.extradata?.toString('hex') });
}

/**
 * Probes a media file.
 * @example const info = await probe('talk.mp4'); console.log(info.duration, info.video?.width);
 */
export async function probe(input: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  return (await probeDetailed(input, options)).info;
}
