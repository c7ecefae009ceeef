/**
 * Shot boundaries from ffmpeg's scene-change score (`select='gt(scene,T)'`), computed on a small
 * downscaled copy of each frame so a long video costs a decode and little else. Results are cached by
 * content hash, threshold and span. The process reports progress (`-progress`), so the watchdog keeps a
 * long, healthy pass alive.
 */

import type { ArtifactCache } from '../core/artifact-cache.js';
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

/** Pure: the ffmpeg arguments for scene detection over a span. */
export function buildSceneDetectArgs(input: string, streamIndex: number, span: TimeSpan, threshold: number): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'info', '-nostats',
    '-progress', 'pipe:2', '-stats_period', '0.5',
    '-ss', span.start.toFixed(6), '-t', (span.end - span.start).toFixed(6),
    '-i', input,
    '-map', `0:${streamIndex}`, '-an', '-sn',
    '-vf', `scale=160:-2,select='gt(scene\\,${threshold})',showinfo=checksum=0`,
    '-f', 'null', '-',
  ];
}

const cutPattern = /\[Parsed_showinfo_\d+ @ [^\]]+\].*\bpts_time:\s*(-?[\d.]+)/;
const progressPattern = /^out_time_us=(\d+)/;

/** Times (seconds, presentation timeline) where a new shot starts inside the span, ascending. */
export async function detectSceneCuts(input: string, info: VideoInfo, options: DetectScenesOptions = {}): Promise<number[]> {
  const video = info.video;
  if (!video) return [];
  const threshold = options.threshold ?? 0.3;
  const span = options.span ?? { start: 0, end: info.duration };
  const cacheKey = `scenes-v1|${threshold}|${span.start}|${span.end}`;
  const cached = await options.cache?.getJson<number[]>(info.contentHash, 'scenes', cacheKey);
  if (cached) return cached;

  const progress = new StageProgress('detect scenes', Math.round(span.end - span.start), options.onProgress);
  const cuts: number[] = [];
  await runMediaTool('ffmpeg', buildSceneDetectArgs(input, video.index, span, threshold), {
    signal: options.signal,
    onStderrLine: (line) => {
      const cut = cutPattern.exec(line);
      // With an input seek, filter time starts at 0 at the span start.
      if (cut) cuts.push(span.start + Number(cut[1]));
      const position = progressPattern.exec(line);
      if (position) progress.update(Math.min(span.end - span.start, Number(position[1]) / 1e6));
    },
  });
  progress.finish();
  const sorted = cuts.filter((time) => time > span.start && time < span.end).sort((a, b) => a - b);
  await options.cache?.putJson(info.contentHash, 'scenes', cacheKey, sorted);
  return sorted;
}
