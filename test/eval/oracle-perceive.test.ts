/**
 * What the oracle sees in one image (src/eval/synth/oracle/perceive.ts), on pictures drawn here with
 * sharp, not by the generator: shapes of named colours over a two-tone noisy texture are found with
 * their colour, shape and centre; an object under 24 px is not seen; a light-on-dark text plate is a
 * text region, not an object; and a plain textured frame holds nothing.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { minVisiblePixels, perceiveImage, type RgbImage } from '../../src/eval/synth/oracle/perceive.js';

const width = 640, height = 360;

/** Stripes of two greens with per-pixel noise (seeded), under the given SVG shapes. */
async function draw(shapes: string, seed = 5): Promise<RgbImage> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const noise = ((state >>> 24) % 17) - 8;
      const stripe = Math.floor((x + y) / 40) % 2 === 0;
      const o = (y * width + x) * 3;
      pixels[o] = (stripe ? 70 : 95) + noise;
      pixels[o + 1] = (stripe ? 110 : 135) + noise;
      pixels[o + 2] = (stripe ? 80 : 100) + noise;
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`;
  const { data, info } = await sharp(pixels, { raw: { width, height, channels: 3 } }).composite([{ input: Buffer.from(svg) }]).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

test('shapes are found with colour, shape and centre; a 16-px dot is not seen; a text plate is text', async () => {
  const image = await draw([
    '<circle cx="100" cy="90" r="36" fill="#e02828"/>',
    '<rect x="250" y="50" width="80" height="80" fill="#2040e0"/>',
    '<polygon points="480,40 540,140 420,140" fill="#f0e020"/>',
    '<circle cx="600" cy="320" r="8" fill="#ffffff"/>',
    '<rect x="120" y="230" width="136" height="60" fill="#181818"/>',
    '<text x="128" y="277" font-family="DejaVu Sans" font-size="44" font-weight="bold" fill="#f4f4f4">7715</text>',
  ].join(''));
  const { objects, textRegions } = perceiveImage(image);
  const found = objects.map((o) => `${o.colour} ${o.shape}`).sort();
  assert.deepEqual(found, ['blue square', 'red circle', 'yellow triangle']);
  const circle = objects.find((o) => o.shape === 'circle')!;
  assert.ok(Math.abs(circle.x - 100) < 2 && Math.abs(circle.y - 90) < 2, `circle centre ${circle.x},${circle.y}`);
  assert.equal(textRegions.length, 1);
  const box = textRegions[0]!.box;
  assert.ok(box.x0 <= 122 && box.x1 >= 254 && box.y0 <= 232 && box.y1 >= 288, `text plate box ${JSON.stringify(box)}`);
  assert.equal(minVisiblePixels, 24);
});

test('a textured frame with nothing on it holds no objects and no text', async () => {
  const { objects, textRegions } = perceiveImage(await draw('', 9));
  assert.deepEqual(objects, []);
  assert.deepEqual(textRegions, []);
});
