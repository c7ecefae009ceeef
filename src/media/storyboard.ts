/**
 * Storyboards: several frames tiled into one image, each tile labelled with its time, the grid chosen
 * for a target sheet size. Used to show a person what evidence a model saw, and by the planner to send
 * many moments as one image. Composited with sharp; labels are SVG text rendered by libvips.
 */

import sharp, { type OverlayOptions } from 'sharp';
import { formatTime } from '../core/time.js';
import type { Frame } from './frame.js';
import type { EncodedImageFormat } from './images.js';

export interface StoryboardLayout {
  cols: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/**
 * Chooses rows × cols (and the tile size) that show `count` tiles of aspect `tileAspect` (width/height)
 * as large as possible within `maxWidth` × `maxHeight`. Fixing cols or rows constrains the search.
 */
export function chooseStoryboardLayout(
  count: number,
  tileAspect: number,
  maxWidth: number,
  maxHeight: number,
  fixed: { cols?: number; rows?: number } = {},
): StoryboardLayout {
  let best: StoryboardLayout | undefined;
  const candidates = fixed.cols ? [fixed.cols] : Array.from({ length: Math.max(1, count) }, (_, i) => i + 1);
  for (const cols of candidates) {
    const rows = fixed.rows ?? Math.max(1, Math.ceil(count / cols));
    if (cols * rows < count && !(fixed.cols && fixed.rows)) continue;
    const tileWidth = Math.floor(Math.min(maxWidth / cols, (maxHeight / rows) * tileAspect));
    const tileHeight = Math.floor(tileWidth / tileAspect);
    if (tileWidth < 1 || tileHeight < 1) continue;
    if (!best || tileWidth > best.tileWidth) best = { cols, rows, tileWidth, tileHeight };
  }
  return best ?? { cols: 1, rows: 1, tileWidth: Math.max(1, Math.floor(maxWidth)), tileHeight: Math.max(1, Math.floor(maxWidth / tileAspect)) };
}

export interface StoryboardOptions {
  cols?: number;
  rows?: number;
  /** Largest sheet size in pixels. Default 1536 × 1536. */
  maxWidth?: number;
  maxHeight?: number;
  format?: EncodedImageFormat;
  quality?: number;
  /** Label style passed to the time formatter. */
  labelPrecision?: number;
}

export interface StoryboardTile {
  time: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Storyboard {
  image: Buffer;
  width: number;
  height: number;
  layout: StoryboardLayout;
  tiles: StoryboardTile[];
  format: EncodedImageFormat;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** An SVG label that fits inside the tile, or undefined when the tile is too small to carry one. */
function labelSvg(text: string, tileWidth: number, tileHeight: number): Buffer | undefined {
  // Monospace glyphs are about 0.62 em wide; size the font so the label never exceeds the tile.
  const fontSize = Math.floor(Math.min(28, tileWidth / 12, tileWidth / (text.length * 0.62 + 0.6), tileHeight / 2));
  if (fontSize < 7) return undefined;
  const padding = Math.round(fontSize * 0.3);
  const width = Math.min(tileWidth, Math.round(text.length * fontSize * 0.62 + 2 * padding));
  const height = fontSize + 2 * padding;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="100%" height="100%" fill="black" fill-opacity="0.65"/>` +
      `<text x="${padding}" y="${padding + fontSize * 0.85}" font-family="DejaVu Sans Mono, monospace" font-size="${fontSize}" fill="white">${escapeXml(text)}</text>` +
      `</svg>`,
  );
}

async function tileInput(frame: Frame, width: number, height: number): Promise<Buffer> {
  const source =
    frame.format === 'rgb' || frame.format === 'gray'
      ? sharp(frame.image, { raw: { width: frame.width, height: frame.height, channels: frame.format === 'rgb' ? 3 : 1 } })
      : sharp(frame.image);
  return source.resize({ width, height, fit: 'contain', background: '#000' }).removeAlpha().toColourspace('srgb').png().toBuffer();
}

/**
 * Tiles frames into one labelled image.
 * @example const sheet = await renderStoryboard(frames, { cols: 4 }); await fs.writeFile('sheet.jpg', sheet.image);
 */
export async function renderStoryboard(frames: readonly Frame[], options: StoryboardOptions = {}): Promise<Storyboard> {
  if (frames.length === 0) throw new RangeError('renderStoryboard needs at least one frame');
  const first = frames[0]!;
  const layout = chooseStoryboardLayout(frames.length, first.width / first.height, options.maxWidth ?? 1536, options.maxHeight ?? 1536, {
    cols: options.cols,
    rows: options.rows,
  });
  const shown = frames.slice(0, layout.cols * layout.rows);
  const width = layout.cols * layout.tileWidth;
  const height = layout.rows * layout.tileHeight;
  const tiles: StoryboardTile[] = [];
  const overlays: OverlayOptions[] = [];
  await Promise.all(
    shown.map(async (frame, i) => {
      const x = (i % layout.cols) * layout.tileWidth;
      const y = Math.floor(i / layout.cols) * layout.tileHeight;
      tiles[i] = { time: frame.time, x, y, width: layout.tileWidth, height: layout.tileHeight };
      const label = formatTime(frame.time, { precision: options.labelPrecision ?? 1 });
      overlays[2 * i] = { input: await tileInput(frame, layout.tileWidth, layout.tileHeight), left: x, top: y };
      const labelImage = labelSvg(label, layout.tileWidth, layout.tileHeight);
      if (labelImage) overlays[2 * i + 1] = { input: labelImage, left: x, top: y };
    }),
  );
  const format = options.format ?? 'jpeg';
  let sheet = sharp({ create: { width, height, channels: 3, background: '#000' } }).composite(overlays.filter(Boolean));
  sheet = format === 'jpeg' ? sheet.jpeg({ quality: options.quality ?? 85 }) : format === 'webp' ? sheet.webp({ quality: options.quality ?? 85 }) : sheet.png();
  return { image: await sheet.toBuffer(), width, height, layout, tiles, format };
}
