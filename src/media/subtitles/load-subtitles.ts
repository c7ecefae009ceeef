/**
 * Finds and reads a video's subtitles: sidecar `.srt`/`.vtt` files beside it and text subtitle streams
 * inside it, each as a {@link SubtitleTrack} of cues on the presentation timeline.
 *
 * Embedded streams are converted by one ffmpeg run to WebVTT on stdout and parsed with parseVtt. The
 * timing needs no arithmetic here: without `-copyts`, ffmpeg shifts every input timestamp by minus the
 * input's start time, the same `format.start_time` that probe reports as `VideoInfo.startTime`, so the
 * cue times it writes are already pts − container start, the timeline frame times use. Tests check this
 * on files whose container starts at 5 s. Bitmap subtitles (DVD, Blu-ray PGS, DVB) are pictures: they
 * get a typed error here and belong to on-screen text recognition.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { FfmpegError, MediaError } from '../../core/errors.js';
import type { ArtifactCache } from '../../core/artifact-cache.js';
import { checkMediaInput } from '../check-input.js';
import { probe } from '../probe.js';
import { runMediaTool } from '../run-media-tool.js';
import type { StreamInfo } from '../video-info.js';
import type { ParsedSubtitles, SubtitleTrack } from './cue.js';
import { parseSrt } from './parse-srt.js';
import { parseVtt } from './parse-vtt.js';

const parsersByExtension: Readonly<Record<string, (text: string) => ParsedSubtitles>> = { '.srt': parseSrt, '.vtt': parseVtt };

const bitmapSubtitleCodecs: ReadonlySet<string> = new Set(['dvd_subtitle', 'hdmv_pgs_subtitle', 'dvb_subtitle', 'xsub']);

/** True for subtitle codecs whose cues are pictures rather than text. */
export function isBitmapSubtitleCodec(codec: string): boolean {
  return bitmapSubtitleCodecs.has(codec);
}

/** A subtitle file found beside a video. */
export interface SidecarSubtitleFile {
  path: string;
  /** From a `name.<lang>.srt` suffix, e.g. `en`, `pt-BR`. */
  language?: string;
  /** Other suffixes, e.g. `forced` in `name.en.forced.srt`. */
  title?: string;
}

const languageTagPattern = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$/i;
const flagWords: ReadonlySet<string> = new Set(['forced', 'sdh', 'cc', 'default']);

/**
 * Lists `.srt`/`.vtt` files named like the video (`talk.srt`, `talk.en.vtt`, `talk.en.forced.srt`), sorted by name.
 * @example const files = await findSidecarSubtitles('talks/talk.mp4'); // [{ path: '/…/talks/talk.en.srt', language: 'en' }]
 */
export async function findSidecarSubtitles(videoPath: string): Promise<SidecarSubtitleFile[]> {
  const absolute = path.resolve(videoPath);
  const folder = path.dirname(absolute);
  const baseName = path.basename(absolute, path.extname(absolute));
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new MediaError(folder, 'unreadable', 'cannot list this folder to look for subtitle files; check its permissions.', { cause: error });
  }
  const found: SidecarSubtitleFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.startsWith(`${baseName}.`)) continue;
    const extension = path.extname(entry.name).toLowerCase();
    if (!(extension in parsersByExtension)) continue;
    const suffixes = entry.name.slice(baseName.length + 1, entry.name.length - extension.length).split('.').filter(Boolean);
    const language = suffixes.find((suffix) => languageTagPattern.test(suffix) && !flagWords.has(suffix.toLowerCase()));
    const others = suffixes.filter((suffix) => suffix !== language);
    const file: SidecarSubtitleFile = { path: path.join(folder, entry.name) };
    if (language) file.language = language;
    if (others.length > 0) file.title = others.join(' ');
    found.push(file);
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** UTF-16 by its BOM, else UTF-8, else Windows-1252 (what older SRT files usually are). */
function decodeSubtitleBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Reads an `.srt` or `.vtt` file into a track; the parser is chosen by extension.
 * @example const track = await readSubtitleFile('talk.en.srt', { language: 'en' }); track.cues[0]?.text;
 */
export async function readSubtitleFile(filePath: string, details: { language?: string; title?: string } = {}): Promise<SubtitleTrack> {
  const parse = parsersByExtension[path.extname(filePath).toLowerCase()];
  if (!parse) {
    throw new MediaError(filePath, 'not-media', 'is not a subtitle file reelm reads; give an .srt or .vtt file (convert others with `ffmpeg -i in.ass out.vtt`).');
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new MediaError(filePath, 'not-found', 'no such subtitle file; check the path.', { cause: error });
    if (code === 'EISDIR') throw new MediaError(filePath, 'is-directory', 'is a folder, not a subtitle file.', { cause: error });
    throw new MediaError(filePath, 'unreadable', `cannot be read (${code ?? (error as Error).message}); check its permissions.`, { cause: error });
  }
  const parsed = parse(decodeSubtitleBytes(bytes));
  return makeTrack(filePath, details, parsed);
}

function makeTrack(source: string, details: { language?: string; title?: string }, parsed: ParsedSubtitles): SubtitleTrack {
  const track: SubtitleTrack = { source, cues: parsed.cues };
  if (details.language) track.language = details.language;
  if (details.title) track.title = details.title;
  if (parsed.skipped > 0) track.skippedBlocks = parsed.skipped;
  return track;
}

