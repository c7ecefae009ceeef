/**
 * `packed`: evenly spread frames at the size `uniform` would choose, but when the image cap runs out
 * before the visual-token limit, the tokens left over buy more moments: some images carry two frames
 * side by side (a 2×1 labelled grid of frames at the same size, so every frame stays exactly as
 * readable as a single one). The split between single frames and pairs is the one that shows the most
 * frames within both limits. `auto` picks it when a token or money budget is set and the image cap
 * binds first.
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { fitImages } from '../fit-frames.js';
import { inputUsd } from '../budget-limits.js';
import type { PlannedFrame, PlannedGrid, PlannedItem } from '../visual-plan.js';
import { usefulFrameCount } from './frame-strategy.js';
import type { PlanContext, PlanStrategy, StrategyResult } from './strategy.js';
import { uniformStrategy } from './uniform.js';

export interface PackedSplit {
  singles: number;
  pairs: number;
  frameWidth: number;
  frameHeight: number;
  frameTokens: number;
  pairTokens: number;
}

/** The split of singles and pairs showing the most frames, or undefined when pairs add none. */
export function choosePackedSplit(context: PlanContext): PackedSplit | undefined {
  const { profile, limits } = context;
  const video = context.info.video;
  const wanted = usefulFrameCount(context);
  const fit = fitImages(profile, limits, { wanted, sourceWidth: video?.width ?? 640, sourceHeight: video?.height ?? 360 });
  if (!fit || fit.binding !== 'images' || !Number.isFinite(limits.visualTokens)) return undefined;
  const frameTokens = fit.tokensEach;
  const pairTokens = profile.imageTokens(fit.width * 2, fit.height);
  const fits = (singles: number, pairs: number): boolean => {
    const tokens = singles * frameTokens + pairs * pairTokens;
    return singles + pairs <= limits.images && tokens <= limits.visualTokens && (limits.usd === null || (inputUsd(profile, tokens) ?? 0) <= limits.usd + 1e-12);
  };
  let best: PackedSplit | undefined;
  for (let pairs = 1; pairs <= limits.images; pairs++) {
    let singles = limits.images - pairs;
    while (singles >= 0 && !fits(singles, pairs)) singles--;
    if (singles < 0) break;
    const frames = Math.min(wanted, singles + 2 * pairs);
    const bestFrames = best ? best.singles + 2 * best.pairs : fit.count;
    if (frames > bestFrames) best = { singles, pairs, frameWidth: fit.width, frameHeight: fit.height, frameTokens, pairTokens };
  }
  return best;
}

export const packedStrategy: PlanStrategy = {
  id: 'packed',
  description: 'Evenly spread frames; when the image cap binds first, pairs of same-size frames share an image so leftover tokens buy more moments.',
  scansVideo: false,
  async plan(context): Promise<StrategyResult> {
    const split = choosePackedSplit(context);
    if (!split) return uniformStrategy.plan(context);
    const count = Math.min(usefulFrameCount(context), split.singles + 2 * split.pairs);
    const times = (await sampleTimes('uniform', { count }, { input: context.input, info: context.info, span: context.span })).map((sample) => sample.time);
    // Pairs spread evenly among the singles, each pair two neighbouring moments.
    const images = Math.min(split.singles + split.pairs, times.length);
    const pairs = times.length - images;
    const items: PlannedItem[] = [];
    let index = 0;
    for (let image = 0; image < images; image++) {
      const pairHere = Math.floor(((image + 1) * pairs) / images) > Math.floor((image * pairs) / images);
      if (pairHere) {
        const grid: PlannedGrid = {
          kind: 'grid', times: [times[index]!, times[index + 1]!], cols: 2, rows: 1,
          tileWidth: split.frameWidth, tileHeight: split.frameHeight, width: split.frameWidth * 2, height: split.frameHeight, tokens: split.pairTokens,
        };
        items.push(grid);
        index += 2;
      } else {
        const frame: PlannedFrame = { kind: 'frame', time: times[index]!, width: split.frameWidth, height: split.frameHeight, tokens: split.frameTokens };
        items.push(frame);
        index += 1;
      }
    }
    return { items, binding: 'visual-tokens', shortfallReason: 'image sizes come in steps; a pair costs twice a frame' };
  },
};
