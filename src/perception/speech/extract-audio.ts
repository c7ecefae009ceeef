/**
 * The audio of a span as a 16 kHz mono 16-bit WAV, the input every Whisper-family server accepts and
 * resamples to anyway: sending it small keeps uploads short (≈1.9 MB a minute); or as raw 32-bit float
 * samples for a model run in-process (Whisper in transformers.js reads Float32 PCM at 16 kHz). One ffmpeg
 * run per request, through the one process runner, output collected from stdout.
 */

import type { TimeSpan } from '../../core/time.js';
import { runMediaTool } from '../../media/run-media-tool.js';
import { spanInputArgs } from '../ffmpeg/media-streams.js';

export const transcriptionSampleRate = 16_000;

/** Pure: the ffmpeg arguments that write the span's audio as WAV to stdout. */
export function buildAudioExtractArgs(input: string, audioStreamIndex: number, span: TimeSpan): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats',
    ...spanInputArgs(span.start, span.end),
    '-i', input,
    '-map', `0:${audioStreamIndex}`, '-vn', '-sn', '-dn',
    '-ac', '1', '-ar', String(transcriptionSampleRate), '-c:a', 'pcm_s16le',
    '-f', 'wav', 'pipe:1',
  ];
}

/** The span's audio as WAV bytes. */
export async function extractAudioWav(input: string, audioStreamIndex: number, span: TimeSpan, signal?: AbortSignal): Promise<Uint8Array> {
  const { stdout } = await runMediaTool('ffmpeg', buildAudioExtractArgs(input, audioStreamIndex, span), { signal });
  return new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.length);
}

/** Pure: the ffmpeg arguments that write the span's audio as raw little-endian 32-bit float samples to stdout. */
export function buildAudioPcmArgs(input: string, audioStreamIndex: number, span: TimeSpan): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats',
    ...spanInputArgs(span.start, span.end),
    '-i', input,
    '-map', `0:${audioStreamIndex}`, '-vn', '-sn', '-dn',
    '-ac', '1', '-ar', String(transcriptionSampleRate), '-c:a', 'pcm_f32le',
    '-f', 'f32le', 'pipe:1',
  ];
}

/** The span's audio as 16 kHz mono Float32 samples (≈3.8 MB a minute). */
export async function extractAudioPcm(input: string, audioStreamIndex: number, span: TimeSpan, signal?: AbortSignal): Promise<Float32Array> {
  const { stdout } = await runMediaTool('ffmpeg', buildAudioPcmArgs(input, audioStreamIndex, span), { signal });
  // Copied into a buffer of its own: stdout's bytes need not sit at a 4-byte-aligned offset.
  const samples = new Float32Array(Math.floor(stdout.length / 4));
  new Uint8Array(samples.buffer).set(stdout.subarray(0, samples.length * 4));
  return samples;
}
