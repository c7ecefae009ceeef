/**
 * Frame: one decoded picture with the time it was asked for and the time actually delivered
 * (the contract of DESIGN.md). Frames come out upright and in presentation order.
 */

import type { ImageFormat } from './images.js';

export interface Frame {
  /** The time the caller asked for, seconds. */
  requestedTime: number;
  /** Presentation time of the frame delivered, seconds. */
  time: number;
  width: number;
  height: number;
  /** Encoded bytes (jpeg/png/webp) or raw pixels (rgb: 3 bytes per pixel, gray: 1). */
  image: Uint8Array;
  format: ImageFormat;
  /** True when the delivered frame is a keyframe. */
  keyframe?: boolean;
}