/**
 * One ffmpeg run: stream `streamIndex` of `input` as WebVTT on stdout, with `-progress` lines on
 * stderr feeding the stall watchdog while ffmpeg reads a long file between cues.
 */
export function buildSubtitleExtractArgs(input: string, streamIndex: number): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:2',
    '-i', input,
    '-map', `0:${streamIndex}`,
    '-f', 'webvtt', 'pipe:1',
  ];
}

/** Asks ffprobe about one stream: its type, codec, language and title. */
async function lookUpStream(input: string, streamIndex: number, signal?: AbortSignal): Promise<StreamInfo | undefined> {
  const args = ['-v', 'error', '-hide_banner', '-select_streams', String(streamIndex),
    '-show_entries', 'stream=index,codec_type,codec_name:stream_tags=language,title', '-of', 'json', '--', input];
  const { stdout } = await runMediaTool('ffprobe', args, { signal, timeoutMs: 60_000 });
  const parsed = JSON.parse(stdout.toString('utf8')) as {
    streams?: { index?: number; codec_type?: string; codec_name?: string; tags?: { language?: string; title?: string } }[];
  };
  const raw = parsed.streams?.find((stream) => stream.index === streamIndex);
  if (!raw) return undefined;
  const stream: StreamInfo = { index: streamIndex, type: raw.codec_type === 'subtitle' ? 'subtitle' : 'data', codec: raw.codec_name ?? 'unknown' };
  if (raw.tags?.language && raw.tags.language !== 'und') stream.language = raw.tags.language;
  if (raw.tags?.title) stream.title = raw.tags.title;
  return stream;
}

export interface ExtractSubtitlesOptions {
  signal?: AbortSignal;
  /** The stream as probe described it; saves one ffprobe call. */
  stream?: StreamInfo;
}

/**
 * Reads text subtitle stream `streamIndex` (mov_text, subrip, ass, webvtt, …) of a video into a track
 * whose cue times are on the presentation timeline (pts − container start).
 * @example const track = await extractEmbeddedSubtitles('movie.mkv', 2); // { source: 'stream:2', language: 'fra', cues: [...] }
 */
export async function extractEmbeddedSubtitles(videoPath: string, streamIndex: number, options: ExtractSubtitlesOptions = {}): Promise<SubtitleTrack> {
  const { path: input } = await checkMediaInput(videoPath);
  const stream = options.stream ?? (await lookUpStream(input, streamIndex, options.signal));
  if (!stream || stream.type !== 'subtitle') {
    const what = stream ? `stream #${streamIndex} is ${stream.codec}, not a subtitle stream` : `has no stream #${streamIndex}`;
    throw new MediaError(videoPath, 'out-of-range', `${what}; list its streams with \`ffprobe ${videoPath}\` and pass a subtitle stream's index.`);
  }
  if (isBitmapSubtitleCodec(stream.codec)) {
    throw new MediaError(
      videoPath,
      'unreadable',
      `subtitle stream #${streamIndex} (${stream.codec}) holds bitmaps, not text; its cues are pictures and need OCR (on-screen text recognition), or a text subtitle file beside the video.`,
    );
  }
  let stdout: Buffer;
  try {
    ({ stdout } = await runMediaTool('ffmpeg', buildSubtitleExtractArgs(input, streamIndex), { signal: options.signal }));
  } catch (error) {
    if (!FfmpegError.isInstance(error)) throw error;
    const reason = error.stderrTail.split('\n').filter((line) => line.trim() && !/^\w+=/.test(line)).at(-1) ?? 'no details';
    throw new MediaError(videoPath, 'unreadable', `subtitle stream #${streamIndex} (${stream.codec}) could not be converted to text: ${reason}`, { cause: error });
  }
  return makeTrack(`stream:${streamIndex}`, stream, parseVtt(stdout.toString('utf8')));
}

export interface LoadSubtitlesOptions {
  signal?: AbortSignal;
  /** Passed to probe; `null` for no cache. */
  cache?: ArtifactCache | null;
}

/**
 * Every subtitle track a video has: sidecar files first (by name), then its text subtitle streams
 * (by index). Bitmap streams are left out; they need OCR.
 * @example for (const track of await loadSubtitles('talk.mp4')) console.log(track.source, track.language, track.cues.length);
 */
export async function loadSubtitles(videoPath: string, options: LoadSubtitlesOptions = {}): Promise<SubtitleTrack[]> {
  const info = await probe(videoPath, { signal: options.signal, cache: options.cache });
  const tracks: SubtitleTrack[] = [];
  for (const file of await findSidecarSubtitles(info.path)) tracks.push(await readSubtitleFile(file.path, file));
  const textStreams = info.streams.filter((stream) => stream.type === 'subtitle' && !isBitmapSubtitleCodec(stream.codec));
  // One at a time: each run reads the whole file, and videos rarely carry more than a few streams.
  for (const stream of textStreams) {
    tracks.push(await extractEmbeddedSubtitles(info.path, stream.index, { signal: options.signal, stream }));
  }
  return tracks;
}
