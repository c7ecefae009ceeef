/**
 * Small clips for the store's tests, made with ffmpeg's sources: shots of different test patterns
 * (so scene detection finds cuts and dedup keeps distinct frames), and a clip with large on-screen words
 * in known spans for the OCR path. Each is generated once per folder.
 */

import fs from 'node:fs';
import path from 'node:path';
import { ffmpeg, x264 } from '../../support/media-generators.js';

const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/**
 * Shots of `testsrc2`, `smptebars`, `rgbtestsrc` and `testsrc` (moving patterns change every frame, the
 * bars do not), 320×180 at 10 fps, `seconds` long in all.
 */
export async function patternShotsClip(folder: string, seconds = 24): Promise<string> {
  const file = path.join(folder, `pattern-shots-${seconds}s.mp4`);
  if (fs.existsSync(file)) return file;
  const shot = seconds / 4;
  const sources = ['testsrc2', 'smptebars', 'rgbtestsrc', 'testsrc'];
  const inputs = sources.flatMap((source) => ['-f', 'lavfi', '-i', `${source}=size=320x180:rate=10:duration=${shot}`]);
  const graph = `${sources.map((_, i) => `[${i}:v]format=yuv420p,setsar=1[s${i}]`).join(';')};${sources.map((_, i) => `[s${i}]`).join('')}concat=n=${sources.length}:v=1:a=0[v]`;
  await ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', ...x264(['-g', '20']), file]);
  return file;
}

/** The words shown by `wordsClip`, each with the span it is on screen and its card's colour. */
export const clipWords = Object.freeze([
  { word: 'HARBOUR', start: 0, end: 4, card: 'white' },
  { word: 'ENGINE', start: 4, end: 8, card: 'yellow' },
  { word: 'SUNRISE', start: 8, end: 12, card: 'lightblue' },
]);

/**
 * Large black words on light cards of different colours, one after another (see `clipWords`), 640×360
 * at 10 fps. The cards differ so that dedup and the scene detector, which look at small gray thumbnails,
 * see each card as new, as they would successive slides.
 */
export async function wordsClip(folder: string): Promise<string> {
  const file = path.join(folder, 'words.mp4');
  if (fs.existsSync(file)) return file;
  const inputs = clipWords.flatMap(({ start, end, card }) => ['-f', 'lavfi', '-i', `color=c=${card}:size=640x360:rate=10:duration=${end - start}`]);
  const cards = clipWords.map(({ word }, i) =>
    `[${i}:v]drawtext=fontfile=${font}:text=${word}:fontsize=48:fontcolor=black:x=(w-text_w)/2:y=(h-text_h)/2,format=yuv420p[c${i}]`);
  const graph = `${cards.join(';')};${clipWords.map((_, i) => `[c${i}]`).join('')}concat=n=${clipWords.length}:v=1:a=0[v]`;
  await ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', ...x264(['-g', '10']), file]);
  return file;
}
