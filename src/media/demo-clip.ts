/**
 * A short clip reelm makes itself, from ffmpeg's built-in sources, for `reelm demo` and first runs on a
 * machine with no video at hand: three visibly different shots (so scene detection has cuts to find),
 * a tone, and web-typical encoding (H.264 with B-frames, a 2-second GOP, no keyframes forced on cuts).
 */

import { runMediaTool } from './run-media-tool.js';

export interface DemoClipOptions {
  /** Seconds per shot. Default 4 (three shots: 12 s). */
  shotSeconds?: number;
  width?: number;
  height?: number;
  signal?: AbortSignal;
}

/** Pure: the ffmpeg command that renders the demo clip to `output`. */
export function buildDemoClipArgs(output: string, options: DemoClipOptions = {}): string[] {
  const seconds = options.shotSeconds ?? 4;
  const size = `${options.width ?? 640}x${options.height ?? 360}`;
  const rate = 30;
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
    '-f', 'lavfi', '-i', `smptehdbars=size=${size}:rate=${rate}:duration=${seconds}`,
    '-f', 'lavfi', '-i', `mandelbrot=size=${size}:rate=${rate}:end_scale=0.02`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${3 * seconds}`,
    '-filter_complex',
    `[2:v]trim=duration=${seconds},setpts=PTS-STARTPTS,format=yuv420p[m];` +
      `[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[a][b][m]concat=n=3:v=1:a=0[v]`,
    '-map', '[v]', '-map', '3:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-g', String(2 * rate), '-bf', '3', '-sc_threshold', '0',
    '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-shortest', '-movflags', '+faststart',
    output,
  ];
}

/** Renders the demo clip; resolves with its path. */
export async function generateDemoClip(output: string, options: DemoClipOptions = {}): Promise<string> {
  await runMediaTool('ffmpeg', buildDemoClipArgs(output, options), { signal: options.signal, timeoutMs: 120_000 });
  return output;
}
