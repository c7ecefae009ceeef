/**
 * One audio decode for both audio analyzers. Loudness (`ebur128`) and silence (`silencedetect`) read the
 * same samples of the same span; decoding them twice doubles the cost for nothing. `ebur128` passes its
 * input through unchanged (as double-precision samples, which `silencedetect` reads at the same values),
 * so one filter chain `ebur128,silencedetect=…` logs both, and each analyzer parses its own lines.
 * The ingest runs the span analyzers unit by unit, the audio ones one after the other on the same span,
 * so a pass is kept for the few spans asked for most recently (and shared while it runs): the second
 * analyzer finds the first one's log instead of decoding again. Passes differ by video, span and the
 * silence settings, which are part of the filter chain.
 */

import { AbortedError } from '../../core/errors.js';
import type { TimeSpan } from '../../core/time.js';
import { runMediaTool } from '../../media/run-media-tool.js';
import { spanInputArgs } from './media-streams.js';

export interface AudioPassSilenceSettings {
  noiseDb: number;
  minDuration: number;
}

/** Pure: the ffmpeg arguments that log `ebur128` blocks and `silencedetect` events for the audio stream over a span. */
export function buildAudioPassArgs(input: string, audioStreamIndex: number, span: TimeSpan, silence: AudioPassSilenceSettings): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'info', '-nostats',
    ...spanInputArgs(span.start, span.end),
    '-i', input,
    '-map', `0:${audioStreamIndex}`, '-vn', '-sn', '-dn',
    '-af', `ebur128,silencedetect=noise=${silence.noiseDb}dB:d=${silence.minDuration}`,
    '-f', 'null', '-',
  ];
}

/** How many recent passes are kept: the analyzers of one span ask within moments of each other. */
const keptPasses = 4;
const recentPasses = new Map<string, Promise<readonly string[]>>();

/**
 * The stderr lines of the audio pass over `span`, from a recent or running pass when there is one.
 * A failed or cancelled pass is not kept; one cancelled by the caller that started it is run again for a
 * caller whose own signal is not aborted.
 */
export async function audioPassLines(
  input: string,
  contentHash: string,
  audioStreamIndex: number,
  span: TimeSpan,
  silence: AudioPassSilenceSettings,
  signal?: AbortSignal,
): Promise<readonly string[]> {
  const key = `${contentHash}|${audioStreamIndex}|${span.start}|${span.end}|${silence.noiseDb}|${silence.minDuration}`;
  for (;;) {
    const kept = recentPasses.get(key);
    if (!kept) break;
    try {
      return await kept;
    } catch (error) {
      if (!AbortedError.isInstance(error) || signal?.aborted) throw error;
    }
  }
  const lines: string[] = [];
  const pass = runMediaTool('ffmpeg', buildAudioPassArgs(input, audioStreamIndex, span, silence), {
    signal,
    onStderrLine: (line) => lines.push(line),
  }).then(() => lines as readonly string[]);
  recentPasses.set(key, pass);
  pass.catch(() => recentPasses.delete(key));
  while (recentPasses.size > keptPasses) recentPasses.delete(recentPasses.keys().next().value!);
  return pass;
}
