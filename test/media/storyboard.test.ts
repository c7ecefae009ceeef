import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import type { Frame } from '../../src/media/frame.js';
import { chooseStoryboardLayout, renderStoryboard } from '../../src/media/storyboard.js';

test('layout makes tiles as large as the sheet allows', () => {
  // 16 wide tiles in a square sheet: 3 columns × 6 rows (two left empty) beat 4 × 4, tiles 455 px wide instead of 384.
  assert.deepEqual(chooseStoryboardLayout(16, 16 / 9, 1536, 1536), { cols: 3, rows: 6, tileWidth: 455, tileHeight: 255 });
  const wide = chooseStoryboardLayout(6, 16 / 9, 2000, 400);
  assert.equal(wide.cols * wide.rows >= 6, true);
  assert.deepEqual([wide.cols, wide.rows, wide.tileWidth], [3, 2, 355]);
  assert.deepEqual(chooseStoryboardLayout(5, 1, 1000, 1000, { cols: 5 }), { cols: 5, rows: 1, tileWidth: 200, tileHeight: 200 });
});

test('renderStoryboard tiles frames in order with their times', async () => {
  const colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]] as const;
  const frames: Frame[] = colours.map(([r, g, b], i) => ({
    requestedTime: i * 10,
    time: i * 10,
    width: 64,
    height: 36,
    format: 'rgb',
    image: Buffer.alloc(64 * 36 * 3).map((_, byte) => [r, g, b][byte % 3]!),
  }));
  const sheet = await renderStoryboard(frames, { cols: 2, rows: 2, maxWidth: 256, maxHeight: 256, format: 'png' });
  assert.deepEqual(sheet.layout, { cols: 2, rows: 2, tileWidth: 128, tileHeight: 72 });
  assert.deepEqual(sheet.tiles.map((tile) => [tile.time, tile.x, tile.y]), [[0, 0, 0], [10, 128, 0], [20, 0, 72], [30, 128, 72]]);
  const { data, info } = await sharp(sheet.image).raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
  // Bottom-right corner of each tile (away from the label).
  assert.deepEqual(pixel(120, 68), [255, 0, 0]);
  assert.deepEqual(pixel(250, 68), [0, 255, 0]);
  assert.deepEqual(pixel(120, 140), [0, 0, 255]);
  assert.deepEqual(pixel(250, 140), [255, 255, 255]);
  // The label's dark box sits at the top-left of each tile.
  assert.ok(pixel(2, 2).every((channel) => channel < 140));
});
