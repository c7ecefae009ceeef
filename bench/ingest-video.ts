/**
 * Renders (and caches in bench/work/) the ingest benchmark's video from its script: one ffmpeg run per
 * scene writes a short segment (lavfi gradients with large words drawn by drawtext in DejaVu Sans Bold, or
 * a real clip from ../shared/media played forwards and backwards so it fills the scene without a jump),
 * then one encode joins the segments with the concat demuxer into H.264 with a fixed GOP and
 * `-sc_threshold 0`, so keyframes never sit on the cuts. The truth file is written beside the video.
 *
 * Run directly to build it: `node --import tsx bench/ingest-video.ts [--duration 3600] [--seed 1]`.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/core/atomic-file.js';
import { NotFoundError } from '../src/core/errors.js';
import { StageProgress, type ProgressReporter } from '../src/core/progress.js';
import { runMediaTool } from '../src/media/run-media-tool.js';
import { buildIngestScript, type IngestScene, type IngestVideoTruth } from './ingest-video-script.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const sharedMediaDir = path.resolve(benchDir, '../../shared/media');
/** Debian's fonts-dejavu-core, which scripts/ensure-ffmpeg.sh installs. */
export const defaultFontFile = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export interface IngestVideo {
  videoPath: string;
  truthPath: string;
  truth: IngestVideoTruth;
}

export interface EnsureIngestVideoOptions {
  durationSec: number;
  seed?: number;
  /** Frame size; default 1280×720 (tests render smaller). */
  width?: number;
  height?: number;
  /** Where videos are cached; default bench/work/ingest-video. */
  workDir?: string;
  mediaDir?: string;
  fontFile?: string;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
}

/** Text size and line spacing at 720 lines; other heights scale them. */
const fontSizeAt720 = 84;
const lineHeightAt720 = 120;

/** The video filter of a generated scene: a slowly moving two-colour gradient, with the words when it has any. */
function generatedSceneFilter(scene: Extract<IngestScene, { kind: 'text' | 'plain' }>, truth: IngestVideoTruth, fontFile: string): string {
  // Gradients are smooth, so rendering them small and scaling up costs a quarter of the time and looks the same.
  const small = { width: Math.max(16, Math.round(truth.width / 4)), height: Math.max(16, Math.round(truth.height / 4)) };
  const filters = [
    `gradients=s=${small.width}x${small.height}:r=${truth.fps}:c0=${scene.colors[0]}:c1=${scene.colors[1]}:x0=0:y0=0:x1=${small.width}:y1=${small.height}:speed=0.008:n=2`,
    `scale=${truth.width}:${truth.height}`,
  ];
  if (scene.kind === 'text') {
    const fontSize = Math.round((fontSizeAt720 * truth.height) / 720);
    const lineHeight = Math.round((lineHeightAt720 * truth.height) / 720);
    const top = Math.round((truth.height - scene.lines.length * lineHeight) / 2);
    scene.lines.forEach((words, index) => {
      filters.push(
        `drawtext=fontfile=${fontFile}:text='${words.join(' ')}':fontsize=${fontSize}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=16:x=(w-tw)/2:y=${top + index * lineHeight}`,
      );
    });
  }
  filters.push('format=yuv420p');
  return filters.join(',');
}

/**
 * A real clip as a scene: capped at 640×360 while it is held in memory, played forwards then backwards
 * (a turn, not a cut), looped to the scene's length, then fitted into the frame with black bars.
 */
function footageSceneFilter(scene: Extract<IngestScene, { kind: 'footage' }>, truth: IngestVideoTruth): string {
  const order = scene.reversedFirst ? '[backward][forward]' : '[forward][backward]';
  return [
    `[0:v]${scene.clipUntilSec === null ? '' : `trim=end=${scene.clipUntilSec},setpts=PTS-STARTPTS,`}fps=${truth.fps},scale=w='min(iw,640)':h='min(ih,360)':force_original_aspect_ratio=decrease,split[forward][copy]`,
    '[copy]reverse[backward]',
    `${order}concat=n=2:v=1:a=0,loop=loop=-1:size=32767,scale=w=${truth.width}:h=${truth.height}:force_original_aspect_ratio=decrease,` +
      `pad=${truth.width}:${truth.height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[video]`,
  ].join(';');
}

function audioInput(scene: IngestScene): string {
  return scene.toneHz === null ? 'anullsrc=r=48000:cl=mono' : `sine=frequency=${scene.toneHz}:sample_rate=48000`;
}

