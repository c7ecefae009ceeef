/**
 * `question-times`: frames evenly spread over the span, and every time the question names ("what is on
 * screen at 00:01:21.0?") seen up close — a zoom frame at the source's size where the budget affords it
 * (zoom-frames.ts), else the uniform sample nearest to it moves there — so a question about a moment
 * sees that moment however thin the spread is. `auto` picks it when the question names a time inside
 * the span.
 */

import { parseTime, type TimeSpan } from '../../core/time.js';
import { sampleTimes, type SampledTime } from '../../media/samplers/index.js';
import { maxUsefulDensity, planFrames, usefulFrameCount } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';
import { planZoomFrames } from './zoom-frames.js';

const clockInText = /(?<![\d:.])\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?![\d:])/g;

/**
 * The clock times a question names that lie inside the span, in order, without repeats.
 * @example timesNamedIn('What colour is the car at 00:01:21.0?', { start: 0, end: 600 }) // [81]
 */
export function timesNamedIn(question: string | undefined, span: TimeSpan): number[] {
  const times = (question?.match(clockInText) ?? []).map((text) => parseTime(text)).filter((time): time is number => time !== undefined && time >= span.start && time < span.end);
  return [...new Set(times)].sort((a, b) => a - b);
}

/** Moves, for each named time, the nearest still-unmoved sample onto it; the result stays in time order. */
export function anchorSamples(samples: readonly SampledTime[], named: readonly number[]): SampledTime[] {
  const result = samples.map((sample) => ({ ...sample }));
  const moved = new Set<number>();
  for (const time of named) {
    let best = -1;
    for (let i = 0; i < result.length; i++) {
      if (moved.has(i)) continue;
      if (best < 0 || Math.abs(result[i]!.time - time) < Math.abs(result[best]!.time - time)) best = i;
    }
    if (best < 0) break;
    result[best] = { time };
    moved.add(best);
  }
  return result.sort((a, b) => a.time - b.time);
}

const shortSpan = `the span is short: ${maxUsefulDensity} frames per second is the most that adds information`;

export const questionTimesStrategy: PlanStrategy = {
  id: 'question-times',
  description: 'Uniform frames, and every time the question names seen up close (or at least anchored).',
  scansVideo: false,
  async plan(context) {
    const named = timesNamedIn(context.budget.question, context.span);
    const uniformTimes = (count: number): Promise<SampledTime[]> => sampleTimes('uniform', { count }, { input: context.input, info: context.info, span: context.span });
    const zoom = planZoomFrames(context, named);
    if (zoom) {
      const coverage = await planFrames({ ...context, limits: zoom.remaining }, usefulFrameCount(context), uniformTimes, shortSpan);
      // A coverage frame would only repeat a zoom frame's moment at a smaller size.
      const items = [...zoom.frames, ...coverage.items.filter((item) => item.kind !== 'frame' || !named.includes(item.time))];
      return { ...coverage, items: items.sort((a, b) => (a.kind === 'frame' ? a.time : 0) - (b.kind === 'frame' ? b.time : 0)) };
    }
    return planFrames(context, usefulFrameCount(context), async (count) => anchorSamples(await uniformTimes(count), named), shortSpan);
  },
};
