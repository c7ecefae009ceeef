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
});

export const evalCommand: CommandDeclaration = {
  name: 'eval',
  summary: 'Evaluate on benchmarks: score published or external predictions with the official rules.',
  help: `Actions:
${Object.entries(evalActions).map(([name, action]) => `  ${name.padEnd(9)}  ${action.summary}`).join('\n')}

Examples:
  reelm eval score --benchmark qvhighlights --data moment_detr --predictions moment_detr/standalone_eval/sample_val_preds.jsonl
  reelm eval score --benchmark ovobench --predictions OVO-Bench/results/Gemini
  reelm eval score --benchmark tempcompass --data TempCompass --predictions TempCompass/predictions/gemini \\
                   --verdicts TempCompass/auto_eval_results/gemini
  reelm eval score --benchmark nextqa --data NExT-QA --predictions NExT-QA/results/HGA-bert-ft-h256-val.json --json`,
  arguments: [{ name: 'action', description: Object.keys(evalActions).join(' | '), required: true }],
  options: [
    { flags: '--benchmark <id>', description: 'benchmark id (a variant as <id>:<variant>, e.g. qvhighlights:test)' },
    { flags: '--data <dir>', description: "the benchmark's files: a checkout of its GitHub repository or its Hugging Face dataset folder" },
    { flags: '--predictions <path>', description: "predictions in the benchmark's published format: a file, or a folder where the benchmark splits results per task" },
    { flags: '--verdicts <path>', description: 'published judge verdicts to reuse instead of judging again (TempCompass auto_eval_results/<model>/)' },
    { flags: '--judge <model>', description: 'judge model for answers the rules cannot match (a configured name or provider:model; default: the judge role, if configured)' },
    { flags: '--json', description: 'print the report as JSON' },
  ],
  async run([action], options, context) {
    const { ConfigError } = await import('../../core/errors.js');
    const entry = action === undefined ? undefined : evalActions[action];
    if (!entry) throw new ConfigError(`argument ${action}`, `unknown action; one of ${Object.keys(evalActions).join(', ')}.`);
    await (await entry.load())([], options, context);
  },
};
