/**
 * `reelm eval score --benchmark mlvu-generation`: the files `open_bench.py` writes (`subplot_all.json`,
 * `summary_all.json`: `[{video_name, Q, A, pred}]`), given as a file or a folder holding them. Each item is
 * keyed `<video_name>_<n>` (n counts repeats of a video, as `evaluate_ssc.py` / `evaluate_summary.py` key
 * them) and sub-scene items get their scoring points from `8_sub_scene.json` under `--data`, looked up by
 * question text as the script does. Three ways to score:
 * - `--verdicts`: the judge output the evaluate scripts saved (the `--output_json` file
 *   `{key: [{explain}, {q, a, pred, …}]}`, an `--output_dir` of `<key>.json`, or a folder holding both
 *   tasks' output dirs), read back with calculate.py's rules — no judge is called;
 * - `--judge`: each item judged with the official rubric, one at a time as the scripts do;
 * - neither: rules only — nothing is scored, and the report says how many items need a judge.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, NotFoundError } from '../../../core/errors.js';
import { StageProgress } from '../../../core/progress.js';
import { parsePredictionShape } from '../../predictions/parse-prediction-shape.js';
import { isFolder, listFiles, readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ReportRow, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { mlvuGenerationMetrics, summarizeMlvuGeneration } from './generation.js';
import { judgeMlvuGeneration } from './generation-judge.js';
import { readMlvuGenerationRecords } from './generation-loader.js';
import { mlvuJudgeRubrics, type MlvuGenerationTask } from './generation-rubric.js';
import { extractJudgeScores } from './generation-scores.js';

export const mlvuGenerationPredictionsFormat = 'open_bench.py\'s output [{"video_name": "…", "Q": "…", "A": "…", "pred": "…"}] (subplot_all.json or summary_all.json)';
const predictionsShape = z.array(z.object({ video_name: z.string(), Q: z.string(), A: z.string(), pred: z.string() }));
const verdictShape = z.tuple([z.object({ explain: z.string() }), z.object({ q: z.string() }).passthrough()]);
const verdictsFormat = 'the judge output of evaluate_ssc.py / evaluate_summary.py ({"<key>": [{"explain": "…"}, {"q", "a", "pred", …}]})';

interface Item { key: string; task: MlvuGenerationTask; question: string; answer: string; prediction: string }

/** The task a predictions file holds: by its name (`subplot…`, `summary…`), else by its questions. */
function taskOfFile(file: string, questions: readonly string[], subPlotQuestions: ReadonlySet<string>): MlvuGenerationTask {
  const name = path.basename(file).toLowerCase();
  if (name.includes('subplot') || name.includes('sub_scene')) return 'subPlot';
  if (name.includes('summary')) return 'summary';
  if (questions.length && questions.every((q) => subPlotQuestions.has(q))) return 'subPlot';
  if (questions.length && questions.every((q) => !subPlotQuestions.has(q))) return 'summary';
  throw new ConfigError(file, 'mixes sub-scene and summary questions; give open_bench.py\'s subplot_all.json and summary_all.json as separate files (or a folder holding both).');
}

async function readItems(predictions: string, subPlotQuestions: ReadonlySet<string>): Promise<Item[]> {
  const files = (await isFolder(predictions)) ? await listFiles(predictions, '.json', { origin: 'JUNJIE99/MLVU evaluation/generation_evaluation/open_bench.py (subplot_all.json, summary_all.json)' }) : [predictions];
  const items: Item[] = [];
  for (const file of files) {
    const raw = await readJsonFile<unknown>(file, { origin: 'your model run of JUNJIE99/MLVU open_bench.py' });
    const records = parsePredictionShape(raw, predictionsShape, file, mlvuGenerationPredictionsFormat);
    const task = taskOfFile(file, records.map((r) => r.Q.replace(/\n/g, '')), subPlotQuestions);
    const seen = new Map<string, number>();
    for (const record of records) {
      // evaluate_*.py: the first item of a video is <name>_0, the next <name>_1, …
      const count = seen.has(record.video_name) ? seen.get(record.video_name)! + 1 : 0;
      seen.set(record.video_name, count);
      items.push({ key: `${record.video_name}_${count}`, task, question: record.Q, answer: record.A, prediction: record.pred });
    }
  }
  return items;
}

/** The `<key>.json` files of an `--output_dir`, or of the output dirs one level down (one per task). */
async function verdictFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(folder, e.name));
  for (const sub of entries.filter((e) => e.isDirectory())) {
    files.push(...(await fs.readdir(path.join(folder, sub.name))).filter((name) => name.endsWith('.json')).map((name) => path.join(folder, sub.name, name)));
  }
  if (files.length === 0) throw new NotFoundError(folder, `${folder}: holds no <key>.json verdict files; expected the --output_dir of evaluate_ssc.py / evaluate_summary.py (or a folder holding both).`);
  return files.sort();
}

