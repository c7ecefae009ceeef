/**
 * `thumbnail-and-sampling` (TS-LLaVA): one high-resolution grid of a few equidistant frames gives the
 * overview, and many small sampled frames give the detail in time. The thumbnail takes one image and
 * about a quarter of the tokens; the rest goes to small frames.
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { chooseStoryboardLayout } from '../../media/storyboard.js';
import { fitImages } from '../fit-frames.js';
import type { PlannedFrame, PlannedGrid } from '../visual-plan.js';
import { usefulFrameCount } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

const thumbnailTiles = 4;

export const thumbnailAndSamplingStrategy: PlanStrategy = {
  id: 'thumbnail-and-sampling',
  description: 'A high-resolution 2×2 thumbnail grid for the overview plus many small frames for time detail.',
  scansVideo: false,
  async plan(context) {
    const video = context.info.video;
    const aspect = (video?.width ?? 16) / (video?.height ?? 9);
    const { limits, profile } = context;
    // The thumbnail: the largest 2×2 grid within a quarter of the token limit (and one image).
    let thumbnail: PlannedGrid | undefined;
    for (let side = 1536; side >= 256 && !thumbnail; side -= 64) {
      const layout = chooseStoryboardLayout(thumbnailTiles, aspect, side, side);
      const width = layout.cols * layout.tileWidth;
      const height = layout.rows * layout.tileHeight;
      const tokens = profile.imageTokens(width, height);
      if (tokens <= limits.visualTokens / 4 && (limits.usd === null || !profile.prices || (tokens * profile.prices.inputUsdPerMillion) / 1e6 <= limits.usd / 4)) {
        thumbnail = { kind: 'grid', times: [], cols: layout.cols, rows: layout.rows, tileWidth: layout.tileWidth, tileHeight: layout.tileHeight, width, height, tokens };
      }
    }
    if (!thumbnail || limits.images < 2) {
      return { items: [], binding: limits.images < 2 ? 'images' : 'visual-tokens', shortfallReason: 'needs at least two images and room for a 256-px thumbnail grid; use uniform or grid' };
    }
    const overview = await sampleTimes('uniform', { count: thumbnailTiles }, { input: context.input, info: context.info, span: context.span });
    thumbnail.times = overview.map((sample) => sample.time);
    const rest = {
      ...limits,
      images: limits.images - 1,
      visualTokens: limits.visualTokens - thumbnail.tokens,
      usd: limits.usd === null ? null : limits.usd - ((thumbnail.tokens * (profile.prices?.inputUsdPerMillion ?? 0)) / 1e6),
    };
    const fit = fitImages(profile, rest, { wanted: usefulFrameCount(context), sourceWidth: video?.width ?? 640, sourceHeight: video?.height ?? 360, maxSide: 336 });
    if (!fit) return { items: [thumbnail], binding: 'visual-tokens', shortfallReason: 'no room for sampled frames after the thumbnail' };
    const times = await sampleTimes('uniform', { count: fit.count }, { input: context.input, info: context.info, span: context.span });
    const frames: PlannedFrame[] = times.map((sample) => ({ kind: 'frame', time: sample.time, width: fit.width, height: fit.height, tokens: fit.tokensEach }));
    return {
      items: [thumbnail, ...frames],
      binding: fit.binding,
      ...(fit.binding === 'strategy' ? { shortfallReason: 'the span is short: 2 frames per second is the most that adds information' } : {}),
    };
  },
};
