/**
 * The packet index of an MP4/MOV video track, read from the container's sample tables instead of
 * ffprobe's packet scan (which reads every packet's bytes: about 0.3 s for 150 MB). Only the top-level
 * box headers and the `moov` box are read; mp4box.js parses the sample tables (stts, ctts, stsz,
 * stco/co64, stsc, stss), and this module applies the edit list the way ffmpeg's mov demuxer does, so
 * every time, position, size and key flag equals what `ffprobe -show_entries packet` reports.
 *
 * Anything this does not reproduce exactly (fragmented files, a missing or cut `moov`, several edits,
 * negative composition offsets, a track that is not video) gives `undefined`, and probe falls back to
 * the ffprobe scan.
 */

import fs from 'node:fs/promises';
import { createFile, MP4BoxBuffer, type ISOFile } from 'mp4box';
import { buildPacketIndex, packetSeconds, type PacketIndex } from './packet-index.js';

/** The parsed `moov` of a file, ready to give the packet index of any of its tracks. */
export interface Mp4Movie {
  file: ISOFile;
  byteSize: number;
}

export interface Mp4PacketIndexOptions {
  /** ffprobe's index of the video stream; for MP4/MOV, streams are the `trak` boxes in file order. */
  streamIndex: number;
  /** The container start time ffprobe reports (`format.start_time`), subtracted from every time. */
  startTime: number;
  signal?: AbortSignal;
}

/** A moov larger than this is not worth holding in memory; the ffprobe scan handles it. */
const maxMoovBytes = 64 * 1024 * 1024;
/** A file with this many top-level boxes is not a plain (unfragmented) MP4. */
const maxTopLevelBoxes = 1024;

type Mp4Track = ISOFile['moov']['traks'][number];

interface TopLevelBox {
  type: string;
  start: number;
  size: number;
}

/** Walks the top-level box headers (seeking past `mdat`); undefined when the file is not ISO BMFF. */
async function readTopLevelBoxes(handle: fs.FileHandle, byteSize: number, signal?: AbortSignal): Promise<TopLevelBox[] | undefined> {
  const boxes: TopLevelBox[] = [];
  const header = Buffer.alloc(16);
  let position = 0;
  while (position + 8 <= byteSize && boxes.length < maxTopLevelBoxes) {
    signal?.throwIfAborted();
    const { bytesRead } = await handle.read(header, 0, 16, position);
    const type = header.toString('latin1', 4, 8);
    if (bytesRead < 8 || !/^[\x20-\x7e]{4}$/.test(type)) return undefined;
    let size = header.readUInt32BE(0);
    if (size === 1) size = bytesRead < 16 ? 0 : Number(header.readBigUInt64BE(8));
    else if (size === 0) size = byteSize - position;
    if (size < 8) return undefined;
    boxes.push({ type, start: position, size });
    position += size;
  }
  return boxes;
}