/** Verdicts by key, with the task each was judged under (sub-scene verdicts carry `scoring_points`). */
async function readVerdicts(source: string): Promise<Map<string, { task: MlvuGenerationTask; explain: string }>> {
  const entries: Array<[string, unknown]> = [];
  if (await isFolder(source)) {
    for (const file of await verdictFiles(source)) entries.push([path.basename(file, '.json'), await readJsonFile<unknown>(file, { origin: 'evaluate_ssc.py / evaluate_summary.py' })]);
  } else {
    const combined = parsePredictionShape(await readJsonFile<unknown>(source, { origin: 'the --output_json of evaluate_ssc.py / evaluate_summary.py' }), z.record(z.string(), z.unknown()), source, verdictsFormat, '--verdicts');
    entries.push(...Object.entries(combined));
  }
  const verdicts = new Map<string, { task: MlvuGenerationTask; explain: string }>();
  for (const [key, value] of entries) {
    const [saved, qaSet] = parsePredictionShape(value, verdictShape, `${source} (${key})`, verdictsFormat, '--verdicts');
    verdicts.set(key, { task: Object.hasOwn(qaSet, 'scoring_points') ? 'subPlot' : 'summary', explain: saved.explain });
  }
  return verdicts;
}

export const scoreMlvuGenerationPredictions: PredictionScorer = async (input): Promise<ScoreReport> => {
  const { path: subSceneFile, records } = await readMlvuGenerationRecords(input.dataDir ?? '.', 'subPlot');
  // get_scoring_points(): a dict by question text, so a repeated question keeps the last record's points.
  const scoringPoints = new Map(records.map((r) => [r.question, r.scoring_points ?? []]));
  const items = await readItems(input.predictions, new Set(scoringPoints.keys()));
  const scored: Array<{ task: MlvuGenerationTask; scores: number[] | null }> = [];
  const notes: string[] = [];
  let unreadable = 0;
  if (input.verdicts) {
    const verdicts = await readVerdicts(input.verdicts);
    for (const [, verdict] of verdicts) {
      const extracted = extractJudgeScores(verdict.explain, mlvuJudgeRubrics[verdict.task].scoreKeys);
      if (extracted.unreadable) unreadable += 1;
      scored.push({ task: verdict.task, scores: extracted.scores });
    }
    const missing = items.filter((item) => !verdicts.has(item.key)).length;
    notes.push(`scores read from the saved verdicts in ${input.verdicts} (calculate.py's rules; no judge called).`);
    if (missing) notes.push(`${missing} predictions have no verdict (evaluate_*.py had not finished them); they are left out, as calculate.py only sees judged files.`);
  } else if (input.judge) {
    // Every sub-scene question needs its scoring points; check them all before the first judge call.
    const pointsPerItem = items.map((item) => {
      const points = item.task === 'subPlot' ? scoringPoints.get(item.question.replace(/\n/g, '')) : [];
      if (points === undefined) throw new ConfigError(input.predictions, `item ${item.key}: its question is not in ${subSceneFile}, so evaluate_ssc.py has no scoring points for it ("${item.question.slice(0, 80)}").`);
      return points;
    });
    const progress = new StageProgress('judging MLVU generation answers', items.length, input.onProgress);
    for (const [index, item] of items.entries()) {
      const verdict = await judgeMlvuGeneration(input.judge, { task: item.task, question: item.question, answer: item.answer, prediction: item.prediction, scoringPoints: pointsPerItem[index]! }, input.signal);
      if (verdict.unreadable) unreadable += 1;
      scored.push({ task: item.task, scores: verdict.scores });
      progress.advance();
    }
    progress.finish();
    notes.push(`${items.length} answers judged by ${input.judge.id} with MLVU's rubric (the official judge is gpt-4-turbo at temperature 0).`);
  } else {
    for (const item of items) scored.push({ task: item.task, scores: null });
  }
  const summary = summarizeMlvuGeneration(scored);
  if (summary.needJudge) notes.push(`${summary.needJudge} of ${items.length} answers need a judge (rules only: generation answers are scored only by MLVU's GPT judge; give --judge or --verdicts).`);
  if (unreadable) notes.push(`${unreadable} judge replies hold a score key whose number Python's float() rejects (calculate.py would stop there); they add 0.`);
  const sections = (Object.entries(summary.tasks) as Array<[MlvuGenerationTask, NonNullable<(typeof summary.tasks)[MlvuGenerationTask]>]>).map(([task, result]) => {
    const names = mlvuGenerationMetrics[task];
    const rows: ReportRow[] = [row(`score_${names.first}`, result.first, floatRepr(result.first), result.judged), row(`score_${names.second}`, result.second, floatRepr(result.second), result.judged), row(names.column, result.total, floatRepr(result.total), result.judged)];
    return { title: `${task} (${mlvuJudgeRubrics[task].calculator.split('/').at(-1)}: accu rele total)`, rows };
  });
  if (summary.gAvg !== undefined) sections.push({ title: 'G-Avg (mean of SSC and VS)', rows: [row('G-Avg', summary.gAvg, floatRepr(summary.gAvg))] });
  return {
    benchmark: 'mlvu-generation',
    officialScript: 'JUNJIE99/MLVU evaluation/generation_evaluation/{evaluate_ssc,evaluate_summary,calculate,calculate_sum}.py',
    sections,
    notes,
    official: { needJudge: summary.needJudge, tasks: summary.tasks, ...(summary.gAvg !== undefined ? { gAvg: summary.gAvg } : {}) },
  };
};
