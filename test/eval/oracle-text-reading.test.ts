/**
 * How the oracle reads text regions (src/eval/synth/oracle/read-text-regions.ts), on the real PP-OCRv4
 * models: a text plate drawn with sharp over a noisy background is read; the same plate with fresh
 * noise is answered from the near-identical reuse without a model run; a different number on the same
 * plate is read afresh; and a new process (here: the cache file reopened) reads nothing twice.
 */

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { RgbImage } from '../../src/eval/synth/oracle/perceive.js';
import { openOcrCacheFile } from '../../src/perception/ocr/ocr-cache-file.js';

let dir = '';
let reading: typeof import('../../src/eval/synth/oracle/read-text-regions.js');

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-oracle-text-'));
  // The cache file is chosen once per process, on first use: set it before the module reads it.
  process.env.REELM_ORACLE_OCR_CACHE = path.join(dir, 'ocr.jsonl');
  reading = await import('../../src/eval/synth/oracle/read-text-regions.js');
});

/** A 640×360 frame: grey noise (seeded) with a dark plate at (200,140)–(440,220) holding `text` in white. */
async function frameWithPlate(text: string, seed: number): Promise<RgbImage> {
  const width = 640, height = 360;
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed >>> 0;
  for (let i = 0; i < pixels.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    pixels[i] = 120 + ((state >>> 24) % 25);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="200" y="140" width="240" height="80" fill="#202020"/>`
    + `<text x="232" y="197" font-family="DejaVu Sans" font-size="44" fill="#f0f0f0">${text}</text></svg>`;
  const { data, info } = await sharp(pixels, { raw: { width, height, channels: 3 } }).composite([{ input: Buffer.from(svg) }]).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // Mild per-pixel noise after drawing, as a video's compression leaves on every frame.
  let noise = (seed * 7919) >>> 0;
  for (let i = 0; i < data.length; i++) {
    noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
    data[i] = Math.max(0, Math.min(255, data[i]! + ((noise >>> 24) % 13) - 6));
  }
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

const plate = { x0: 200, y0: 140, x1: 439, y1: 219 };

test('a plate is read once; the same plate with new noise is reused; a changed number is read again', { timeout: 120_000 }, async () => {
  const stats = reading.textReadingStats;
  const first = await reading.readTextRegion(await frameWithPlate('4248', 1), plate);
  assert.deepEqual(first, ['4248']);
  assert.equal(stats.modelRuns, 1);

  const again = await reading.readTextRegion(await frameWithPlate('4248', 2), plate);
  assert.deepEqual(again, ['4248']);
  assert.equal(stats.modelRuns, 1, 'the same text under fresh noise must not run the models');
  assert.equal(stats.nearIdenticalHits, 1);

  const changed = await reading.readTextRegion(await frameWithPlate('4253', 3), plate);
  assert.deepEqual(changed, ['4253']);
  assert.equal(stats.modelRuns, 2, 'two changed digits on the same plate must be read again');

  await reading.flushTextReadingCache();
  const file = await openOcrCacheFile(path.join(dir, 'ocr.jsonl'));
  assert.equal(file.size, 2, 'each model run is kept on disk');
});

test('sameContent: overlapping boxes with a few changed pixels match; shifted or changed ones do not', () => {
  const width = 100, height = 40;
  const luma = new Uint8Array(width * height).map((_, i) => (i % 7) * 30);
  const base = { x0: 10, y0: 20, width, height, luma };
  const fewChanged = { ...base, luma: Uint8Array.from(luma, (v, i) => (i < 10 ? 255 - v : v)) };
  const manyChanged = { ...base, luma: Uint8Array.from(luma, (v, i) => (i % 50 === 0 ? 255 - v : v)) };
  assert.ok(reading.sameContent(base, fewChanged));
  assert.ok(!reading.sameContent(base, manyChanged));
  assert.ok(!reading.sameContent(base, { ...base, x0: 40 }), 'a box moved by 30 px overlaps by IoU < 0.9');
  assert.ok(!reading.sameContent(base, { ...base, x0: 500 }));
});
