/**
 * An embedder double at the model boundary, named as such: an 8-bin colour signature of an image
 * (coarse RGB cube, pixel fractions, unit length) and, for text, the signature of the colour words it
 * names, so "red" lands nearest the red frames. Real work on the bytes it receives, in a space small
 * enough for tests.
 */

import sharp from 'sharp';
import type { Embedder } from '../../../src/models/embedder.js';

const colourBins: Record<string, number> = { black: 0, blue: 1, green: 2, cyan: 3, red: 4, magenta: 5, yellow: 6, white: 7 };

function unit(vector: Float32Array): Float32Array {
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

export function createColourEmbedderDouble(): Embedder {
  return {
    id: 'test:colour-signature-double',
    dimensions: 8,
    async embedImages(images) {
      return Promise.all(images.map(async (image) => {
        const pixels = await sharp(image).removeAlpha().resize(32, 32, { fit: 'fill' }).raw().toBuffer();
        const vector = new Float32Array(8);
        for (let p = 0; p < pixels.length; p += 3) {
          const bin = (pixels[p]! > 127 ? 4 : 0) + (pixels[p + 1]! > 127 ? 2 : 0) + (pixels[p + 2]! > 127 ? 1 : 0);
          vector[bin]! += 1;
        }
        return unit(vector);
      }));
    },
    async embedTexts(texts) {
      return texts.map((text) => {
        const vector = new Float32Array(8);
        for (const word of text.toLowerCase().split(/\W+/)) if (word in colourBins) vector[colourBins[word]!]! += 1;
        return unit(vector);
      });
    },
  };
}
