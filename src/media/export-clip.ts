/**
 * Cuts one span of a video into its own file: what `--export-clip out.mp4` does with an answer's span.
 * The default re-encodes (H.264 + AAC) so the cut starts on the exact frame a player shows at the
 * span's start; `copy` keeps the streams as they are, which is instant but can only start on a keyframe.
 * The argument builder is pure and tested on the exact command line; the runner goes through
 * runMediaTool and reports progress from ffmpeg's `-progress` output.
 */

import { ConfigError } from '../core/errors.js';
import { StageProgress, type ProgressReporter } from '../core/progress.js';
import type { TimeSpan } from '../core/time.js';
import { runMediaTool } from './run-media-tool.js';

export type ExportClipMode =
  /** Decode and re-encode: frame-accurate start, upright (rotation applied). */
  | 'reencode'
  /** Stream copy: no decoding, but the clip starts at the keyframe at or before the span's start. */
  | 'copy';

export interface ExportClipOptions {
  mode?: ExportClipMode;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
}

/** Seconds as ffmpeg reads them, to the millisecond. */
function seconds(value: number): string {
  return value.toFixed(3);
}

/**
 * Pure: the ffmpeg command line that writes `span` of `input` to `output`. The seek is an input option,
 * which ffmpeg measures from the container's start time, i.e. on the presentation timeline reelm uses.
 * @example buildExportClipArgs('talk.mp4', 'answer.mp4', { start: 83.4, end: 90 })
 */
export function buildExportClipArgs(input: string, output: string, span: TimeSpan, mode: ExportClipMode = 'reencode'): string[] {
  const codecs =
    mode === 'copy'
      ? ['-c', 'copy', '-avoid_negative_ts', 'make_zero']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k'];
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-progress', 'pipe:2', '-y',
    '-ss', seconds(span.start), '-t', seconds(span.end - span.start),
    '-i', input,
    // The first video and audio streams when present; subtitles and data streams stay out of the clip.
    '-map', '0:v:0?', '-map', '0:a:0?', '-sn', '-dn',
    ...codecs,
    '-movflags', '+faststart',
    output,
  ];
}

const progressPattern = /^out_time_us=(\d+)/;

/**
 * Writes `span` of `input` to `output` (an .mp4, .mov, .mkv or .webm file).
 * @example await exportClip('talk.mp4', { start: 83.4, end: 90 }, 'answer.mp4', { signal });
 */
export async function exportClip(input: string, span: TimeSpan, output: string, options: ExportClipOptions = {}): Promise<{ output: string; span: TimeSpan }> {
  if (!(span.start >= 0) || !(span.end > span.start)) {
    throw new ConfigError(`span ${span.start}-${span.end}`, 'is not a span of the video; a clip needs 0 ≤ start < end (in seconds).');
  }
  const length = span.end - span.start;
  const progress = new StageProgress('export clip', length, options.onProgress);
  await runMediaTool('ffmpeg', buildExportClipArgs(input, output, span, options.mode), {
    signal: options.signal,
    onStderrLine: (line) => {
      const position = progressPattern.exec(line);
      if (position) progress.update(Math.min(length, Number(position[1]) / 1e6));
    },
  });
  progress.finish();
  return { output, span };
}
