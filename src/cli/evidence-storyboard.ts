/**
 * The evidence a model saw, as one labelled storyboard: the frames at the result's evidence times,
 * decoded again (from the frame cache when the task already decoded them) and tiled with their time
 * labels, so a person can check what the answer rests on. Used by `--storyboard`, `--html` and the demo.
 */

import type { ArtifactCache } from '../core/artifact-cache.js';
import type { ProgressReporter } from '../core/progress.js';
import { decodeFrames } from '../media/decode/decode-frames.js';
import type { EncodedImageFormat } from '../media/images.js';
import { renderStoryboard, type Storyboard } from '../media/storyboard.js';
import type { TaskResult } from '../tasks/task-result.js';

export interface EvidenceStoryboardOptions {
  format?: EncodedImageFormat;
  maxWidth?: number;
  maxHeight?: number;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  cache?: ArtifactCache | null;
}

/** Pure: the distinct evidence times in order (a grid and a frame may show the same moment). */
export function evidenceTimes(result: Pick<TaskResult, 'evidence'>): number[] {
  const seen = new Set<string>();
  const times: number[] = [];
  for (const { time } of [...result.evidence].sort((a, b) => a.time - b.time)) {
    const key = time.toFixed(3);
    if (seen.has(key)) continue;
    seen.add(key);
    times.push(time);
  }
  return times;
}

/**
 * Renders the storyboard of a result's evidence; undefined when the result has no evidence frames
 * (a text-only answer, or a video sent natively for the provider to sample).
 */
export async function renderEvidenceStoryboard(result: Pick<TaskResult, 'evidence' | 'video'>, options: EvidenceStoryboardOptions = {}): Promise<Storyboard | undefined> {
  const times = evidenceTimes(result);
  if (times.length === 0) return undefined;
  const maxWidth = options.maxWidth ?? 1536;
  const maxHeight = options.maxHeight ?? 1536;
  // Decode at about the tile size the sheet will use, not at full resolution.
  const size = Math.max(96, Math.ceil(Math.max(maxWidth, maxHeight) / Math.max(1, Math.floor(Math.sqrt(times.length)))));
  const { frames } = await decodeFrames(result.video, times, {
    size: Math.min(size, 768),
    format: 'jpeg',
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.cache !== undefined ? { cache: options.cache } : {}),
  });
  if (frames.length === 0) return undefined;
  return renderStoryboard(frames, { maxWidth, maxHeight, format: options.format ?? 'jpeg' });
}
