/**
 * The scene pass: one decode of a span that yields both shot boundaries (ffmpeg's scene-change score,
 * `select`'s `lavfi.scene_score`) and motion energy (each frame minus the previous one on a gray copy,
 * `tblend=all_mode=difference` measured by `signalstats` YAVG), both on a 160-px copy. A long video's
 * cost is its decode, so the pass is made as cheap as the measures allow and done once for both:
 * - the decoder skips the in-loop deblocking filter (`-skip_loop_filter all`): block edges vanish at
 *   160 px, and on the ingest benchmark the cuts found are the same as with a full decode;
 * - at most two decoder threads and one filter thread (`-threads 2 -filter_threads 1`): the pass is on
 *   the ingest's critical path (the keyframes wait for the cuts), so it takes a second core when one is
 *   free, for a few percent more CPU than one thread; filter slice threads cost far more than they save
 *   at 160 px;
 * - the scaler uses its cheapest filter. Together: about 35% less CPU than the plain decode with a
 *   bicubic scale, and the motion measure rides along for a few percent more instead of its own decode.
 * Every frame's values are printed by `metadata=print` (scene scores to stderr, motion to stdout, so
 * neither block-buffered stream can split the other's lines). Cuts are the frames whose score exceeds
 * the threshold. Cuts (per threshold) and motion are cached by content hash and span; a pass already
 * running for the same video and span is joined rather than started again, so the ingest's segments
 * stage and its scene and motion analyzers decode the video once even without a cache.
 */

import os from 'node:os';
import type { ArtifactCache } from '../core/artifact-cache.js';
import { AbortedError } from '../core/errors.js';
import { StageProgress, type ProgressReporter } from '../core/progress.js';
import type { TimeSpan } from '../core/time.js';
import { runMediaTool } from './run-media-tool.js';
import type { VideoInfo } from './video-info.js';

export interface DetectScenesOptions {
  /** Scene-change score above which a frame starts a new shot, 0–1. Default 0.3. */
  threshold?: number;
  span?: TimeSpan;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  cache?: ArtifactCache | null;
}

/** A value measured on one frame; `time` in seconds on the presentation timeline. */
export interface FrameMeasure {
  time: number;
  value: number;
}

export interface ScenePassResult {
  /** Each frame's scene-change score, 0–1 (the first frame's is 0). */
  sceneScores: FrameMeasure[];
  /** Each frame's mean absolute luma change from the previous frame, as a fraction of full scale (0–1); none for the first frame. */
  motion: FrameMeasure[];
}

/** Width of the copy both measures are taken on. */
export const scenePassWidth = 160;
const sceneScoreKey = 'lavfi.scene_score';
const motionKey = 'lavfi.signalstats.YAVG';

/** Pure: the ffmpeg arguments of the scene pass over a span (see the module header for each choice). */
export function buildScenePassArgs(input: string, streamIndex: number, span: TimeSpan, threads = Math.min(2, os.availableParallelism())): string[] {
  // `pipe\\:2` is `pipe:2` after the graph's and the option's escaping levels.
  const graph = [
    `scale=${scenePassWidth}:-2:flags=fast_bilinear`,
    "select='gte(scene\\,0)'",
    `metadata=mode=print:key=${sceneScoreKey}:file=pipe\\\\:2`,
    'format=gray',
    'tblend=all_mode=difference',
    'signalstats',
    `metadata=mode=print:key=${motionKey}:file=-`,
  ].join(',');
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats',
    '-ss', span.start.toFixed(6), '-t', (span.end - span.start).toFixed(6),
    '-threads', String(threads), '-filter_threads', '1', '-skip_loop_filter', 'all',
    '-i', input,
    '-map', `0:${streamIndex}`, '-an', '-sn', '-dn',
    '-vf', graph,
    '-f', 'null', '-',
  ];
}

const framePattern = /^frame:\s*\d+\s+pts:\s*-?\d+\s+pts_time:\s*(-?[\d.]+)/;

/**
 * Reads `metadata=mode=print` output line by line: a `frame: … pts_time: T` line, then `key=value`
 * lines. `onValue` gets each value of `key` with its frame's time (seconds from the input start).
 */
export class MetadataPrintReader {
  private time: number | undefined;
  private partial = '';

  constructor(private readonly key: string, private readonly onValue: (time: number, value: number) => void) {}

  /** One complete line. */
  line(line: string): void {
    const frame = framePattern.exec(line);
    if (frame) {
      this.time = Number(frame[1]);
      return;
    }
    if (this.time === undefined || !line.startsWith(`${this.key}=`)) return;
    const value = Number(line.slice(this.key.length + 1));
    if (Number.isFinite(value)) this.onValue(this.time, value);
    this.time = undefined;
  }

  /** A chunk of a stream; lines split across chunks are joined. */
  chunk(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }
}

