/**
 * Offline OCR (src/perception/ocr) on the real PP-OCRv4 models: text rendered with sharp (DejaVu Sans,
 * light-on-dark and dark-on-light, over a noisy background, JPEG quality 75) must be read exactly
 * (case-insensitive) with boxes where it was drawn; a textless image reads as []; the labels burnt
 * into ../shared/media/ava_people.mp4 are found; the cache answers a repeated image without inference.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { detectionInputSize } from '../../src/perception/ocr/detect-text.js';
import { createTextRecognizer, recognizeCached, type RecognizedText, type TextRecognizer } from '../../src/perception/ocr/index.js';
import { ctcClasses, defaultOcrModelDir, ocrModelFiles } from '../../src/perception/ocr/ocr-models.js';
import { decodeCtcGreedy } from '../../src/perception/ocr/read-text-lines.js';
import { joinWithGaps } from '../../src/perception/ocr/word-gaps.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const avaClip = path.resolve(repoRoot, '../shared/media/ava_people.mp4');

interface Placed {
  text: string;
  /** Left edge and baseline of the text, pixels. */
  x: number;
  baseline: number;
  fontSize: number;
}

/** DejaVu Sans cap height and mean advance relative to the font size (approximate). */
const capRatio = 0.73;
const advanceRatio = 0.62;

/** Deterministic noise around a base grey level, so detection sees texture rather than a flat field. */
function noisyBackground(width: number, height: number, level: number, seed: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed >>> 0;
  for (let i = 0; i < width * height; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const blotch = 18 * Math.sin((i % width) / 23) * Math.cos(Math.floor(i / width) / 17);
    const value = level + blotch + ((state >>> 24) % 41) - 20;
    const v = Math.max(0, Math.min(255, Math.round(value)));
    pixels[i * 3] = v;
    pixels[i * 3 + 1] = Math.max(0, Math.min(255, v + 8));
    pixels[i * 3 + 2] = Math.max(0, Math.min(255, v - 6));
  }
  return pixels;
}

async function renderTextImage(texts: Placed[], options: { dark: boolean; width?: number; height?: number; seed?: number }): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const fill = options.dark ? '#f4f4f4' : '#1a1a1a';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    texts
      .map((t) => `<text x="${t.x}" y="${t.baseline}" font-family="DejaVu Sans" font-size="${t.fontSize}" fill="${fill}">${t.text}</text>`)
      .join('') +
    '</svg>';
  const background = noisyBackground(width, height, options.dark ? 45 : 205, options.seed ?? 7);
  return sharp(background, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 75 })
    .toBuffer();
}

function assertReadsAt(found: RecognizedText[], placed: Placed[]): void {
  for (const want of placed) {
    const line = found.find((f) => f.text.toLowerCase() === want.text.toLowerCase());
    assert.ok(line, `"${want.text}" not read; got ${JSON.stringify(found.map((f) => f.text))}`);
    const cap = want.fontSize * capRatio;
    const centerX = want.x + (want.text.length * want.fontSize * advanceRatio) / 2;
    const centerY = want.baseline - cap / 2;
    const { x, y, width, height } = line.box;
    assert.ok(Math.abs(x + width / 2 - centerX) < want.fontSize, `"${want.text}" box x ${x}+${width} far from ${centerX}`);
    assert.ok(Math.abs(y + height / 2 - centerY) < want.fontSize * 0.4, `"${want.text}" box y ${y}+${height} far from ${centerY}`);
    assert.ok(height >= cap * 0.8 && height <= want.fontSize * 2, `"${want.text}" box height ${height} for cap height ${cap}`);
    assert.ok(line.confidence > 0.5 && line.confidence <= 1);
  }
}

const lightOnDark: Placed[] = [
  { text: 'kettle', x: 40, baseline: 80, fontSize: 40 },
  { text: '7715', x: 360, baseline: 170, fontSize: 56 },
  { text: 'Exit 12', x: 80, baseline: 300, fontSize: 30 },
];
const darkOnLight: Placed[] = [
  { text: 'Exit 12', x: 300, baseline: 90, fontSize: 48 },
  { text: 'kettle', x: 30, baseline: 200, fontSize: 30 },
  { text: '7715', x: 420, baseline: 320, fontSize: 36 },
];

