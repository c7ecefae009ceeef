/**
 * `reelm eval run --benchmark <id[:variant]> --data <dir> --model <id> […]`: runs a benchmark through
 * the model with reelm's planner or an lmms-eval protocol, concurrently, with progress, ETA and running
 * cost on stderr; `--dry-run` prints the plan and an estimated cost without calling the model;
 * `--resume <run-dir>` continues a killed run with the settings its run.json recorded.
 */

import { ConfigError } from '../../core/errors.js';
import type { RunSettings } from '../../eval/runner/run-record.js';
import type { SampleStatus } from '../../eval/runner/run-evaluation.js';
import type { CommandContext } from '../command.js';

function numberFlag(options: Record<string, unknown>, name: string, flag: string, integer: boolean): number | null {
  const raw = options[name];
  if (raw === undefined) return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new ConfigError(`flag ${flag}`, `must be a positive ${integer ? 'whole ' : ''}number, not "${String(raw)}".`);
  return value;
}

/** The run's settings from the flags, or from the run being resumed (flags may change only --concurrency and --max-usd). */
async function settingsFrom(options: Record<string, unknown>): Promise<RunSettings> {
  const concurrency = numberFlag(options, 'concurrency', '--concurrency', true);
  const maxUsd = numberFlag(options, 'maxUsd', '--max-usd', false);
  if (options.resume) {
    const { readRunRecord } = await import('../../eval/runner/run-record.js');
    const record = await readRunRecord(String(options.resume));
    if (options.model && options.model !== record.settings.model) throw new ConfigError('flag --model', `the run in ${String(options.resume)} used ${record.settings.model}; resume it with that model or start a new run.`);
    return { ...record.settings, ...(concurrency === null ? {} : { concurrency }), ...(maxUsd === null ? {} : { maxUsd }) };
  }
  if (!options.benchmark) throw new ConfigError('flag --benchmark', 'is required, e.g. --benchmark synth-small (see reelm eval list).');
  if (!options.data) throw new ConfigError('flag --data', 'is required: the folder holding the benchmark\'s files.');
  if (!options.model) throw new ConfigError('flag --model', 'is required, e.g. --model oracle:reference or a configured model name.');
  const maxVisualTokens = numberFlag(options, 'maxVisualTokens', '--max-visual-tokens', true);
  const maxImages = numberFlag(options, 'maxImages', '--max-images', true);
  return {
    benchmark: String(options.benchmark),
    dataDir: String(options.data),
    model: String(options.model),
    judge: options.judge ? String(options.judge) : null,
    protocol: options.protocol ? String(options.protocol) : 'reelm',
    strategy: options.strategy ? String(options.strategy) : null,
    budget: { ...(maxVisualTokens === null ? {} : { maxVisualTokens }), ...(maxImages === null ? {} : { maxImages }), ...(maxVisualTokens === null && maxImages === null ? { maxVisualTokens: 16_000 } : {}) },
    maxOutputTokens: numberFlag(options, 'maxOutputTokens', '--max-output-tokens', true) ?? 256,
    limit: numberFlag(options, 'limit', '--limit', true),
    concurrency: concurrency ?? 4,
    maxUsd,
  };
}

function sampleLine(status: SampleStatus): string {
  const eta = status.etaSec === undefined ? '?' : `${Math.round(status.etaSec)}s`;
  const cost = status.usd === null ? 'cost n/a' : `$${status.usd.toFixed(4)}`;
  return `[${status.done}/${status.total}] eta ${eta} · ${cost}`;
}

export async function runEvalRun(_args: string[], options: Record<string, unknown>, context: CommandContext): Promise<void> {
  const settings = await settingsFrom(options);
  const { chooseModel, registerCommandLineProviders } = await import('../resolve-model.js');
  const choice = chooseModel(settings.model, context.config);
  if (!choice) throw new ConfigError('flag --model', 'names no model.');
  await registerCommandLineProviders();
  const { createLanguageModel } = await import('../../models/create-model.js');
  const { ResponseCache } = await import('../../models/response-cache.js');
  const { cliCache } = await import('../cache.js');
  const cache = cliCache(context);
  const model = await createLanguageModel(choice.id, choice.entry, {
    name: choice.name,
    signal: context.signal,
    // The runner caches every response itself, keyed by the model's declared endpoint (see cached-model.ts).
    cache: null,
    policy: { concurrency: settings.concurrency },
    ...(options.dryRun ? { discover: false } : {}),
  });

  if (options.dryRun) {
    const { estimateRun, renderEstimate } = await import('../../eval/runner/estimate-run.js');
    const estimate = await estimateRun(settings, model, cache, context.signal);
    context.stdout.write(options.json ? `${JSON.stringify(estimate, null, 2)}\n` : renderEstimate(estimate));
    return;
  }
  // Benchmarks with a judge step (TempCompass) score the answers their rules cannot match with it.
  const { resolveJudge } = await import('./eval-score.js');
  const judge = settings.judge ? await resolveJudge(settings.judge, context) : undefined;
  const { runEvaluation } = await import('../../eval/runner/run-evaluation.js');
  const { renderMarkdownReport } = await import('../../eval/runner/run-reports.js');
  const tty = Boolean(context.stderr.isTTY);
  let lastDecile = -1;
  const result = await runEvaluation({
    settings,
    model,
    ...(judge ? { judge } : {}),
    outDir: options.out ? String(options.out) : 'runs',
    ...(options.resume ? { resumeDir: String(options.resume) } : {}),
    cache,
    responseCache: context.config.cache ? new ResponseCache(context.config.cacheDir) : null,
    signal: context.signal,
    onProgress: (event) => {
      if (event.type === 'warning') context.stderr.write(`${tty ? '\n' : ''}warning: ${event.message}\n`);
    },
    onSample: (status) => {
      const decile = Math.floor((10 * status.done) / status.total);
      if (tty) context.stderr.write(`\r${sampleLine(status)}   `);
      else if (decile !== lastDecile) context.stderr.write(`${sampleLine(status)}\n`);
      lastDecile = decile;
    },
  });
  if (tty) context.stderr.write('\n');
  context.stderr.write(`run folder: ${result.runDir}\n`);
  context.stdout.write(options.json ? `${JSON.stringify(result.record, null, 2)}\n` : renderMarkdownReport(result.record));
}