/** ffmpeg arguments for one scene's segment: near-lossless H.264 (only an intermediate) and PCM audio, exact length. */
export function sceneSegmentArgs(scene: IngestScene, truth: IngestVideoTruth, options: { mediaDir: string; fontFile: string; output: string }): string[] {
  const duration = (scene.span.end - scene.span.start).toFixed(3);
  const encode = ['-t', duration, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-c:a', 'pcm_s16le', '-f', 'matroska', options.output];
  if (scene.kind === 'footage') {
    return [
      '-v', 'error', '-y', '-i', path.join(options.mediaDir, scene.clip), '-f', 'lavfi', '-i', audioInput(scene),
      '-filter_complex', footageSceneFilter(scene, truth), '-map', '[video]', '-map', '1:a', ...encode,
    ];
  }
  return ['-v', 'error', '-y', '-f', 'lavfi', '-i', generatedSceneFilter(scene, truth, options.fontFile), '-f', 'lavfi', '-i', audioInput(scene), ...encode];
}

/** ffmpeg arguments for the final encode: the segments joined, a keyframe every interval and never at a scene change. */
export function finalEncodeArgs(truth: IngestVideoTruth, listFile: string, output: string): string[] {
  const gop = String(Math.round(truth.keyframeIntervalSec * truth.fps));
  return [
    '-v', 'error', '-y', '-nostats', '-progress', 'pipe:2', '-f', 'concat', '-safe', '0', '-i', listFile,
    '-c:v', 'libx264', '-preset', 'superfast', '-crf', '23', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

async function mapConcurrent<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(workers);
}

/**
 * The benchmark video for a duration and seed, rendered once and then taken from the cache.
 * @example const { videoPath, truth } = await ensureIngestVideo({ durationSec: 180 });
 */
export async function ensureIngestVideo(options: EnsureIngestVideoOptions): Promise<IngestVideo> {
  const truth = buildIngestScript({
    seed: options.seed ?? 1,
    durationSec: options.durationSec,
    ...(options.width ? { width: options.width } : {}),
    ...(options.height ? { height: options.height } : {}),
  });
  const mediaDir = options.mediaDir ?? sharedMediaDir;
  const fontFile = options.fontFile ?? defaultFontFile;
  const key = createHash('sha256').update(JSON.stringify(truth)).digest('hex').slice(0, 12);
  const folder = path.join(options.workDir ?? path.join(benchDir, 'work', 'ingest-video'), `${truth.durationSec}s-seed${truth.seed}-${key}`);
  const videoPath = path.join(folder, 'video.mp4');
  const truthPath = path.join(folder, 'truth.json');
  if ((await exists(videoPath)) && (await exists(truthPath))) return { videoPath, truthPath, truth };

  if (!(await exists(fontFile))) throw new NotFoundError(fontFile, `${fontFile}: the font for on-screen words is missing; run bash scripts/ensure-ffmpeg.sh (installs fonts-dejavu-core) or pass fontFile.`);
  for (const clip of new Set(truth.footageSpans.map((span) => span.clip))) {
    const clipPath = path.join(mediaDir, clip);
    if (!(await exists(clipPath))) throw new NotFoundError(clipPath, `${clipPath}: a shared clip the benchmark shows is missing; point mediaDir at ../shared/media.`);
  }
  await fs.mkdir(folder, { recursive: true });

  const segmentsProgress = new StageProgress('scene segments', truth.scenes.length, options.onProgress);
  const segmentFiles = truth.scenes.map((_, index) => path.join(folder, `scene-${String(index).padStart(4, '0')}.mkv`));
  await mapConcurrent(truth.scenes, Math.max(1, Math.min(2, os.availableParallelism())), async (scene, index) => {
    const segment = segmentFiles[index]!;
    if (!(await exists(segment))) {
      const partial = `${segment}.partial`;
      await runMediaTool('ffmpeg', sceneSegmentArgs(scene, truth, { mediaDir, fontFile, output: partial }), { signal: options.signal, stallTimeoutMs: 120_000 });
      await fs.rename(partial, segment);
    }
    segmentsProgress.advance();
  });
  segmentsProgress.finish();

  const listFile = path.join(folder, 'segments.txt');
  await fs.writeFile(listFile, segmentFiles.map((file) => `file '${file.replaceAll("'", "'\\''")}'`).join('\n') + '\n');
  const encodeProgress = new StageProgress('encode', truth.durationSec, options.onProgress);
  const partialVideo = `${videoPath}.partial`;
  await runMediaTool('ffmpeg', finalEncodeArgs(truth, listFile, partialVideo), {
    signal: options.signal,
    onStderrLine: (line) => {
      const match = /^out_time_us=(\d+)/.exec(line);
      if (match) encodeProgress.update(Math.min(truth.durationSec, Number(match[1]) / 1e6));
    },
  });
  encodeProgress.finish();
  await fs.rename(partialVideo, videoPath);
  await writeFileAtomic(truthPath, JSON.stringify(truth, null, 2));
  // The segments are an intermediate; the final video and its truth are what the cache keeps.
  await Promise.all(segmentFiles.map((file) => fs.rm(file, { force: true })));
  return { videoPath, truthPath, truth };
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  return index >= 0 ? argv[index + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const durationSec = Number(flagValue(process.argv, '--duration') ?? 3600);
  const seed = Number(flagValue(process.argv, '--seed') ?? 1);
  const started = Date.now();
  const reported = new Map<string, number>();
  const result = await ensureIngestVideo({
    durationSec,
    seed,
    onProgress: (event) => {
      if (event.type !== 'progress' || !event.total) return;
      // A line per tenth of each stage: enough to watch a long render in a log.
      const tenth = Math.floor((event.done / event.total) * 10);
      if (tenth === reported.get(event.stage)) return;
      reported.set(event.stage, tenth);
      process.stderr.write(`${event.stage}: ${Math.round(event.done)}/${Math.round(event.total)}\n`);
    },
  });
  process.stdout.write(JSON.stringify({ videoPath: result.videoPath, truthPath: result.truthPath, scenes: result.truth.scenes.length, seconds: (Date.now() - started) / 1000 }) + '\n');
}
