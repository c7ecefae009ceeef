/**
 * What a task command writes besides its terminal answer: the evidence storyboard (`--storyboard`), the
 * HTML answer page with that storyboard inlined (`--html`), and a clip of the answer's first span
 * (`--export-clip`). Shared by the task commands and `reelm demo`.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ArtifactCache } from '../core/artifact-cache.js';
import type { ProgressReporter } from '../core/progress.js';
import type { TimeSpan } from '../core/time.js';
import { exportClip } from '../media/export-clip.js';
import type { EncodedImageFormat } from '../media/images.js';
import type { Storyboard } from '../media/storyboard.js';
import type { TaskResult } from '../tasks/task-result.js';
import { renderAnswerPage, videoUrlFor } from './answer-page.js';
import { renderEvidenceStoryboard } from './evidence-storyboard.js';

export interface AnswerFileRequest {
  storyboard?: { path: string; format: EncodedImageFormat };
  html?: string;
  exportClip?: string;
}

export interface AnswerFileOptions {
  /** The question, event or query, shown on the page. */
  query?: string;
  /** The video's duration, to keep a clip inside it. */
  duration: number;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  cache?: ArtifactCache | null;
}

export interface WrittenAnswerFiles {
  storyboard?: string;
  html?: string;
  clip?: { path: string; span: TimeSpan };
  /** Why a requested file was not written (e.g. the answer names no span to cut). */
  skipped: string[];
}

/** Pure: the span `--export-clip` cuts: the first span, at least a second long, inside the video. */
export function clipSpanFor(result: Pick<TaskResult, 'spans'>, duration: number): TimeSpan | undefined {
  const span = result.spans[0];
  if (!span) return undefined;
  let start = Math.max(0, span.start);
  let end = Math.min(duration, span.end);
  // A moment (or a sliver) becomes one second around it, so the clip shows something.
  if (end - start < 1) {
    const middle = (start + end) / 2;
    start = Math.max(0, Math.min(middle - 0.5, duration - 1));
    end = Math.min(duration, start + 1);
  }
  return end > start ? { start, end } : undefined;
}

async function writeFile(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, data);
}

/** Writes the requested files; each path in the result is absolute. */
export async function writeAnswerFiles(result: TaskResult, request: AnswerFileRequest, options: AnswerFileOptions): Promise<WrittenAnswerFiles> {
  const written: WrittenAnswerFiles = { skipped: [] };
  const common = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  let sheet: Storyboard | undefined;
  if (request.storyboard || request.html) {
    sheet = await renderEvidenceStoryboard(result, {
      format: request.storyboard?.format ?? 'jpeg',
      maxWidth: 1536,
      maxHeight: 1152,
      cache: options.cache,
      ...common,
    });
  }
  if (request.storyboard) {
    if (sheet) {
      await writeFile(request.storyboard.path, sheet.image);
      written.storyboard = request.storyboard.path;
    } else {
      written.skipped.push('--storyboard: the model was shown no frames (text only, or the video sent natively), so there is no storyboard.');
    }
  }
  if (request.html) {
    // The page inlines the sheet: as JPEG, whatever --storyboard asked for, to keep the page small.
    const pageSheet = sheet && sheet.format !== 'jpeg' ? { ...sheet, image: await sharp(sheet.image).jpeg({ quality: 85 }).toBuffer(), format: 'jpeg' as const } : sheet;
    const page = renderAnswerPage({
      result,
      videoUrl: videoUrlFor(request.html, result.video),
      ...(options.query !== undefined ? { query: options.query } : {}),
      ...(pageSheet ? { storyboard: pageSheet } : {}),
    });
    await writeFile(request.html, page);
    written.html = request.html;
  }
  if (request.exportClip) {
    const span = clipSpanFor(result, options.duration);
    if (span) {
      await fs.mkdir(path.dirname(request.exportClip), { recursive: true });
      await exportClip(result.video, span, request.exportClip, common);
      written.clip = { path: request.exportClip, span };
    } else {
      written.skipped.push('--export-clip: the answer names no span, so there is nothing to cut.');
    }
  }
  return written;
}
