/**
 * `merged`: redundancy merging (the outer-LLM merging of HoliTom-style methods). Runs of near-identical
 * frames collapse into one frame that stands for its run, so quiet stretches cost one image and busy
 * ones get many. Runs come from the media layer's `dedup` sampler; when there are more runs than the
 * budget allows, an even selection of runs is kept and each kept frame's span grows to cover the gap.
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { planFrames } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

export const mergedStrategy: PlanStrategy = {
  id: 'merged',
  description: 'Runs of near-identical frames merged into one frame each (scans the video at 1 fps).',
  scansVideo: true,
  async plan(context) {
    const runs = await sampleTimes('dedup', { fps: 1, maxCandidates: 1800 }, {
      input: context.input, info: context.info, span: context.span, signal: context.signal, onProgress: context.onProgress, cache: context.cache,
    });
    return planFrames(
      context,
      runs.length,
      async (count) => {
        if (runs.length <= count) return runs;
        const kept = Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * runs.length) / count));
        return kept.map((runIndex, i) => ({
          time: runs[runIndex]!.time,
          represents: {
            start: i === 0 ? context.span.start : runs[Math.floor((kept[i - 1]! + runIndex) / 2) + 1]!.represents!.start,
            end: i === kept.length - 1 ? context.span.end : runs[Math.floor((runIndex + kept[i + 1]!) / 2)]!.represents!.end,
          },
        }));
      },
      `the span has only ${runs.length} distinct stretches; more frames would repeat them`,
    );
  },
};
