/**
 * The global flags (`--no-cache`, `--cache-dir`) as a config layer, so they override the file and the
 * environment like every other flag and `reelm config` can say they did.
 */

import type { LoadConfigOptions } from '../core/config.js';
import type { CommandContext } from './command.js';

export function globalFlagLayer(globals: CommandContext['globals']): NonNullable<LoadConfigOptions['flags']> {
  return {
    cacheDir: { value: globals.cacheDir, flag: '--cache-dir' },
    ...(globals.cache ? {} : { cache: { value: false, flag: '--no-cache' } }),
  };
}
