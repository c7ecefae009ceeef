/**
 * `reelm config`: the configuration reelm would use here, each value with where it came from
 * (default, config file, environment variable or flag).
 */

import type { CommandDeclaration } from '../command.js';

export const configCommand: CommandDeclaration = {
  name: 'config',
  summary: 'Show the configuration in effect and where each value came from.',
  help: `Merges defaults, the config file (REELM_CONFIG, the nearest reelm.config.json upwards,
or ~/.config/reelm/config.json), environment variables (REELM_CACHE_DIR, REELM_FFMPEG,
REELM_FFPROBE, REELM_FRAME_SIZE, REELM_MODEL, …) and flags, validates the result and prints it.

Example reelm.config.json:
  { "models": { "local": { "model": "openai-compatible:qwen2.5-vl-7b", "baseURL": "http://127.0.0.1:8000/v1" } },
    "roles": { "subject": "local" }, "frames": { "size": 512 } }`,
  arguments: [],
  options: [{ flags: '--json', description: 'print { config, sources } as JSON' }],
  async run(_args, options, context) {
    const { loadConfig } = await import('../../core/config.js');
    // Loaded again (the context holds only the values) to report where each value came from.
    const { globalFlagLayer } = await import('../global-flags.js');
    const loaded = loadConfig({ flags: globalFlagLayer(context.globals) });
    if (options.json) {
      context.stdout.write(JSON.stringify({ config: loaded.config, sources: Object.fromEntries(loaded.sources), file: loaded.file ?? null }, null, 2) + '\n');
      return;
    }
    const lines = [`config file: ${loaded.file ?? '(none)'}`];
    const width = Math.max(...[...loaded.sources.keys()].map((key) => key.length));
    for (const [key, source] of [...loaded.sources.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], loaded.config);
      lines.push(`  ${key.padEnd(width)}  ${JSON.stringify(value)}  (${source})`);
    }
    context.stdout.write(lines.join('\n') + '\n');
  },
};
