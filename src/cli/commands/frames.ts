/**
 * `reelm frames <video> --sampler <name> … --out <dir>`: choose times with a sampler, decode the frames
 * shown there, and write them as images plus a `frames.json` manifest (requested and delivered times).
 */

import type { CommandDeclaration } from '../command.js';
import { positiveInteger } from '../parse-flags.js';
import { samplingOptions } from '../sampling-flags.js';

export const framesCommand: CommandDeclaration = {
  name: 'frames',
  summary: 'Sample frames with a sampler and write them as images.',
  help: `Chooses times with --sampler, decodes the frames shown at those times (upright, scaled to
--size on the longer side) and writes them to --out with a frames.json manifest that records,
for each frame, the time asked for and the time of the frame delivered.

--mode exact gives the frame a player shows at each time; --mode keyframe moves each time
to the nearest keyframe (within half the sampling interval) and decodes keyframes only,
which is many times faster on long videos.

Examples:
  reelm frames talk.mp4 --sampler uniform --count 16 --out frames/
  reelm frames talk.mp4 --sampler fps --fps 0.5 --span 00:10:00-00:20:00 --mode keyframe --out f/
  reelm frames talk.mp4 --sampler scenes --threshold 0.4 --out shots/ --json`,
  arguments: [{ name: 'video', description: 'a video file', required: true }],
  options: [
    ...samplingOptions,
    { flags: '--size <px>', description: 'longer side of each frame in pixels (default: config frames.size, 384)', parse: positiveInteger('--size') },
    { flags: '--format <format>', description: 'image format (default: config frames.format, jpeg)', choices: ['jpeg', 'png', 'webp'] },
    { flags: '--out <dir>', description: 'folder to write the frames into (created if missing)' },
    { flags: '--json', description: 'print the manifest as JSON instead of a summary' },
  ],
  async run([video], options, context) {
    const { sampleAndDecode } = await import('../sample-and-decode.js');
    const { ConfigError } = await import('../../core/errors.js');
    const { formatTime } = await import('../../core/time.js');
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    if (!options.out) throw new ConfigError('flag --out', 'is required: name a folder to write the frames into, e.g. --out frames/.');
    const format = (options.format as 'jpeg' | 'png' | 'webp' | undefined) ?? context.config.frames.format;
    const size = (options.size as number | undefined) ?? context.config.frames.size;
    const result = await sampleAndDecode(video!, options, context, { size, format });
    const outDir = path.resolve(String(options.out));
    await fs.mkdir(outDir, { recursive: true });
    const extension = format === 'jpeg' ? 'jpg' : format;
    const manifest = await Promise.all(
      result.frames.map(async (frame, i) => {
        const file = `frame-${String(i + 1).padStart(4, '0')}-t${frame.time.toFixed(3)}.${extension}`;
        await fs.writeFile(path.join(outDir, file), frame.image);
        return { file, requestedTime: frame.requestedTime, time: frame.time, width: frame.width, height: frame.height, keyframe: frame.keyframe ?? false };
      }),
    );
    const summary = {
      video: result.info.path,
      sampler: result.samplerId,
      mode: result.mode,
      decoder: result.decoder,
      span: result.span,
      outDir,
      frames: manifest,
      warnings: result.warnings,
    };
    await fs.writeFile(path.join(outDir, 'frames.json'), JSON.stringify(summary, null, 2));
    if (options.json) {
      context.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return;
    }
    const lines = [`${manifest.length} frames (${result.samplerId}, ${result.mode} mode) → ${outDir}`];
    for (const frame of manifest) {
      lines.push(`  ${formatTime(frame.time, { precision: 3 })}  ${frame.file}${Math.abs(frame.time - frame.requestedTime) > 0.0005 ? `  (asked ${formatTime(frame.requestedTime, { precision: 3 })})` : ''}`);
    }
    for (const warning of result.warnings) lines.push(`warning: ${warning}`);
    context.stdout.write(lines.join('\n') + '\n');
  },
};
