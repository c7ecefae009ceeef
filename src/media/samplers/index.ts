/**
 * The sampler registry: a frozen table keyed by id. Higher layers look samplers up by name (the CLI's
 * `--sampler`, the planner's strategies) and never branch on the name themselves.
 */

import { ConfigError } from '../../core/errors.js';
import { clampSpan, type TimeSpan } from '../../core/time.js';
import type { VideoInfo } from '../video-info.js';
import { dedupSampler } from './dedup.js';
import { fpsSampler } from './fps.js';
import { frameIndexSampler } from './frame-index.js';
import { keyframesSampler } from './keyframes.js';
import type { SampleContext, SampledTime, Sampler } from './sampler.js';
import { scenesSampler } from './scenes.js';
import { segmentMiddleSampler } from './segment-middle.js';
import { transientsSampler } from './transients.js';
import { uniformSampler } from './uniform.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own options type
export const samplers = Object.freeze({
  uniform: uniformSampler,
  'frame-index': frameIndexSampler,
  fps: fpsSampler,
  'segment-middle': segmentMiddleSampler,
  keyframes: keyframesSampler,
  scenes: scenesSampler,
  dedup: dedupSampler,
  transients: transientsSampler,
} as const satisfies Record<string, Sampler<any>>);

export type SamplerId = keyof typeof samplers;

export function isSamplerId(id: string): id is SamplerId {
  return Object.hasOwn(samplers, id);
}

export function getSampler(id: string): Sampler<unknown> {
  if (!isSamplerId(id)) {
    throw new ConfigError('flag --sampler', `unknown sampler "${id}"; choose one of ${Object.keys(samplers).join(', ')}.`);
  }
  return samplers[id] as Sampler<unknown>;
}

/**
 * Runs a sampler by id over a probed video, validating its options; the span defaults to the whole video.
 * @example const times = await sampleTimes('uniform', { count: 8 }, { input: 'a.mp4', info });
 */
export async function sampleTimes(
  id: string,
  rawOptions: unknown,
  context: Omit<SampleContext, 'span'> & { span?: TimeSpan; info: VideoInfo },
): Promise<SampledTime[]> {
  const sampler = getSampler(id);
  const parsed = sampler.options.safeParse(rawOptions ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`sampler ${id}`, `option ${issue.path.join('.') || '(options)'}: ${issue.message}`);
  }
  const whole = { start: 0, end: context.info.duration };
  const span = context.span ? clampSpan(context.span, context.info.duration) : whole;
  if (!span) {
    throw new ConfigError('flag --span', `the span lies outside the video (0–${context.info.duration.toFixed(2)} s).`);
  }
  return sampler.sample({ ...context, span }, parsed.data);
}

export type { SampleContext, SampledTime, Sampler } from './sampler.js';