/** Reads and parses the `moov` of an MP4/MOV file; undefined when it is absent, cut, or fragmented. */
export async function readMp4Movie(path: string, signal?: AbortSignal): Promise<Mp4Movie | undefined> {
  const handle = await fs.open(path, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const byteSize = (await handle.stat()).size;
    const boxes = await readTopLevelBoxes(handle, byteSize, signal);
    const moovs = boxes?.filter((box) => box.type === 'moov') ?? [];
    const moov = moovs[0];
    if (!boxes || !moov || moovs.length > 1 || boxes.some((box) => box.type === 'moof')) return undefined;
    if (moov.size > maxMoovBytes || moov.start + moov.size > byteSize) return undefined;
    const ftyp = boxes.find((box) => box.type === 'ftyp' && box.start + box.size <= byteSize && box.size < 4096);
    const file = createFile();
    // The sample tables hold absolute file offsets, so ftyp and moov are handed over as one contiguous
    // stream: mp4box then never waits for the boxes between them (mdat, free) that are not read.
    const buffers: MP4BoxBuffer[] = [];
    let fileStart = 0;
    for (const box of ftyp ? [ftyp, moov] : [moov]) {
      signal?.throwIfAborted();
      const bytes = new ArrayBuffer(box.size);
      const { bytesRead } = await handle.read(new Uint8Array(bytes), 0, box.size, box.start);
      if (bytesRead !== box.size) return undefined;
      buffers.push(MP4BoxBuffer.fromArrayBuffer(bytes, fileStart));
      fileStart += box.size;
    }
    parseQuietly(file, buffers);
    return file.moov && !file.moov.mvex ? { file, byteSize } : undefined;
  } catch (error) {
    if (signal?.aborted) throw error;
    // mp4box throws on boxes it cannot parse; the ffprobe scan is the answer for those files.
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Parses synchronously with console.error muted: mp4box logs boxes it does not understand (QuickTime
 * `©xyz` metadata, say) there, which is noise in a CLI. Whether the tables that matter were parsed
 * completely is checked box by box in mp4TrackPacketIndex.
 */
function parseQuietly(file: ISOFile, buffers: MP4BoxBuffer[]): void {
  const original = console.error;
  console.error = () => undefined;
  try {
    for (const buffer of buffers) file.appendBuffer(buffer);
    file.flush();
  } finally {
    console.error = original;
  }
}

/** Whether mp4box parsed every child of a container box (it stops at the first it cannot read). */
function parsedCompletely(box: { size: number; hdr_size?: number; boxes?: Array<{ size: number }> } | undefined): boolean {
  return !!box?.hdr_size && box.hdr_size + (box.boxes ?? []).reduce((sum, child) => sum + child.size, 0) === box.size;
}

/** ffmpeg's av_rescale: a·b/c rounded to the nearest integer, halves away from zero. */
function rescale(a: number, b: number, c: number): number {
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  return Number((product + divisor / 2n) / divisor);
}

/**
 * The one edit of a track as ffmpeg applies it (media time and duration, in media units); `null`
 * when there is no edit list, `undefined` when the list is one ffmpeg's rules are not mirrored for.
 */
function singleEdit(trak: Mp4Track, movieTimescale: number): { mediaTime: number; duration: number } | null | undefined {
  const entries = trak.edts?.elst?.entries ?? [];
  if (entries.length === 0) return null;
  const entry = entries[0];
  if (entries.length > 1 || !entry || entry.media_time < 0 || entry.media_rate_integer !== 1 || movieTimescale <= 0) return undefined;
  return { mediaTime: entry.media_time, duration: rescale(entry.segment_duration, trak.mdia.mdhd.timescale, movieTimescale) };
}

/**
 * The packet index of one track of a parsed movie, or undefined where it might differ from ffprobe's.
 * Samples starting past the end of a cut file are dropped; the one the cut goes through keeps the
 * bytes that exist (as ffprobe lists it).
 */
export function mp4TrackPacketIndex(movie: Mp4Movie, { streamIndex, startTime }: Mp4PacketIndexOptions): PacketIndex | undefined {
  const moov = movie.file.moov;
  const trak = moov.traks[streamIndex];
  const stbl = trak?.mdia?.minf?.stbl;
  if (!trak || !stbl || trak.mdia.hdlr?.handler !== 'vide' || stbl.cslg) return undefined;
  const containers = [moov, trak, trak.mdia, trak.mdia.minf, stbl, ...(trak.edts ? [trak.edts] : [])];
  if (!containers.every(parsedCompletely) || !stbl.stts || !stbl.stsc || !(stbl.stco ?? stbl.co64)) return undefined;
  const samples = trak.samples ?? [];
  const timescale = trak.mdia.mdhd.timescale;
  const edit = singleEdit(trak, moov.mvhd.timescale);
  // An empty stss means "no keyframes listed": ffmpeg then parses the stream for them.
  if (samples.length === 0 || timescale <= 0 || edit === undefined || stbl.stss?.sample_numbers.length === 0) return undefined;
  if (samples.some((sample) => sample.cts < sample.dts)) return undefined;
  // ffmpeg (mov_fix_index) keeps the samples presented inside the edit, restarts the decode clock at
  // the first of them, and then shifts every time so that the earliest presentation is zero.
  const inEdit = (cts: number): boolean => !edit || (cts >= edit.mediaTime && cts < edit.mediaTime + edit.duration);
  let shift = 0;
  if (edit) {
    const kept = samples.filter((sample) => inEdit(sample.cts));
    if (!kept[0]) return undefined;
    shift = kept.reduce((earliest, sample) => Math.min(earliest, sample.cts), Infinity);
    shift = Math.max(kept[0].dts, shift);
  }
  const timeBase = 1 / timescale;
  const times: number[] = [];
  const positions: number[] = [];
  const sizes: number[] = [];
  const keys: number[] = [];
  for (const sample of samples) {
    if (!inEdit(sample.cts) || sample.offset >= movie.byteSize) continue;
    times.push(packetSeconds(sample.cts - shift, timeBase, startTime));
    positions.push(sample.offset);
    sizes.push(Math.min(sample.size, movie.byteSize - sample.offset));
    keys.push(sample.is_sync ? 1 : 0);
  }
  return buildPacketIndex(times, positions, sizes, keys);
}

/**
 * The packet index of the video stream `streamIndex` of an MP4/MOV file, from its sample tables.
 * @example const packets = await readMp4PacketIndex('talk.mp4', { streamIndex: 0, startTime: 0 });
 */
export async function readMp4PacketIndex(path: string, options: Mp4PacketIndexOptions): Promise<PacketIndex | undefined> {
  const movie = await readMp4Movie(path, options.signal);
  return movie && mp4TrackPacketIndex(movie, options);
}
