/**
 * The flags that choose which times to look at (`--sampler` and its options, `--span`), shared by
 * `frames` and `storyboard`, and their translation into a sampler call. A flag that the chosen sampler
 * does not take is an error that lists the flags it does take, never silently ignored.
 */

import type { OptionDeclaration } from './command.js';
import { positiveInteger, positiveNumber } from './parse-flags.js';

export const samplingOptions: OptionDeclaration[] = [
  { flags: '--sampler <name>', description: 'how to choose times: uniform, frame-index, fps, segment-middle, keyframes, scenes, dedup, transients', default: 'uniform' },
  { flags: '--count <n>', description: 'number of frames (uniform, frame-index, segment-middle; transients: at most)', parse: positiveInteger('--count') },
  { flags: '--fps <rate>', description: 'frames per second (fps; candidate rate for dedup, transients)', parse: positiveNumber('--fps') },
  { flags: '--max-frames <n>', description: 'cap on frames (fps, keyframes, scenes)', parse: positiveInteger('--max-frames') },
  { flags: '--include-last', description: 'uniform/frame-index: span start to end inclusive' },
  { flags: '--threshold <x>', description: 'scenes: cut score 0–1 (default 0.3); dedup: difference 0–255 (default 6)', parse: positiveNumber('--threshold') },
  { flags: '--frames-per-shot <n>', description: 'scenes: frames per shot (default 1)', parse: positiveInteger('--frames-per-shot') },
  { flags: '--span <start-end>', description: 'only this part, e.g. 00:01:00-00:02:30 or 60-150' },
  { flags: '--mode <mode>', description: 'exact: the frame a player shows; keyframe: nearest keyframe, fast (default: config frames.mode, exact)', choices: ['exact', 'keyframe'] },
];

/** Flag name → sampler option name. */
const samplerOptionFlags = {
  count: '--count',
  fps: '--fps',
  maxFrames: '--max-frames',
  includeLast: '--include-last',
  threshold: '--threshold',
  framesPerShot: '--frames-per-shot',
} as const;

export interface SamplingChoice {
  samplerId: string;
  samplerOptions: Record<string, unknown>;
  spanText: string | undefined;
}

/** Picks the sampler options out of the parsed flags, rejecting flags the sampler does not take. */
export async function readSamplingFlags(options: Record<string, unknown>, defaults: Record<string, unknown> = {}): Promise<SamplingChoice> {
  const { getSampler } = await import('../media/samplers/index.js');
  const { ConfigError } = await import('../core/errors.js');
  const samplerId = String(options.sampler ?? 'uniform');
  const sampler = getSampler(samplerId);
  const accepted = Object.keys((sampler.options as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const samplerOptions: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(samplerOptionFlags)) {
    const value = options[name];
    if (value === undefined) continue;
    if (!accepted.includes(name)) {
      const takes = accepted.map((key) => samplerOptionFlags[key as keyof typeof samplerOptionFlags]).filter(Boolean);
      throw new ConfigError(`flag ${flag}`, `does not apply to --sampler ${samplerId}; it takes ${takes.join(', ') || 'no options'}.`);
    }
    samplerOptions[name] = value;
  }
  for (const [name, value] of Object.entries(defaults)) {
    if (accepted.includes(name) && samplerOptions[name] === undefined) samplerOptions[name] = value;
  }
  return { samplerId, samplerOptions, spanText: options.span as string | undefined };
}
