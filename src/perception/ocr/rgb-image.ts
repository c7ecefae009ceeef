/**
 * Raw RGB pixels, the one image form the OCR stages share: encoded inputs are decoded once with sharp,
 * then detection resizes the whole image and recognition crops lines out of the same pixels.
 */

import sharp from 'sharp';

/** Packed 8-bit RGB, row-major, 3 bytes a pixel. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** An axis-aligned box in pixels of the input image. */
export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decodes JPEG/PNG/WebP (or accepts raw RGB) into packed RGB; alpha is dropped, gray becomes RGB. */
export async function toRgbImage(image: Uint8Array | RgbImage): Promise<RgbImage> {
  if (!(image instanceof Uint8Array)) {
    if (image.data.length !== image.width * image.height * 3) {
      throw new RangeError(`raw image is ${image.data.length} bytes, expected ${image.width}×${image.height}×3`);
    }
    return image;
  }
  const { data, info } = await sharp(image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Resizes (part of) an RGB image to exactly `width`×`height` with bilinear-like filtering. */
export async function resizeRgb(image: RgbImage, width: number, height: number, region?: TextBox): Promise<Uint8Array> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  if (region) pipeline = pipeline.extract({ left: region.x, top: region.y, width: region.width, height: region.height });
  const data = await pipeline.resize(width, height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