describe('OCR pre- and post-processing', () => {
  test('the CTC classes are blank, the 6623 dictionary lines, then a space: the 6625 outputs of PP-OCRv4 rec', async () => {
    const classes = ctcClasses(await fs.readFile(path.join(defaultOcrModelDir(), ocrModelFiles.dictionary), 'utf8'));
    assert.equal(classes.length, 6625);
    assert.equal(classes[0], '');
    assert.equal(classes.at(-1), ' ');
  });

  test('greedy CTC merges repeats, drops blanks and averages the kept probabilities', () => {
    const classes = ['', 'a', 'b', ' '];
    const best = [1, 1, 0, 1, 2, 3, 2]; // a a _ a b ␣ b → "aab b"
    const probs = new Float32Array(best.length * 4);
    best.forEach((k, t) => (probs[t * 4 + k] = 0.9));
    const line = decodeCtcGreedy(probs, best.length, 4, classes);
    assert.equal(line.text, 'aab b');
    assert.ok(Math.abs(line.confidence - 0.9) < 1e-6);
    assert.deepEqual(line.symbols.map((s) => s.step), [0, 3, 4, 5, 6]);
  });

  test('word gaps add a space only between symbols that straddle them', () => {
    const symbols = [...'Exit12'].map((text, i) => ({ text, step: i * 3 }));
    assert.equal(joinWithGaps(symbols, [10.5]), 'Exit 12');
    assert.equal(joinWithGaps(symbols, []), 'Exit12');
    assert.equal(joinWithGaps([{ text: 'a', step: 0 }, { text: ' ', step: 2 }, { text: 'b', step: 4 }], [1, 3]), 'a b');
  });

  test('the detector input is a multiple of 32, at most 960 on the long side, never enlarged', () => {
    assert.deepEqual(detectionInputSize(640, 360, 960), { width: 640, height: 352 });
    assert.deepEqual(detectionInputSize(1920, 1080, 960), { width: 960, height: 544 });
    assert.deepEqual(detectionInputSize(20, 10, 960), { width: 32, height: 32 });
  });
});

describe('createTextRecognizer (PP-OCRv4 on onnxruntime-node)', () => {
  let ocr: TextRecognizer;
  before(async () => {
    ocr = await createTextRecognizer();
  });
  after(async () => {
    await ocr.dispose();
  });

  test('reads light text on a dark noisy background, with boxes where it was drawn', async () => {
    assertReadsAt(await ocr.recognize(await renderTextImage(lightOnDark, { dark: true })), lightOnDark);
  });

  test('reads dark text on a light noisy background', async () => {
    assertReadsAt(await ocr.recognize(await renderTextImage(darkOnLight, { dark: false, seed: 11 })), darkOnLight);
  });

  test('reads raw RGB pixels and PNG the same as JPEG', async () => {
    const jpeg = await renderTextImage(lightOnDark, { dark: true });
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const fromRaw = await ocr.recognize({ data, width: info.width, height: info.height });
    const fromPng = await ocr.recognize(await sharp(jpeg).png().toBuffer());
    assertReadsAt(fromRaw, lightOnDark);
    assertReadsAt(fromPng, lightOnDark);
  });

  test('an image without text reads as []', async () => {
    assert.deepEqual(await ocr.recognize(await renderTextImage([], { dark: true, seed: 3 })), []);
    assert.deepEqual(await ocr.recognize(await renderTextImage([], { dark: false, seed: 5 })), []);
  });

  test('finds the labels burnt into real footage (ava_people.mp4 at 2 s)', async () => {
    const { frames } = await decodeFrames(avaClip, [2], { size: 640, format: 'png', cache: null });
    const frame = frames[0]!;
    const found = await ocr.recognize(frame.image);
    const texts = found.map((f) => f.text.toLowerCase());
    // The frame shows "sit: 0.5269073843955994" and "watch ...: 0.55…" labels on blue plates.
    assert.ok(texts.some((t) => /^(stand|sit|watch)\b/.test(t)), `no action label read; got ${JSON.stringify(texts)}`);
    assert.ok(texts.some((t) => /\d\.\d{4,}/.test(t)), `no score read; got ${JSON.stringify(texts)}`);
    for (const f of found) {
      assert.ok(f.box.x >= 0 && f.box.y >= 0 && f.box.x + f.box.width <= frame.width && f.box.y + f.box.height <= frame.height);
    }
  });

  test('timing per 640×360 frame', async (t) => {
    const image = await renderTextImage(lightOnDark, { dark: true, seed: 19 });
    await ocr.recognize(image);
    const runs = 3;
    const start = performance.now();
    for (let i = 0; i < runs; i++) await ocr.recognize(image);
    const perFrame = (performance.now() - start) / runs;
    t.diagnostic(`OCR: ${perFrame.toFixed(0)} ms per 640×360 frame (3 text lines), ${os.availableParallelism()} cores`);
    assert.ok(perFrame < 10_000);
  });

  test('a disposed recognizer refuses to run', async () => {
    const other = await createTextRecognizer();
    await other.dispose();
    await assert.rejects(other.recognize(await renderTextImage([], { dark: true })), RangeError);
  });
});

describe('recognizeCached', () => {
  test('a repeated image costs no second inference; a null cache always runs', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-ocr-cache-'));
    try {
      const cache = new ArtifactCache({ root });
      const ocr = await createTextRecognizer();
      let calls = 0;
      const counting: Pick<TextRecognizer, 'recognize' | 'modelKey'> = {
        modelKey: ocr.modelKey,
        recognize: (image, options) => ((calls += 1), ocr.recognize(image, options)),
      };
      const image = await renderTextImage(darkOnLight, { dark: false, seed: 23 });
      const first = await recognizeCached(counting, image, cache);
      const second = await recognizeCached(counting, image, cache);
      assert.equal(calls, 1);
      assert.deepEqual(second, first);
      assertReadsAt(second, darkOnLight);
      const otherImage = await renderTextImage(lightOnDark, { dark: true });
      await recognizeCached(counting, otherImage, cache);
      assert.equal(calls, 2);
      await recognizeCached(counting, image, null);
      await recognizeCached(counting, image, null);
      assert.equal(calls, 4);
      await ocr.dispose();
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
