/**
 * `reelm demo`: the main job end to end on media reelm makes itself — generate a clip, probe it,
 * sample frames two ways, write a storyboard — and say what it did and where the files are.
 */

import type { CommandDeclaration } from '../command.js';

export const demoCommand: CommandDeclaration = {
  name: 'demo',
  summary: 'Run reelm end to end on a clip it generates (no input needed).',
  help: `Generates a 12-second clip with three shots and a tone (ffmpeg's built-in sources),
probes it, samples frames uniformly (keyframe mode) and one per shot (scene detection,
exact mode), writes a storyboard, and prints what it did and where everything is.

Example:
  reelm demo --out /tmp/reelm-demo`,
  arguments: [],
  options: [
    { flags: '--out <dir>', description: 'folder for the clip, frames and storyboard', default: 'reelm-demo' },
    { flags: '--json', description: 'print a JSON report' },
  ],
  async run(_args, options, context) {
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    const { generateDemoClip } = await import('../../media/demo-clip.js');
    const { probe } = await import('../../media/probe.js');
    const { sampleTimes } = await import('../../media/samplers/index.js');
    const { decodeFrames } = await import('../../media/decode/decode-frames.js');
    const { renderStoryboard } = await import('../../media/storyboard.js');
    const { formatTime } = await import('../../core/time.js');
    const { cliCache } = await import('../cache.js');
    const { createProgressRenderer } = await import('../progress-bar.js');

    const say = (text: string): void => {
      if (!options.json) context.stdout.write(text + '\n');
    };
    const cache = cliCache(context);
    const onProgress = createProgressRenderer(context.stderr, !options.json);
    const outDir = path.resolve(String(options.out ?? 'reelm-demo'));
    await fs.mkdir(outDir, { recursive: true });
    const signal = context.signal;

    const clip = path.join(outDir, 'demo-clip.mp4');
    say(`1. generating a 12 s clip with three shots → ${clip}`);
    await generateDemoClip(clip, { signal });

    const info = await probe(clip, { signal, cache });
    say(
      `2. probed: ${info.video!.width}×${info.video!.height}, ${info.video!.averageFps.toFixed(2)} fps, ` +
        `${formatTime(info.duration)}, ${info.video!.frameCount} frames, keyframes at ${info.video!.keyframeTimes.map((time) => time.toFixed(1)).join(', ')} s`,
    );

    const report: Record<string, unknown> = { clip, info };
    const strategies = [
      { name: 'uniform', sampler: 'uniform', options: { count: 8 }, mode: 'keyframe' as const },
      { name: 'scenes', sampler: 'scenes', options: { threshold: 0.3 }, mode: 'exact' as const },
    ];
    for (const [step, strategy] of strategies.entries()) {
      const times = await sampleTimes(strategy.sampler, strategy.options, { input: clip, info, signal, onProgress, cache });
      const { frames, decoder } = await decodeFrames(clip, times.map((sample) => sample.time), { mode: strategy.mode, size: 384, signal, onProgress, cache });
      const dir = path.join(outDir, `frames-${strategy.name}`);
      await fs.mkdir(dir, { recursive: true });
      const files = await Promise.all(
        frames.map(async (frame, i) => {
          const file = path.join(dir, `frame-${String(i + 1).padStart(2, '0')}-t${frame.time.toFixed(3)}.jpg`);
          await fs.writeFile(file, frame.image);
          return file;
        }),
      );
      say(
        `${step + 3}. ${strategy.name} sampler, ${strategy.mode} mode (${decoder} decoder): ${frames.length} frames at ` +
          `${frames.map((frame) => formatTime(frame.time)).join(', ')} → ${dir}`,
      );
      report[strategy.name] = { frames: frames.map((frame, i) => ({ file: files[i], requestedTime: frame.requestedTime, time: frame.time })) };
    }

    const storyTimes = await sampleTimes('uniform', { count: 12 }, { input: clip, info, signal, cache });
    const storyFrames = await decodeFrames(clip, storyTimes.map((sample) => sample.time), { size: 512, signal, onProgress, cache });
    const sheet = await renderStoryboard(storyFrames.frames, { maxWidth: 1536, maxHeight: 1024 });
    const sheetPath = path.join(outDir, 'storyboard.jpg');
    await fs.writeFile(sheetPath, sheet.image);
    say(`5. storyboard ${sheet.layout.cols}×${sheet.layout.rows} with time labels → ${sheetPath}`);
    say(`\nDone. Try it on your own video:\n  reelm probe your.mp4\n  reelm frames your.mp4 --sampler scenes --out frames/\n  reelm storyboard your.mp4 --out sheet.jpg`);
    report.storyboard = { file: sheetPath, layout: sheet.layout };
    if (options.json) context.stdout.write(JSON.stringify(report, null, 2) + '\n');
  },
};
