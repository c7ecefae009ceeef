/**
 * `grid`: several frames per image (IG-VLM), for providers that charge per image or cap the image
 * count: frames are tiled into labelled grids, so a 4-image cap can still show 36 moments. The search
 * tries grid layouts and sizes and keeps the one that shows the most frames (up to what is useful),
 * then the largest tiles.
 */

import { sampleTimes } from '../../media/samplers/index.js';
import { chooseStoryboardLayout } from '../../media/storyboard.js';
import { countWithinLimits, utilisationOf } from '../fit-frames.js';
import type { BindingLimit, PlannedGrid } from '../visual-plan.js';
import { usefulFrameCount } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

const tileCounts = [4, 6, 9, 12, 16] as const;

/** A layout the search considered: one planned grid's shape and cost, and how many of them fit. */
export interface GridChoice extends Omit<PlannedGrid, 'kind' | 'times'> {
  tilesPerGrid: number;
  grids: number;
  binding: BindingLimit;
}

export const gridStrategy: PlanStrategy = {
  id: 'grid',
  description: 'Frames tiled into labelled grids, several per image, when images are capped or priced each.',
  scansVideo: false,
  async plan(context) {
    const video = context.info.video;
    const aspect = (video?.width ?? 16) / (video?.height ?? 9);
    const wanted = usefulFrameCount(context);
    let best: GridChoice | undefined;
    for (const tiles of tileCounts) {
      for (let side = 384; side <= 1536; side += 64) {
        const layout = chooseStoryboardLayout(tiles, aspect, side, side);
        const width = layout.cols * layout.tileWidth;
        const height = layout.rows * layout.tileHeight;
        const tokens = context.profile.imageTokens(width, height);
        const allowed = countWithinLimits(tokens, context.limits, context.profile);
        const grids = Math.min(allowed.count, Math.ceil(wanted / tiles));
        if (grids < 1) continue;
        const frames = Math.min(grids * tiles, wanted);
        const choice: GridChoice = { tilesPerGrid: tiles, grids, ...layout, width, height, tokens, binding: grids < allowed.count ? 'strategy' : allowed.binding };
        const bestFrames = best ? Math.min(best.grids * best.tilesPerGrid, wanted) : -1;
        if (!best || frames > bestFrames || (frames === bestFrames && choice.tileWidth * choice.tileHeight > best.tileWidth * best.tileHeight)) best = choice;
      }
    }
    if (!best) return { items: [], binding: 'visual-tokens', shortfallReason: 'not even one 384-px grid fits the limits' };
    const frameCount = Math.min(best.grids * best.tilesPerGrid, wanted);
    const times = (await sampleTimes('uniform', { count: frameCount }, { input: context.input, info: context.info, span: context.span })).map((sample) => sample.time);
    const items: PlannedGrid[] = [];
    for (let start = 0; start < times.length; start += best.tilesPerGrid) {
      items.push({
        kind: 'grid',
        times: times.slice(start, start + best.tilesPerGrid),
        cols: best.cols,
        rows: best.rows,
        tileWidth: best.tileWidth,
        tileHeight: best.tileHeight,
        width: best.width,
        height: best.height,
        tokens: best.tokens,
      });
    }
    const utilisation = utilisationOf(items.length, best.tokens, best.binding, context.limits, context.profile);
    return {
      items,
      binding: best.binding,
      ...(best.binding === 'strategy' ? { shortfallReason: `${wanted} frames are all the span needs at 2 per second` } : {}),
      ...(utilisation !== null && utilisation < 0.8 && best.binding !== 'strategy' ? { shortfallReason: 'grid images come in whole sizes; a larger grid would exceed the limit' } : {}),
    };
  },
};
