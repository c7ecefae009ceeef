/**
 * `reelm eval score --benchmark mvbench:lmms-eval`: the per-sample logs lmms-eval writes with
 * `--log_samples` (`<date>_samples_mvbench_<subtask>.jsonl`, one JSON line per question carrying
 * `"mvbench_accuracy": {"pred_answer", "gt_answer", "score"}`), given as one file or the folder holding
 * them. Each answer is re-matched with `mcq_acc` (lmms-eval-mcq.ts) and each subtask aggregated as
 * `mvbench_aggregate_results` does: 100 × correct / answered, where an empty raw answer leaves the
 * denominator. lmms-eval prints no group score for `mvbench`; the overall line here is reelm's
 * (the same rule over all subtasks) and is labelled so.
 */

import path from 'node:path';
import { z } from 'zod';
import { parseJsonLines } from '../../benchmark-files.js';
import { parsePredictionShape } from '../../predictions/parse-prediction-shape.js';
import { isFolder, listFiles, readTextFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { lmmsEvalMcqCorrect } from './lmms-eval-mcq.js';

const samplesFormat = 'lmms-eval --log_samples output for mvbench (JSON lines with "mvbench_accuracy": {"pred_answer", "gt_answer", "score"})';
const sampleShape = z.object({ mvbench_accuracy: z.object({ pred_answer: z.string(), gt_answer: z.string() }) });
const origin = { origin: 'lmms-eval run with --log_samples (<output_path>/<model>/<date>_samples_mvbench_<subtask>.jsonl)' };

/** The subtask a samples file belongs to, from lmms-eval's file name. */
function subtaskOf(file: string): string {
  return /samples_(mvbench_\w+?)\.jsonl$/.exec(path.basename(file))?.[1] ?? path.basename(file, '.jsonl');
}

export const scoreMvbenchLmmsEvalSamples: PredictionScorer = async (input): Promise<ScoreReport> => {
  const files = (await isFolder(input.predictions)) ? (await listFiles(input.predictions, '.jsonl', origin)).filter((file) => /samples_mvbench_/.test(path.basename(file))) : [input.predictions];
  const rows = [];
  let correct = 0;
  let answered = 0;
  let empty = 0;
  for (const file of files) {
    const lines = parseJsonLines<unknown>(await readTextFile(file, origin), file).map((line, i) => parsePredictionShape(line, sampleShape, `${file} line ${i + 1}`, samplesFormat).mvbench_accuracy);
    const kept = lines.filter((sample) => sample.pred_answer !== '');
    const right = kept.filter((sample) => lmmsEvalMcqCorrect(sample.gt_answer, sample.pred_answer)).length;
    const value = kept.length ? (100 * right) / kept.length : 0;
    rows.push(row(subtaskOf(file), value, floatRepr(value), kept.length));
    correct += right;
    answered += kept.length;
    empty += lines.length - kept.length;
  }
  const overall = answered ? (100 * correct) / answered : 0;
  return {
    benchmark: 'mvbench:lmms-eval',
    officialScript: 'EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/mvbench/utils.py (mcq_acc, mvbench_aggregate_results)',
    sections: [
      { title: 'mvbench_accuracy per subtask', rows },
      { title: 'overall (not printed by lmms-eval: same rule over all subtasks)', rows: [row('all subtasks', overall, floatRepr(overall), answered)] },
    ],
    notes: [`${empty} empty answers left out of the denominators, as mvbench_aggregate_results does.`],
  };
};
