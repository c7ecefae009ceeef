/**
 * `reelm eval compare <run-dir> <run-dir>…`: runs of one benchmark side by side, per metric and
 * category, with 95 % intervals clustered by video and paired deltas against the first run.
 */

import { ConfigError } from '../../core/errors.js';
import type { CommandContext } from '../command.js';

export async function runEvalCompare(args: string[], options: Record<string, unknown>, context: CommandContext): Promise<void> {
  if (args.length < 2) throw new ConfigError('eval compare', 'give two or more run folders, e.g. reelm eval compare runs/<run-a> runs/<run-b>.');
  const { compareRuns, loadRun, renderComparison } = await import('../../eval/runner/compare-runs.js');
  const comparison = compareRuns(await Promise.all(args.map((dir) => loadRun(dir))));
  context.stdout.write(options.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison));
}
