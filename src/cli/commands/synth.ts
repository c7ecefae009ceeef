/**
 * `reelm synth generate --set <id> --out <dir>`: renders a synthetic set (videos with exact ground
 * truth) into a folder: `<video>.mp4`, `<video>.json` and `manifest.json`. The benchmark of the same
 * id reads that folder. `--seed` renders the same set shape from another seed (for tests and tuning;
 * the benchmark's own seed is the default), `--variant shifted` re-renders with shifted hues and textures.
 */

import type { CommandDeclaration } from '../command.js';
import { positiveInteger } from '../parse-flags.js';

const setIds = ['synth-small', 'synth-medium', 'synth-long'] as const;

export const synthCommand: CommandDeclaration = {
  name: 'synth',
  summary: 'Generate synthetic videos with exact ground truth.',
  help: `Actions:
  generate   render a set: videos (H.264, CRF 28, web-typical GOP) plus ground-truth JSON
             (events, scenes, quiet spans, questions of every family, highlight salience)

Sets:
  synth-small    3 videos of 10–20 s at 320×180, 10 fps (seconds to render)
  synth-medium   60 videos of 2–10 min at 1280×720, 10 fps
  synth-long     10 videos of 1–3 h at 640×360, 5 fps

Examples:
  reelm synth generate --set synth-small --out synth/small
  reelm synth generate --set synth-medium --out synth/medium-shifted --variant shifted
  reelm synth generate --set synth-small --seed 42 --limit 1 --out /tmp/try --json`,
  arguments: [{ name: 'action', description: 'generate', required: true }],
  options: [
    { flags: '--set <id>', description: 'which set to render', choices: setIds },
    { flags: '--out <dir>', description: 'folder to write into (created if missing)' },
    { flags: '--seed <n>', description: "seed (default: the benchmark's own seed)", parse: positiveInteger('--seed') },
    { flags: '--variant <name>', description: 'rendering variant', choices: ['base', 'shifted'], default: 'base' },
    { flags: '--limit <n>', description: 'render only the first n videos', parse: positiveInteger('--limit') },
    { flags: '--json', description: 'print the manifest as JSON instead of a summary' },
  ],
  async run([action], options, context) {
    const { ConfigError } = await import('../../core/errors.js');
    if (action !== 'generate') throw new ConfigError(`argument ${action}`, 'unknown action; the only action is "generate".');
    if (!options.set) throw new ConfigError('flag --set', `is required: one of ${setIds.join(', ')}.`);
    if (!options.out) throw new ConfigError('flag --out', 'is required: name a folder to write the set into, e.g. --out synth/small.');
    const { synthSets, isSynthSetId } = await import('../../eval/synth/sets.js');
    const { generateSynthSet } = await import('../../eval/synth/generate-set.js');
    const { createProgressRenderer } = await import('../progress-bar.js');
    const setId = String(options.set);
    if (!isSynthSetId(setId)) throw new ConfigError('flag --set', `"${setId}" is not a set; one of ${setIds.join(', ')}.`);
    const result = await generateSynthSet(synthSets[setId], {
      outDir: String(options.out),
      seed: options.seed as number | undefined,
      variant: options.variant === 'shifted' ? 'shifted' : 'base',
      limit: options.limit as number | undefined,
      signal: context.signal,
      onProgress: createProgressRenderer(context.stderr, !options.json),
    });
    if (options.json) {
      context.stdout.write(JSON.stringify({ ...result.manifest, outDir: result.outDir, manifestPath: result.manifestPath, renderSeconds: result.renderSeconds }, null, 2) + '\n');
      return;
    }
    const { manifest } = result;
    const fps = result.renderSeconds > 0 ? Math.round(result.frames / result.renderSeconds) : 0;
    const lines = [
      `${manifest.set} (${manifest.variant}, seed ${manifest.seed}): ${manifest.videos.length} videos, ${result.frames} frames at ${manifest.width}×${manifest.height} in ${result.renderSeconds.toFixed(1)} s (${fps} frames/s) → ${result.outDir}`,
      ...manifest.videos.map((v) => `  ${v.video}  ${v.duration} s, ${v.questions} questions  (ground truth: ${v.groundTruth})`),
      `manifest: ${result.manifestPath}`,
    ];
    context.stdout.write(lines.join('\n') + '\n');
  },
};
