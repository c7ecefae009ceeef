/**
 * `reelm eval score --benchmark mvbench|tvbench`: the file the official notebook saves
 * (`{"acc_dict": {task: [correct, total]}, "res_list": [{pred, gt}]}` — Ask-Anything
 * `video_chat2/mvbench.ipynb` and daniel-cores/tvbench `infer.ipynb`, both `test.json`), re-scored from
 * each `pred` and `gt` with `check_ans`. `res_list` carries no task, but the notebooks walk the dataset
 * task by task in `data_list` order, so its entries are the tasks' blocks in `acc_dict`'s order, each as
 * long as that task's total; a file where the totals do not add up is rejected. Counts that differ from
 * the saved `acc_dict` are reported (the file was edited, or made by another `check_ans`).
 */

import { z } from 'zod';
import { ConfigError } from '../../../core/errors.js';
import { parsePredictionShape } from '../../predictions/parse-prediction-shape.js';
import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ReportRow, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr, formatFixedLikePython } from '../../python-numbers.js';
import { mvbenchCheckAnswer, mvbenchReport } from './score.js';

export const mvbenchResultsFormat = 'the notebook\'s saved results {"acc_dict": {"<task>": [correct, total]}, "res_list": [{"pred": "(A) …", "gt": "(A) …"}]}';

const savedResults = z.object({
  acc_dict: z.record(z.string(), z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  res_list: z.array(z.object({ pred: z.string(), gt: z.string() })),
});

export interface MvbenchFormatScorer {
  benchmark: 'mvbench' | 'tvbench';
  officialScript: string;
  /** How the notebook prints a percentage: `final_res` as `repr` (MVBench), or "Total Acc: xx.xx%" (TVBench). */
  printed: 'repr' | 'percent-2f';
}

/** Assigns each `res_list` entry its task from `acc_dict`'s totals, in order. */
function tasksInOrder(accDict: Readonly<Record<string, readonly [number, number]>>, count: number, file: string): string[] {
  const tasks = Object.entries(accDict).flatMap(([task, [, total]]) => Array<string>(total).fill(task));
  if (tasks.length !== count) {
    throw new ConfigError(file, `acc_dict counts ${tasks.length} questions but res_list holds ${count}; the notebook writes one res_list entry per counted question, so this file was cut or merged. Re-save it from the notebook.`);
  }
  return tasks;
}

export function scoreMvbenchFormatPredictions(options: MvbenchFormatScorer): PredictionScorer {
  return async (input): Promise<ScoreReport> => {
    const raw = await readJsonFile<unknown>(input.predictions, { origin: `your model run of ${options.officialScript}` });
    const saved = parsePredictionShape(raw, savedResults, input.predictions, mvbenchResultsFormat);
    const tasks = tasksInOrder(saved.acc_dict, saved.res_list.length, input.predictions);
    const questions = saved.res_list.map((entry, i) => ({ task: tasks[i]!, correct: mvbenchCheckAnswer(entry.pred, entry.gt) ? 1 : 0, empty: entry.pred === '(' }));
    const report = mvbenchReport(questions);
    const format = (value: number): string => (options.printed === 'repr' ? floatRepr(value) : `${formatFixedLikePython(value, 2)}%`);
    // TVBench's notebook has no final_res cell: its last "Part  Acc" per task and "Total Acc" are what it prints.
    const overallName = options.printed === 'repr' ? 'Avg' : 'Total Acc';
    const rows: ReportRow[] = Object.entries(report.metrics).map(([name, value]) => (name === 'Avg' ? row(overallName, value, format(value), report.total) : row(name, value, format(value), saved.acc_dict[name]?.[1])));
    const differing = Object.entries(saved.acc_dict).filter(([task, [correct]]) => questions.filter((q) => q.task === task && q.correct === 1).length !== correct).map(([task]) => task);
    const notes = [
      `${overallName} is over all questions (micro), as the notebook computes it; per task is correct/total × 100.`,
      `${report.unparsed} answers are empty ("("); check_ans counts them as correct, as the notebook does.`,
    ];
    if (differing.length) notes.push(`re-scored counts differ from the saved acc_dict for: ${differing.join(', ')} (the numbers above are check_ans on each pred and gt).`);
    return { benchmark: options.benchmark, officialScript: options.officialScript, sections: [{ title: options.printed === 'repr' ? 'final_res' : 'Part  Acc / Total Acc', rows }], notes };
  };
}
