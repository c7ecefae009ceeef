/**
 * `reelm eval score --benchmark <id> --data <dir> --predictions <file|dir> [--verdicts <path>] [--judge <model>] [--json]`:
 * scores predictions made elsewhere — a paper's released results, another harness's output — in the
 * benchmark's own published format, and prints the official metrics as the official script prints them.
 */

import { ConfigError } from '../../core/errors.js';
import type { LanguageModel } from '../../models/language-model.js';
import type { CommandContext } from '../command.js';

/** The judge model: the flag's model, else the `judge` role when configured; undefined when neither is set. */
export async function resolveJudge(flag: string | undefined, context: CommandContext): Promise<LanguageModel | undefined> {
  if (!flag && !context.config.roles.judge) return undefined;
  const { chooseModel, registerCommandLineProviders } = await import('../resolve-model.js');
  const choice = chooseModel(flag, context.config, 'judge');
  if (!choice) return undefined;
  await registerCommandLineProviders();
  const { createLanguageModel } = await import('../../models/create-model.js');
  return createLanguageModel(choice.id, choice.entry, { name: choice.name, signal: context.signal });
}

export async function runEvalScore(_args: string[], options: Record<string, unknown>, context: CommandContext): Promise<void> {
  const { getPredictionScorer } = await import('../../eval/predictions/index.js');
  if (!options.benchmark) throw new ConfigError('flag --benchmark', 'is required, e.g. --benchmark qvhighlights.');
  const entry = getPredictionScorer(String(options.benchmark));
  if (!options.predictions) throw new ConfigError('flag --predictions', `is required: ${entry.predictions}.`);
  if (entry.data && !options.data) throw new ConfigError('flag --data', `is required for ${String(options.benchmark)}: ${entry.data}.`);
  const judge = await resolveJudge(options.judge as string | undefined, context);
  const { createProgressRenderer } = await import('../progress-bar.js');
  const scorer = await entry.load();
  const report = await scorer({
    predictions: String(options.predictions),
    ...(options.data ? { dataDir: String(options.data) } : {}),
    ...(options.verdicts ? { verdicts: String(options.verdicts) } : {}),
    ...(judge ? { judge } : {}),
    signal: context.signal,
    onProgress: createProgressRenderer(context.stderr, !options.json && judge !== undefined),
  });
  if (options.json) {
    context.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  const { renderReport } = await import('../../eval/predictions/score-report.js');
  context.stdout.write(renderReport(report));
}
