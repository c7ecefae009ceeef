/**
 * `reelm storyboard <video> --out sheet.jpg`: frames chosen by a sampler, tiled into one image with a
 * time label on each tile — what a model would see, for a person to check.
 */

import type { CommandDeclaration } from '../command.js';
import { positiveInteger } from '../parse-flags.js';
import { samplingOptions } from '../sampling-flags.js';

export const storyboardCommand: CommandDeclaration = {
  name: 'storyboard',
  summary: 'Tile sampled frames into one labelled image.',
  help: `Samples frames (uniform over the video by default: --cols × --rows of them, or 16)
and tiles them into one image, each tile labelled with its time (HH:MM:SS.s).
The grid is chosen to make tiles as large as possible within --max-width × --max-height.

Examples:
  reelm storyboard talk.mp4 --out sheet.jpg
  reelm storyboard talk.mp4 --cols 6 --rows 4 --span 00:05:00-00:15:00 --out part.jpg
  reelm storyboard talk.mp4 --sampler scenes --out shots.jpg`,
  arguments: [{ name: 'video', description: 'a video file', required: true }],
  options: [
    ...samplingOptions,
    { flags: '--cols <n>', description: 'tiles per row', parse: positiveInteger('--cols') },
    { flags: '--rows <n>', description: 'rows of tiles', parse: positiveInteger('--rows') },
    { flags: '--max-width <px>', description: 'largest sheet width', default: '1536', parse: positiveInteger('--max-width') },
    { flags: '--max-height <px>', description: 'largest sheet height', default: '1536', parse: positiveInteger('--max-height') },
    { flags: '--out <file>', description: 'image to write (.jpg, .png or .webp)' },
    { flags: '--json', description: 'print the layout and tile times as JSON' },
  ],
  async run([video], options, context) {
    const { ConfigError } = await import('../../core/errors.js');
    const { sampleAndDecode } = await import('../sample-and-decode.js');
    const { renderStoryboard } = await import('../../media/storyboard.js');
    const { formatTime } = await import('../../core/time.js');
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    if (!options.out) throw new ConfigError('flag --out', 'is required: name the image to write, e.g. --out sheet.jpg.');
    const out = path.resolve(String(options.out));
    const extension = path.extname(out).toLowerCase();
    const format = extension === '.png' ? 'png' : extension === '.webp' ? 'webp' : extension === '.jpg' || extension === '.jpeg' ? 'jpeg' : undefined;
    if (!format) throw new ConfigError('flag --out', `"${options.out}" must end in .jpg, .png or .webp.`);
    const cols = options.cols as number | undefined;
    const rows = options.rows as number | undefined;
    const count = cols && rows ? cols * rows : 16;
    const maxWidth = Number(options.maxWidth ?? 1536);
    const maxHeight = Number(options.maxHeight ?? 1536);
    // Decode at about the tile size the sheet will use, not at full resolution.
    const tileSide = Math.ceil(Math.max(maxWidth, maxHeight) / Math.max(1, Math.floor(Math.sqrt(count))));
    const sampled = await sampleAndDecode(video!, options, context, { size: tileSide, format: 'jpeg', samplerDefaults: { count } });
    if (sampled.frames.length === 0) throw new ConfigError('flag --span', 'no frames were sampled; widen --span or lower --threshold.');
    const sheet = await renderStoryboard(sampled.frames, { cols, rows, maxWidth, maxHeight, format });
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, sheet.image);
    const summary = { video: sampled.info.path, out, width: sheet.width, height: sheet.height, layout: sheet.layout, tiles: sheet.tiles, warnings: sampled.warnings };
    if (options.json) {
      context.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return;
    }
    context.stdout.write(
      `storyboard ${sheet.layout.cols}×${sheet.layout.rows} (${sheet.width}×${sheet.height}) → ${out}\n` +
        `  times: ${sheet.tiles.map((tile) => formatTime(tile.time)).join(', ')}\n` +
        sampled.warnings.map((warning) => `warning: ${warning}\n`).join(''),
    );
  },
};
