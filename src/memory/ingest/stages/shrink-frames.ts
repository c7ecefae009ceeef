/**
 * Smaller copies of decoded RGB frames. Frame analyzers want different sizes (OCR 640 px, the object
 * detector 512 px); decoding a unit's frames from their keyframes once per size costs a full GOP decode
 * each time, while shrinking the largest decode in memory with sharp costs a few milliseconds a frame.
 */

import sharp from 'sharp';
import type { Frame } from '../../../media/frame.js';
import { fitWithin } from '../../../media/images.js';

/** Each raw RGB frame scaled to fit `maxSide` (never enlarged); other formats are refused. */
export async function shrinkRgbFrames(frames: readonly Frame[], maxSide: number): Promise<Frame[]> {
  return Promise.all(frames.map(async (frame): Promise<Frame> => {
    if (frame.format !== 'rgb') throw new TypeError(`shrinkRgbFrames takes rgb frames, got ${frame.format}`);
    const size = fitWithin(frame.width, frame.height, maxSide);
    if (size.width === frame.width && size.height === frame.height) return frame;
    const data = await sharp(frame.image, { raw: { width: frame.width, height: frame.height, channels: 3 } })
      .resize(size.width, size.height, { fit: 'fill' })
      .raw()
      .toBuffer();
    return { ...frame, image: new Uint8Array(data.buffer, data.byteOffset, data.length), width: size.width, height: size.height };
  }));
}
