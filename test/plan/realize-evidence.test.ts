/**
 * realizePlan on a generated clip (the media catalog's frame-coded `constant-fps` case, 320×240 at
 * 25 fps): planned frames arrive at their planned size showing the frame of their time (read back from
 * the frame code in the pixels), grids arrive at their planned size with each tile's time burned in,
 * a mixed plan is served by one decode, and a native-video plan becomes a VideoPart.
 */

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { AbortedError } from '../../src/core/errors.js';
import type { ProgressEvent } from '../../src/core/progress.js';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { probe } from '../../src/media/probe.js';
import type { VideoInfo } from '../../src/media/video-info.js';
import type { ModelProfile } from '../../src/models/profile.js';
import { isGridImage, type GridImagePart } from '../../src/plan/evidence.js';
import { planForVideo } from '../../src/plan/plan-visual-budget.js';
import { isVideoPart, realizePlan, realizePlanDetailed, videoMediaType } from '../../src/plan/realize-evidence.js';
import { catalogMedia } from '../support/media-catalog.js';
import { readFrameCode } from '../support/media-reference.js';

const fps = 25;
let info: VideoInfo;

before(async () => {
  info = await probe(await catalogMedia('constant-fps'), { cache: null });
});

function profile(overrides: Partial<ModelProfile> = {}): ModelProfile {
  return {
    family: 'test-flat', description: 'a flat 258 tokens per image (a test profile)', maxImagesPerRequest: 8, contextTokens: 32_000, maxOutputTokens: 1024,
    imageTokens: () => 258, effectiveImageSize: (width, height) => ({ width, height }),
    nativeVideo: null, supportsTools: false, supportsJson: false, supportsLogprobs: false, timestampStyle: 'hms',
    ...overrides,
  };
}

async function rawRgb(image: Uint8Array): Promise<{ image: Buffer; width: number; height: number }> {
  const { data, info: meta } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { image: data, width: meta.width, height: meta.height };
}

test('planned frames: one image per frame, at the planned size, showing the frame of its time', async () => {
  const plan = await planForVideo(info, { maxImages: 6 }, profile(), { strategy: 'uniform' });
  assert.equal(plan.items.length, 6);
  const evidence = await realizePlan(info, plan, { cache: null });
  assert.equal(evidence.length, 6);
  for (const [index, part] of evidence.entries()) {
    const item = plan.items[index]!;
    assert.ok(item.kind === 'frame' && part.type === 'image' && !isGridImage(part));
    assert.equal(part.mediaType, 'image/jpeg');
    assert.equal(part.width, item.width);
    assert.equal(part.height, item.height);
    const pixels = await rawRgb(part.image);
    assert.deepEqual([pixels.width, pixels.height], [item.width, item.height]);
    // The time is the delivered frame's, within one frame of the plan's, and the pixels show that frame.
    assert.ok(Math.abs(part.time! - item.time) <= 1 / fps + 1e-6, `${part.time} vs ${item.time}`);
    assert.equal(readFrameCode(pixels, 16), Math.round(part.time! * fps));
  }
});

test('planned grids: one labelled image per grid at the planned size, tile times from the delivered frames', async () => {
  const plan = await planForVideo(info, { maxImages: 2 }, profile({ maxImagesPerRequest: 2 }), { strategy: 'grid' });
  const grids = plan.items.filter((item) => item.kind === 'grid');
  assert.ok(grids.length >= 1 && grids.length === plan.items.length);
  const evidence = await realizePlan(info, plan, { cache: null, format: 'png' });
  assert.equal(evidence.length, grids.length);
  for (const [index, part] of evidence.entries()) {
    const item = grids[index]!;
    assert.ok(part.type === 'image' && isGridImage(part));
    assert.equal(part.mediaType, 'image/png');
    assert.deepEqual(part.grid, { cols: item.cols, rows: item.rows });
    assert.equal(part.tileTimes.length, item.times.length);
    for (const [tile, time] of part.tileTimes.entries()) assert.ok(Math.abs(time - item.times[tile]!) <= 1 / fps + 1e-6);
    const pixels = await rawRgb(part.image);
    assert.deepEqual([pixels.width, pixels.height], [item.width, item.height]);
    await assertTileLabelled(part, pixels, item.tileWidth, item.tileHeight);
  }
});

/**
 * Each tile matches the frame of its time (decoded independently) below its label, and differs from it
 * where the label is burned in (the top-left corner, a dark box with white digits).
 */
