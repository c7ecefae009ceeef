/**
 * On-screen text as small RGBA bitmaps: each string is rendered once with sharp (librsvg + fontconfig,
 * DejaVu Sans Bold when installed) as white text on a dark translucent plate, cached per (text, size),
 * and alpha-blended onto frames. The plate size is a pure function of the text so layout can reserve it.
 */

import type { ScriptText } from './scene-script.js';

export interface RgbaBitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Cap height of DejaVu Sans relative to its font size. */
export const capHeightRatio = 0.73;

/** The plate's size in pixels for `text` at `fontSize`. */
export function textPlateSize(text: string, fontSize: number): { width: number; height: number } {
  return { width: Math.ceil(text.length * fontSize * 0.72 + fontSize), height: Math.ceil(fontSize * 1.5) };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function renderTextBitmap(text: string, fontSize: number): Promise<RgbaBitmap> {
  const { default: sharp } = await import('sharp');
  const { width, height } = textPlateSize(text, fontSize);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect x="0" y="0" width="${width}" height="${height}" rx="${Math.round(fontSize / 5)}" fill="#101010" fill-opacity="0.78"/>` +
    `<text x="${width / 2}" y="${Math.round(height / 2 + fontSize * capHeightRatio * 0.5)}" text-anchor="middle" ` +
    `font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${fontSize}" fill="#ffffff">${escapeXml(text)}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Renders every distinct (text, size) of a script once. */
export async function renderTextBitmaps(texts: readonly ScriptText[]): Promise<Map<string, RgbaBitmap>> {
  const bitmaps = new Map<string, RgbaBitmap>();
  for (const text of texts) {
    const key = bitmapKey(text);
    if (!bitmaps.has(key)) bitmaps.set(key, await renderTextBitmap(text.text, text.fontSize));
  }
  return bitmaps;
}

export function bitmapKey(text: Pick<ScriptText, 'text' | 'fontSize'>): string {
  return `${text.fontSize}|${text.text}`;
}
