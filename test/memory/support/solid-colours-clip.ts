/**
 * A clip of solid colour cards — blue, red, lime (pure green), white — 2 s each, 160×90 at 10 fps. Their
 * brightness differs (luma ≈ 29, 76, 150, 255), so dedup, which compares gray thumbnails, keeps one frame
 * per card and the scene detector cuts between them; each keyframe's colour is known.
 */

import fs from 'node:fs';
import path from 'node:path';
import { ffmpeg, x264 } from '../../support/media-generators.js';

export const colourCards = Object.freeze(['blue', 'red', 'lime', 'white'] as const);

export async function solidColoursClip(folder: string): Promise<string> {
  const file = path.join(folder, 'solid-colours.mp4');
  if (fs.existsSync(file)) return file;
  const inputs = colourCards.flatMap((colour) => ['-f', 'lavfi', '-i', `color=c=${colour}:size=160x90:rate=10:duration=2`]);
  const graph = `${colourCards.map((_, i) => `[${i}:v]`).join('')}concat=n=${colourCards.length}:v=1:a=0,format=yuv420p[v]`;
  await ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', ...x264(['-g', '10']), file]);
  return file;
}
