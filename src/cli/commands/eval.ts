/**
 * `reelm eval <action>`: the evaluation harness on the command line. Actions are a frozen table, each
 * loaded lazily from its own file (`eval-<action>.ts`), so `reelm --help` stays instant and adding an
 * action (`run`, `compare`, `list`) is a file and a line here. Options are declared once for all actions;
 * each action reads the ones it needs and says which are required.
 */

import type { CommandContext, CommandDeclaration } from '../command.js';

type EvalAction = (args: string[], options: Record<string, unknown>, context: CommandContext) => Promise<void>;

export const evalActions: Readonly<Record<string, { summary: string; load: () => Promise<EvalAction> }>> = Object.freeze({
  score: {
    summary: 'score predictions made elsewhere, given in the benchmark\'s own published format, with its official metrics',
    load: async () => (await import('./eval-score.js')).runEvalScore,
  },
  run: {
    summary: 'run a benchmark through a model: concurrent, cached, resumable, with a run record, submission and report',
    load: async () => (await import('./eval-run.js')).runEvalRun,
  },
  compare: {
    summary: 'compare runs side by side: per-category deltas with confidence intervals clustered by video',
    load: async () => (await import('./eval-compare.js')).runEvalCompare,
  },
  list: {
    summary: 'list benchmarks and variants, what data each needs, and whether it is present under --data',
    load: async () => (await import('./eval-list.js')).runEvalList,
  },
});

/** Commander hands a variadic argument over as one array. */
function runFolders(rest: readonly unknown[]): string[] {
  return rest.flatMap((value) => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]));
}

export const evalCommand: CommandDeclaration = {
  name: 'eval',
  summary: 'Evaluate on benchmarks: run a model, compare runs, list benchmarks, score published or external predictions with the official rules.',
  help: `Actions:
${Object.entries(evalActions).map(([name, action]) => `  ${name.padEnd(9)}  ${action.summary}`).join('\n')}

Examples:
  reelm eval score --benchmark qvhighlights --data moment_detr --predictions moment_detr/standalone_eval/sample_val_preds.jsonl
  reelm eval score --benchmark ovobench --predictions OVO-Bench/results/Gemini
  reelm eval score --benchmark tempcompass --data TempCompass --predictions TempCompass/predictions/gemini \\
                   --verdicts TempCompass/auto_eval_results/gemini
  reelm eval score --benchmark nextqa --data NExT-QA --predictions NExT-QA/results/HGA-bert-ft-h256-val.json --json
  reelm eval run --benchmark synth-small --data synth-small --model oracle:reference --concurrency 8 --out runs
  reelm eval run --resume runs/<run-id>
  reelm eval compare runs/<run-a> runs/<run-b>
  reelm eval list --data benchmarks/`,
  arguments: [
    { name: 'action', description: Object.keys(evalActions).join(' | '), required: true },
    { name: 'runs...', description: 'compare: the run folders', required: false },
  ],
  options: [
    { flags: '--benchmark <id>', description: 'benchmark id (a variant as <id>:<variant>, e.g. qvhighlights:test)' },
    { flags: '--data <dir>', description: "the benchmark's files: a checkout of its GitHub repository or its Hugging Face dataset folder" },
    { flags: '--predictions <path>', description: "predictions in the benchmark's published format: a file, or a folder where the benchmark splits results per task" },
    { flags: '--verdicts <path>', description: 'saved judge verdicts to reuse instead of judging again (TempCompass auto_eval_results/<model>/; MLVU generation: the judge output folders of its evaluate_ssc.py / evaluate_summary.py)' },
    { flags: '--judge <model>', description: 'judge model for answers the rules cannot match (a configured name or provider:model; default: the judge role, if configured)' },
    { flags: '--json', description: 'print the report as JSON' },
    { flags: '--model <id>', description: 'run: the model (a configured name or provider:model, e.g. oracle:reference)' },
    { flags: '--strategy <id>', description: 'run: the planning strategy (default auto)' },
    { flags: '--max-visual-tokens <n>', description: 'run: visual tokens per sample (default 16000 when no cap is given)' },
    { flags: '--max-images <n>', description: 'run: images per sample' },
    { flags: '--max-output-tokens <n>', description: 'run: answer length cap (default 256)' },
    { flags: '--protocol <name>', description: "run: reelm (the planner, default) or lmms-eval:<model-class>: that class's frame count and the prompt its task yaml gives it (lmms_eval_specific_kwargs, class entry else default), e.g. lmms-eval:llava_onevision, lmms-eval:gpt4v" },
    { flags: '--limit <n>', description: 'run: only the first n samples' },
    { flags: '--concurrency <k>', description: 'run: samples in flight (default 4)' },
    { flags: '--max-usd <x>', description: 'run: stop cleanly once this many dollars are spent' },
    { flags: '--dry-run', description: 'run: print the plan and an estimated cost; call no model' },
    { flags: '--resume <run-dir>', description: 'run: continue a killed run; samples with a recorded result are skipped' },
    { flags: '--out <dir>', description: 'run: where run folders go (default runs/)' },
  ],
  async run([action, ...rest], options, context) {
    const { ConfigError } = await import('../../core/errors.js');
    const entry = action === undefined ? undefined : evalActions[action];
    if (!entry) throw new ConfigError(`argument ${action}`, `unknown action; one of ${Object.keys(evalActions).join(', ')}.`);
    await (await entry.load())(runFolders(rest), options, context);
  },
};
