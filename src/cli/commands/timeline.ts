/**
 * `reelm timeline <video> [--out timeline.png]`: a picture of an indexed video's signals over time —
 * scenes, people, objects, on-screen text, speech, motion, loudness — because people would rather look
 * than read. Drawn as SVG (timeline-svg.ts) and rasterized with sharp; `--out x.svg` keeps the SVG.
 */

import type { CommandDeclaration } from '../command.js';
import { libraryOption } from '../library-flag.js';
import { positiveInteger } from '../parse-flags.js';

export const timelineCommand: CommandDeclaration = {
  name: 'timeline',
  summary: 'Draw an indexed video\'s signals over time as a picture.',
  help: `Draws one lane per kind of signal the index holds for the video — scenes, people, the
most present object labels, on-screen text, speech, motion and loudness with silence — over
the video's time, and writes it as PNG (or SVG when --out ends in .svg). The video must be
indexed first (reelm index <video>).

Examples:
  reelm timeline talk.mp4
  reelm timeline talk.mp4 --out talk-timeline.png --width 2400
  reelm timeline talk.mp4 --out talk.svg --json`,
  arguments: [{ name: 'video', description: 'an indexed video (its path, or its id from reelm library --json)', required: true }],
  options: [
    { flags: '--out <file>', description: 'the picture to write (.png or .svg; default <video name>.timeline.png here)' },
    { flags: '--width <px>', description: 'picture width in pixels', default: '1600', parse: positiveInteger('--width') },
    libraryOption,
    { flags: '--json', description: 'print what was drawn as JSON' },
  ],
  async run([video], options, context) {
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    const { ConfigError } = await import('../../core/errors.js');
    const { openLibraryForReading } = await import('../open-library.js');
    const { resolveVideo } = await import('../../memory/query/video-ref.js');
    const { segmentsInSpan } = await import('../../memory/query/segments.js');
    const { signalsInSpan } = await import('../../memory/query/signals-in-span.js');
    const { listVideos } = await import('../../memory/query/videos.js');
    const { renderTimelineSvg } = await import('../timeline-svg.js');
    const width = typeof options.width === 'number' ? options.width : Number(options.width);
    if (width < 400) throw new ConfigError('flag --width', `${width} is too narrow for the lane titles; give 400 or more.`);
    const byId = /^\d+$/.test(video!);
    const { store } = openLibraryForReading(options.library, byId ? [process.cwd()] : [path.dirname(path.resolve(video!)), process.cwd()]);
    try {
      const ref = resolveVideo(store, byId ? Number(video) : path.resolve(video!));
      const duration = listVideos(store).find((candidate) => candidate.id === ref.id)?.duration ?? 0;
      const segments = segmentsInSpan(store, ref.id).map((segment) => segment.span);
      const kinds = ['scene', 'object', 'people', 'text', 'speech', 'subtitle', 'motion', 'loudness', 'silence'] as const;
      const signals = signalsInSpan(store, ref.id, kinds, undefined, { limit: Number.MAX_SAFE_INTEGER });
      // Without stored segments, the scene cuts (zero-length scene signals) still mark the shots.
      const cuts = signals.filter((signal) => signal.kind === 'scene' && signal.span.end === signal.span.start).map((signal) => signal.span.start);
      const shots = segments.length > 0 ? segments : cutsToShots(cuts, duration);
      const layout = renderTimelineSvg({ title: path.basename(ref.path), duration, segments: shots, signals, width });
      const out = path.resolve(typeof options.out === 'string' ? options.out : `${path.parse(ref.path).name}.timeline.png`);
      await fs.mkdir(path.dirname(out), { recursive: true });
      if (out.toLowerCase().endsWith('.svg')) {
        await fs.writeFile(out, layout.svg);
      } else {
        const { loadSharp } = await import('../../media/images.js');
        const sharp = await loadSharp();
        await fs.writeFile(out, await sharp(Buffer.from(layout.svg)).png().toBuffer());
      }
      const counts: Record<string, number> = {};
      for (const signal of signals) counts[signal.kind] = (counts[signal.kind] ?? 0) + 1;
      const summary = { video: ref.path, out, width: layout.width, height: layout.height, lanes: layout.lanes, scenes: shots.length, signals: counts };
      if (options.json) context.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else context.stdout.write(`timeline of ${ref.path} → ${out} (${layout.width}×${layout.height}, lanes: ${layout.lanes.join(', ')})\n`);
    } finally {
      store.close();
    }
  },
};

/** Shots between consecutive cuts, from 0 to the end. */
function cutsToShots(cuts: readonly number[], duration: number): Array<{ start: number; end: number }> {
  const bounds = [0, ...[...cuts].sort((a, b) => a - b).filter((cut) => cut > 0 && cut < duration), duration];
  return bounds.slice(1).map((end, index) => ({ start: bounds[index]!, end }));
}
