/**
 * A decoded frame as the square RGB input a detector wants: the frame's pixels (encoded, raw RGB or
 * gray) are scaled with sharp either to fill the square (`stretch`, the whole input used, aspect lost)
 * or to fit inside it keeping aspect and padded with black (`letterbox`). The placement says where the
 * frame landed, so boxes map back to fractions of the frame exactly.
 */

import { MediaError } from '../../core/errors.js';
import type { Frame } from '../../media/frame.js';
import { loadSharp } from '../../media/images.js';
import type { InputPlacement } from './decode-centernet.js';

export type InputFit = 'stretch' | 'letterbox';

/** Where a `width`×`height` frame lands in a square input of side `inputSize`. */
export function placeInInput(width: number, height: number, inputSize: number, fit: InputFit): InputPlacement {
  if (fit === 'stretch') return { inputSize, left: 0, top: 0, width: inputSize, height: inputSize };
  const scale = inputSize / Math.max(width, height);
  const contentWidth = Math.max(1, Math.round(width * scale));
  const contentHeight = Math.max(1, Math.round(height * scale));
  const left = Math.floor((inputSize - contentWidth) / 2);
  const top = Math.floor((inputSize - contentHeight) / 2);
  return { inputSize, left, top, width: contentWidth, height: contentHeight };
}

/** Packed RGB pixels of the square input, and where the frame sits in it. */
export async function frameToSquareRgb(
  frame: Frame,
  inputSize: number,
  fit: InputFit,
): Promise<{ pixels: Uint8Array; placement: InputPlacement }> {
  const sharp = await loadSharp();
  const channels = frame.format === 'rgb' ? 3 : frame.format === 'gray' ? 1 : undefined;
  if (channels !== undefined && frame.image.length !== frame.width * frame.height * channels) {
    throw new MediaError(
      `frame at ${frame.time}s`,
      'unreadable',
      `holds ${frame.image.length} bytes, not ${frame.width}×${frame.height}×${channels}; decode it again with decodeFrames.`,
    );
  }
  const source = channels === undefined ? sharp(frame.image) : sharp(frame.image, { raw: { width: frame.width, height: frame.height, channels } });
  const placement = placeInInput(frame.width, frame.height, inputSize, fit);
  const pipeline = source
    .removeAlpha()
    .toColourspace('srgb')
    .resize(placement.width, placement.height, { fit: 'fill', kernel: 'linear' })
    .extend({
      top: placement.top,
      left: placement.left,
      bottom: inputSize - placement.height - placement.top,
      right: inputSize - placement.width - placement.left,
      background: { r: 0, g: 0, b: 0 },
    });
  const data = await pipeline.raw().toBuffer();
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length), placement };
}
