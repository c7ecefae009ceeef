/**
 * The shared path of `frames`, `storyboard` and `demo`: probe, choose times with the sampler the flags
 * name, decode the frames, with progress bars and cancellation wired in.
 */

import type { TimeSpan } from '../core/time.js';
import { parseSpan } from '../core/time.js';
import { decodeFrames } from '../media/decode/decode-frames.js';
import type { DecodeMode } from '../media/decode/decode-plan.js';
import type { Frame } from '../media/frame.js';
import type { EncodedImageFormat } from '../media/images.js';
import { probe } from '../media/probe.js';
import { sampleTimes } from '../media/samplers/index.js';
import type { VideoInfo } from '../media/video-info.js';
import { cliCache } from './cache.js';
import type { CommandContext } from './command.js';
import { createProgressRenderer } from './progress-bar.js';
import { readSamplingFlags } from './sampling-flags.js';

export interface SampledFrames {
  info: VideoInfo;
  frames: Frame[];
  warnings: string[];
  samplerId: string;
  mode: DecodeMode;
  decoder: string;
  span: TimeSpan;
}

export async function sampleAndDecode(
  video: string,
  options: Record<string, unknown>,
  context: CommandContext,
  output: { size: number; format: EncodedImageFormat; samplerDefaults?: Record<string, unknown> },
): Promise<SampledFrames> {
  const cache = cliCache(context);
  const onProgress = createProgressRenderer(context.stderr, !options.json);
  const choice = await readSamplingFlags(options, output.samplerDefaults ?? { count: 16 });
  const info = await probe(video, { signal: context.signal, cache });
  const span = choice.spanText ? parseSpan(choice.spanText, 'flag --span', info.duration) : { start: 0, end: info.duration };
  const sampled = await sampleTimes(choice.samplerId, choice.samplerOptions, { input: video, info, span, signal: context.signal, onProgress, cache });
  const mode = (options.mode as DecodeMode | undefined) ?? context.config.frames.mode;
  const result = await decodeFrames(
    video,
    sampled.map((sample) => sample.time),
    { mode, size: output.size, format: output.format, quality: context.config.frames.quality, concurrency: context.config.process.concurrency, signal: context.signal, onProgress, cache },
  );
  return { info, frames: result.frames, warnings: result.warnings, samplerId: choice.samplerId, mode, decoder: result.decoder, span };
}
