/**
 * The artifact cache the CLI uses: the configured cache folder, or none with `--no-cache` / `REELM_NO_CACHE`.
 */

import { ArtifactCache } from '../core/artifact-cache.js';
import type { CommandContext } from './command.js';

export function cliCache(context: CommandContext): ArtifactCache | null {
  if (!context.config.cache) return null;
  return new ArtifactCache({ root: context.config.cacheDir });
}
