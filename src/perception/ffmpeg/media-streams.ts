/**
 * What the span analyzers need to know about a video before running ffmpeg: whether it has the stream
 * they read (no audio means no loudness signals, not an error) and its index. From `probe`, which is
 * cached by content hash, so asking for every unit costs a lookup.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import type { TimeSpan } from '../../core/time.js';
import { probe } from '../../media/probe.js';
import type { VideoInfo } from '../../media/video-info.js';

export interface StreamLookupOptions {
  signal?: AbortSignal;
  cache?: ArtifactCache | null;
}

/** The probed video. */
export function probeForAnalyzer(video: string, options: StreamLookupOptions): Promise<VideoInfo> {
  return probe(video, { signal: options.signal, cache: options.cache });
}

/** The index of the first audio stream, or undefined when the file has none. */
export function firstAudioStream(info: VideoInfo): number | undefined {
  return info.streams.find((stream) => stream.type === 'audio')?.index;
}

/**
 * What an audio analyzer reads for one unit: the probed video, its first audio stream and the unit's
 * span clipped to the duration; undefined when there is nothing to hear (no audio stream, or a span past
 * the end), which means no signals rather than an error.
 */
export async function audioSpanOf(
  context: { video: string; span: TimeSpan; signal?: AbortSignal },
  cache: ArtifactCache | null | undefined,
): Promise<{ info: VideoInfo; audio: number; span: TimeSpan } | undefined> {
  throwIfAborted(context.signal);
  const info = await probeForAnalyzer(context.video, { signal: context.signal, cache });
  const audio = firstAudioStream(info);
  const span = { start: context.span.start, end: Math.min(context.span.end, info.duration) };
  if (audio === undefined || span.end <= span.start) return undefined;
  return { info, audio, span };
}

/** The `-ss … -t …` pair that limits ffmpeg's input to a span (input seek: filter time starts at 0 there). */
export function spanInputArgs(start: number, end: number): string[] {
  return ['-ss', start.toFixed(6), '-t', Math.max(0, end - start).toFixed(6)];
}
