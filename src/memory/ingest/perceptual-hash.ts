/**
 * A 64-bit difference hash (dHash) of a thumbnail: the picture shrunk to 9×8 gray, one bit per
 * horizontally adjacent pair (is the left pixel brighter?). Near-identical frames differ in few bits,
 * so the store can spot repeated pictures across a library by Hamming distance. Computed with sharp,
 * which the thumbnails already go through.
 */

import sharp from 'sharp';

/** The dHash of an encoded image as 16 hex digits. */
export async function differenceHash(image: Uint8Array): Promise<string> {
  const pixels = await sharp(image).greyscale().resize(9, 8, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
  let hex = '';
  for (let row = 0; row < 8; row++) {
    let byte = 0;
    for (let column = 0; column < 8; column++) {
      byte = (byte << 1) | (pixels[row * 9 + column]! > pixels[row * 9 + column + 1]! ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/** Bits that differ between two hashes (0–64). */
export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < a.length; i += 2) {
    let difference = Number.parseInt(a.slice(i, i + 2), 16) ^ Number.parseInt(b.slice(i, i + 2), 16);
    while (difference) {
      distance += difference & 1;
      difference >>= 1;
    }
  }
  return distance;
}