async function assertTileLabelled(part: GridImagePart, sheet: { image: Buffer; width: number }, tileWidth: number, tileHeight: number): Promise<void> {
  const { frames } = await decodeFrames(info.path, part.tileTimes, { size: Math.max(tileWidth, tileHeight), format: 'png', cache: null });
  for (const [tile, frame] of frames.entries()) {
    const reference = await rawRgb(await sharp(frame.image).resize({ width: tileWidth, height: tileHeight, fit: 'contain', background: '#000' }).png().toBuffer());
    const x0 = (tile % part.grid.cols) * tileWidth;
    const y0 = Math.floor(tile / part.grid.cols) * tileHeight;
    const difference = (x: number, y: number, width: number, height: number): number => {
      let total = 0;
      for (let y1 = y; y1 < y + height; y1++) {
        for (let x1 = x; x1 < x + width; x1++) {
          for (let channel = 0; channel < 3; channel++) {
            total += Math.abs(sheet.image[((y0 + y1) * sheet.width + x0 + x1) * 3 + channel]! - reference.image[(y1 * tileWidth + x1) * 3 + channel]!);
          }
        }
      }
      return total / (width * height * 3);
    };
    const below = difference(0, Math.floor(tileHeight / 2), tileWidth, Math.floor(tileHeight / 2));
    const label = difference(0, 0, Math.floor(tileWidth / 4), Math.max(4, Math.floor(tileHeight / 12)));
    assert.ok(below < 8, `tile ${tile}: the picture below the label differs by ${below.toFixed(1)} per channel`);
    assert.ok(label > 3 * below + 10, `tile ${tile}: no label in the top-left corner (difference ${label.toFixed(1)} vs ${below.toFixed(1)})`);
  }
}

test('a mixed plan (thumbnail grid + small frames) is decoded once, each item at its own planned size', async () => {
  const events: ProgressEvent[] = [];
  const plan = await planForVideo(info, { maxVisualTokens: 4000 }, profile({ imageTokens: (width, height) => Math.ceil((width * height) / 784) }), { strategy: 'thumbnail-and-sampling' });
  assert.equal(plan.items[0]!.kind, 'grid');
  const frameItems = plan.items.filter((item) => item.kind === 'frame');
  assert.ok(frameItems.length > 0);
  const { evidence, warnings } = await realizePlanDetailed(info, plan, { cache: null, onProgress: (event) => events.push(event) });
  assert.deepEqual(warnings, []);
  assert.equal(events.filter((event) => event.type === 'stage' && event.stage === 'decode frames').length, 1);
  assert.equal(evidence.length, plan.items.length);
  for (const [index, part] of evidence.entries()) {
    const item = plan.items[index]!;
    assert.ok(part.type === 'image' && item.kind !== 'video');
    assert.deepEqual([part.width, part.height], [item.width, item.height]);
    const pixels = await rawRgb(part.image);
    assert.deepEqual([pixels.width, pixels.height], [item.width, item.height]);
  }
});

test('a native-video plan becomes one VideoPart naming the file, span and sampling', async () => {
  const native = profile({ nativeVideo: { kind: 'vllm-video-url', tokensPerFrame: () => 64 } });
  const plan = await planForVideo(info, { maxVisualTokens: 640, span: { start: 2, end: 6 } }, native, { strategy: 'native-video' });
  const evidence = await realizePlan(info, plan, { cache: null });
  assert.equal(evidence.length, 1);
  const part = evidence[0]!;
  assert.ok(isVideoPart(part));
  assert.equal(part.path, info.path);
  assert.equal(part.mediaType, 'video/mp4');
  assert.deepEqual(part.span, { start: 2, end: 6 });
  assert.equal(part.numFrames, 8);
  assert.equal(part.fps, 2);
});

test('a cancelled request stops before decoding with AbortedError', async () => {
  const plan = await planForVideo(info, { maxImages: 2 }, profile(), { strategy: 'uniform' });
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(realizePlan(info, plan, { cache: null, signal: controller.signal }), (error) => AbortedError.isInstance(error));
});

test('container names map to media types', () => {
  assert.equal(videoMediaType('mov,mp4,m4a,3gp,3g2,mj2'), 'video/mp4');
  assert.equal(videoMediaType('matroska,webm'), 'video/webm');
  assert.equal(videoMediaType('mpegts'), 'video/mp2t');
  assert.equal(videoMediaType('flv'), 'application/octet-stream');
});
