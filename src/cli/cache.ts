/**
 * The artifact cache the CLI uses: the configured cache folder, or none with `--no-cache`.
 */

import { ArtifactCache } from '../core/artifact-cache.js';
import { defaultCacheDir } from '../core/paths.js';
import type { CommandContext } from './command.js';

export function cliCache(context: CommandContext): ArtifactCache | null {
  if (!context.globals.cache) return null;
  return new ArtifactCache({ root: context.globals.cacheDir ?? defaultCacheDir() });
}
