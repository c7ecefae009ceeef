/**
 * The timed text that joins a task's evidence: subtitles from sidecar files and text subtitle streams
 * (the media engine parses them). The first track is used — sidecar files come first, so a file the
 * user placed beside the video wins over an embedded stream; others are named in a warning. Subtitles
 * that cannot be read become a warning, not a failed answer.
 */

import { ReelmError } from '../core/errors.js';
import { loadSubtitles } from '../media/subtitles/load-subtitles.js';
import type { VideoInfo } from '../media/video-info.js';
import type { TranscriptSource } from '../plan/evidence.js';
import type { TaskContext, TaskRequest } from './task.js';

export interface LoadedTranscript {
  transcript: TranscriptSource[];
  warnings: string[];
}

/**
 * Subtitles for the video unless the request turns them off (`subtitles: false`).
 * @example const { transcript } = await loadTranscript(info, request, context);
 */
export async function loadTranscript(info: VideoInfo, request: TaskRequest, context: TaskContext): Promise<LoadedTranscript> {
  if (request.subtitles === false) return { transcript: [], warnings: [] };
  try {
    const tracks = (await loadSubtitles(info.path, {
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.cache === undefined ? {} : { cache: context.cache }),
    })).filter((track) => track.cues.length > 0);
    const [first, ...others] = tracks;
    if (!first) return { transcript: [], warnings: [] };
    const warnings = others.length > 0 ? [`used subtitles from ${first.source}; also found ${others.map((track) => track.source).join(', ')}.`] : [];
    return { transcript: [{ source: 'subtitles', cues: first.cues }], warnings };
  } catch (error) {
    if (context.signal?.aborted) throw error;
    const reason = ReelmError.isInstance(error) || error instanceof Error ? error.message : String(error);
    return { transcript: [], warnings: [`subtitles could not be read and were left out: ${reason}`] };
  }
}