/** Pure: `key`'s values with their times from a whole `metadata=print` text. */
export function parseMetadataPrint(text: string, key: string): FrameMeasure[] {
  const values: FrameMeasure[] = [];
  const reader = new MetadataPrintReader(key, (time, value) => values.push({ time, value }));
  reader.chunk(text);
  reader.end();
  return values;
}

async function runScenePass(input: string, streamIndex: number, span: TimeSpan, options: { signal?: AbortSignal; onProgress?: ProgressReporter }): Promise<ScenePassResult> {
  const length = span.end - span.start;
  const progress = new StageProgress('detect scenes', Math.round(length), options.onProgress);
  const sceneScores: FrameMeasure[] = [];
  const motion: FrameMeasure[] = [];
  // With an input seek, filter time starts at 0 at the span start.
  const scores = new MetadataPrintReader(sceneScoreKey, (time, value) => {
    sceneScores.push({ time: span.start + time, value });
    progress.update(Math.min(length, time));
  });
  const differences = new MetadataPrintReader(motionKey, (time, value) => motion.push({ time: span.start + time, value: Math.min(1, Math.max(0, value / 255)) }));
  await runMediaTool('ffmpeg', buildScenePassArgs(input, streamIndex, span), {
    signal: options.signal,
    onStderrLine: (line) => scores.line(line),
    onStdout: (chunk) => differences.chunk(chunk.toString('latin1')),
  });
  differences.end();
  progress.finish();
  return { sceneScores, motion };
}

/** Passes running now, by content hash and span, so concurrent callers share one decode. */
const passesInFlight = new Map<string, Promise<ScenePassResult>>();

/**
 * The scene pass over `span`, joining one already running for the same video and span. A joined pass
 * cancelled by its starter's signal is started again for a caller whose own signal is not aborted.
 */
export async function scenePass(input: string, info: VideoInfo, span: TimeSpan, options: { signal?: AbortSignal; onProgress?: ProgressReporter } = {}): Promise<ScenePassResult> {
  const video = info.video;
  if (!video) return { sceneScores: [], motion: [] };
  const key = `${info.contentHash}|${span.start}|${span.end}`;
  for (;;) {
    let pass = passesInFlight.get(key);
    if (!pass) {
      pass = runScenePass(input, video.index, span, options);
      passesInFlight.set(key, pass);
      const started = pass;
      started.then(() => passesInFlight.delete(key), () => passesInFlight.delete(key));
      return pass;
    }
    try {
      return await pass;
    } catch (error) {
      if (!AbortedError.isInstance(error) || options.signal?.aborted) throw error;
    }
  }
}

/** Pure: frames whose score exceeds the threshold, strictly inside the span, ascending. */
export function cutsFromScores(sceneScores: readonly FrameMeasure[], threshold: number, span: TimeSpan): number[] {
  return sceneScores.filter((frame) => frame.value > threshold && frame.time > span.start && frame.time < span.end)
    .map((frame) => frame.time).sort((a, b) => a - b);
}

/** Caches what a pass found that callers read later: the motion of the span. */
async function storeMotion(cache: ArtifactCache | null | undefined, info: VideoInfo, span: TimeSpan, motion: readonly FrameMeasure[]): Promise<void> {
  await cache?.putJson(info.contentHash, 'motion', `motion-v1|${span.start}|${span.end}`, { times: motion.map((m) => m.time), values: motion.map((m) => m.value) });
}

/** Times (seconds, presentation timeline) where a new shot starts inside the span, ascending. */
export async function detectSceneCuts(input: string, info: VideoInfo, options: DetectScenesOptions = {}): Promise<number[]> {
  if (!info.video) return [];
  const threshold = options.threshold ?? 0.3;
  const span = options.span ?? { start: 0, end: info.duration };
  // v2: the cheaper scene pass (module header).
  const cacheKey = `scenes-v2|${threshold}|${span.start}|${span.end}`;
  const cached = await options.cache?.getJson<number[]>(info.contentHash, 'scenes', cacheKey);
  if (cached) return cached;
  const pass = await scenePass(input, info, span, options);
  const cuts = cutsFromScores(pass.sceneScores, threshold, span);
  await options.cache?.putJson(info.contentHash, 'scenes', cacheKey, cuts);
  await storeMotion(options.cache, info, span, pass.motion);
  return cuts;
}

/** Each frame's motion over the span (see `ScenePassResult.motion`), from the cache or the scene pass. */
export async function measureMotion(input: string, info: VideoInfo, options: Omit<DetectScenesOptions, 'threshold'> = {}): Promise<FrameMeasure[]> {
  if (!info.video) return [];
  const span = options.span ?? { start: 0, end: info.duration };
  const cached = await options.cache?.getJson<{ times: number[]; values: number[] }>(info.contentHash, 'motion', `motion-v1|${span.start}|${span.end}`);
  if (cached) return cached.times.map((time, i) => ({ time, value: cached.values[i]! }));
  const pass = await scenePass(input, info, span, options);
  await storeMotion(options.cache, info, span, pass.motion);
  return pass.motion;
}
