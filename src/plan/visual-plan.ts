/**
 * The visual plan: what evidence a question gets — which frames, which grids, at what size, or a native
 * video — with its estimated images, visual tokens and price. The plan is data: printable, cacheable,
 * and recorded with every answer so a result can be reproduced and audited.
 */

import type { TimeSpan } from '../core/time.js';

export interface VisualBudget {
  /** Tokens the visual evidence may use in total. */
  maxVisualTokens?: number;
  /** Images per request (on top of the model's own cap). */
  maxImages?: number;
  /** Money the visual evidence may cost, in US dollars (needs the model's prices). */
  maxUsd?: number;
  /** The least frames per second the evidence must cover; below it the plan warns and suggests memory mode. */
  minDensity?: number;
  /** The `fps` strategy's rate in frames per second (default 1). */
  fps?: number;
  /** The largest long side a frame is sent at (default 768 px); the source size always caps it. */
  maxImageSide?: number;
  /** The question, for question-guided selection. */
  question?: string;
  /**
   * Times an earlier request of the same task already showed; a searching strategy (`transients`) looks
   * elsewhere. Other strategies ignore it.
   */
  seenTimes?: number[];
  /** Only this part of the video. */
  span?: TimeSpan;
}

/** One frame sent as its own image. */
export interface PlannedFrame {
  kind: 'frame';
  time: number;
  /** The stretch this frame stands for (merged runs, shots), when the strategy knows it. */
  represents?: TimeSpan;
  width: number;
  height: number;
  tokens: number;
}

/** Several frames tiled into one labelled image. */
export interface PlannedGrid {
  kind: 'grid';
  times: number[];
  cols: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  width: number;
  height: number;
  tokens: number;
}

/** The video (or a span of it) sent natively for the provider to sample. */
export interface PlannedVideo {
  kind: 'video';
  span: TimeSpan;
  fps: number;
  frames: number;
  width: number;
  height: number;
  tokens: number;
}

export type PlannedItem = PlannedFrame | PlannedGrid | PlannedVideo;

/** Which limit stopped the plan from taking more. */
export type BindingLimit = 'images' | 'visual-tokens' | 'usd' | 'context' | 'distinct-frames' | 'strategy';

export interface VisualPlan {
  strategy: string;
  /** The model family whose costs were used. */
  family: string;
  span: TimeSpan;
  items: PlannedItem[];
  estimate: {
    images: number;
    /** Frames shown, counting every grid tile. */
    frames: number;
    visualTokens: number;
    usd: number | null;
    /** Frames per second of video covered. */
    density: number;
  };
  limits: {
    images: number;
    visualTokens: number;
    usd: number | null;
  };
  binding: BindingLimit;
  /** Fraction of the binding limit used (images, tokens or money), 0–1; null when no cap binds. */
  utilisation: number | null;
  warnings: string[];
}
