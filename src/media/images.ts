/**
 * Image encoding and resizing for frames and storyboards, on sharp (libvips): raw pixels from the
 * decoder become JPEG, PNG or WebP here, and encoded images are resized keeping their aspect.
 *
 * sharp is loaded on first use: loading it (libvips and its bindings) takes tens of milliseconds,
 * which a request for raw frames never needs and an encoding request can overlap with decoding.
 */

import type { Sharp } from 'sharp';

type SharpFactory = (typeof import('sharp'))['default'];
let sharpLoading: Promise<SharpFactory> | undefined;

/** Starts loading sharp (once) and resolves with it; call early to overlap the load with other work. */
export function loadSharp(): Promise<SharpFactory> {
  sharpLoading ??= import('sharp').then((module) => module.default);
  return sharpLoading!;
}

export type EncodedImageFormat = 'jpeg' | 'png' | 'webp';
export type ImageFormat = EncodedImageFormat | 'rgb' | 'gray';

export interface EncodeOptions {
  format: EncodedImageFormat;
  /** 1–100 for JPEG and WebP. */
  quality?: number;
}

export function mimeTypeOf(format: EncodedImageFormat): string {
  return format === 'jpeg' ? 'image/jpeg' : format === 'png' ? 'image/png' : 'image/webp';
}

function withFormat(image: Sharp, options: EncodeOptions): Sharp {
  const quality = options.quality ?? 85;
  if (options.format === 'jpeg') return image.jpeg({ quality, mozjpeg: false });
  if (options.format === 'webp') return image.webp({ quality });
  return image.png({ compressionLevel: 6 });
}

/** Encodes raw RGB (3 channels) or gray (1 channel) pixels. */
export async function encodeRawImage(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: 1 | 3,
  options: EncodeOptions,
): Promise<Buffer> {
  const sharp = await loadSharp();
  return withFormat(sharp(pixels, { raw: { width, height, channels } }), options).toBuffer();
}

/** The size that fits `maxSide` on the longer side, keeping aspect and never enlarging. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Resizes an encoded image so its longer side is at most `maxSide`, and re-encodes it. */
export async function resizeImage(image: Uint8Array, maxSide: number, options: EncodeOptions): Promise<Buffer> {
  const sharp = await loadSharp();
  return withFormat(sharp(image).resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true }), options).toBuffer();
}
