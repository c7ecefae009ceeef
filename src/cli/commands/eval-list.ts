/**
 * `reelm eval list [--data <dir>]`: the registered benchmarks and their variants, what data each needs
 * (the file its loader asks for first, and where it is published), and with `--data` whether it is present.
 */

import type { CommandContext } from '../command.js';

export async function runEvalList(_args: string[], options: Record<string, unknown>, context: CommandContext): Promise<void> {
  const { listBenchmarks, renderListing } = await import('../../eval/runner/list-benchmarks.js');
  const listings = await listBenchmarks(options.data ? String(options.data) : undefined, context.signal);
  context.stdout.write(options.json ? `${JSON.stringify(listings, null, 2)}\n` : renderListing(listings));
}
