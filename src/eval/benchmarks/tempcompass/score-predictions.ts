/**
 * `reelm eval score --benchmark tempcompass`: a model's prediction folder (`predictions/<model>/`, one
 * `<task>.json` per task) or one task file, scored as the `eval_<task>.py` scripts score it and reported
 * as `print_result` prints it. Answers the rules cannot match go to published verdicts when given
 * (`--verdicts auto_eval_results/<model>/`: the benchmark's own judge ratings, so reproduction does not
 * re-judge), else to the judge model, else are rated 0 and counted (the scripts' `--disable_llm`).
 * Captioning always needs a judge or verdicts.
 */

import path from 'node:path';
import { ConfigError, throwIfAborted } from '../../../core/errors.js';
import type { LanguageModel } from '../../../models/language-model.js';
import { StageProgress } from '../../../core/progress.js';
import { floatRepr } from '../../python-numbers.js';
import { roundLikePython } from '../../predictions/numpy-mean.js';
import { isFolder } from '../../predictions/read-official-file.js';
import { row, type ReportSection, type ScorePredictionsInput, type ScoreReport } from '../../predictions/score-report.js';
import { judgeAnswer, type JudgeCase } from './judge.js';
import { loadMetaInfo, loadTempcompassQuestions, readPerVideo, taskFiles, type PerVideo, type TempcompassPrediction, type TempcompassQuestion, type TempcompassTask, type TempcompassVerdict } from './records.js';
import { cleanGeminiCaption, cleanPrediction, cleanRekaCaption, matchCaption, matchMultiChoice, matchYesNo } from './rules.js';
import { summarizeTempcompass, type RatedItem } from './summary.js';

/** Judge requests in flight at once. */
const judgeConcurrency = 8;

function ruleFor(task: TempcompassTask, prediction: string, item: TempcompassQuestion): number | undefined {
  if (task === 'multi-choice') return matchMultiChoice(prediction, item.answer);
  if (task === 'yes_no') return matchYesNo(prediction, item.answer);
  if (task === 'caption_matching') return matchCaption(prediction, item.question, item.answer);
  return undefined;
}

async function verdictsFor(verdicts: string | undefined, task: TempcompassTask): Promise<PerVideo<TempcompassVerdict> | undefined> {
  if (!verdicts) return undefined;
  const file = (await isFolder(verdicts)) ? path.join(verdicts, `${task}.json`) : verdicts;
  return readPerVideo<TempcompassVerdict>(file);
}

interface TaskOutcome {
  items: RatedItem[];
  needJudge: number;
  fromVerdicts: number;
  judged: number;
  judgeNotUnderstood: number;
  disagreements: number;
  /** Items whose published verdict says the rules matched (`match_success`), when verdicts are given. */
  publishedMatched: number;
  /** Items the current rules match that the published verdicts mark unmatched. */
  matchedHereNotThere: number;
}

async function scoreTask(task: TempcompassTask, file: string, input: ScorePredictionsInput, modelName: string): Promise<TaskOutcome | undefined> {
  const predictions = await readPerVideo<TempcompassPrediction>(file);
  const verdicts = await verdictsFor(input.verdicts, task);
  if (task === 'captioning' && !verdicts && !input.judge) return undefined;
  const multiChoice = task === 'captioning' && !verdicts ? await loadTempcompassQuestions(input.dataDir ?? '', 'multi-choice') : undefined;
  const outcome: TaskOutcome = { items: [], needJudge: 0, fromVerdicts: 0, judged: 0, judgeNotUnderstood: 0, disagreements: 0, publishedMatched: 0, matchedHereNotThere: 0 };
  const judgeJobs: Array<{ slot: number; item: JudgeCase }> = [];
  for (const [video, dimensions] of Object.entries(predictions)) {
    for (const [dimension, list] of Object.entries(dimensions)) {
      for (const [index, item] of list.entries()) {
        const raw = item.prediction !== undefined ? item.prediction : item.response;
        if (raw === null || raw === undefined) {
          if (verdicts?.[video]?.[dimension]?.[index]?.match_success) outcome.publishedMatched += 1;
          outcome.items.push({ video, dimension, rating: 0, matchSuccess: false });
          continue;
        }
        let prediction = cleanPrediction(raw);
        if (task === 'captioning' && modelName.includes('gemini')) prediction = cleanGeminiCaption(prediction);
        if (task === 'captioning' && modelName.includes('reka')) prediction = cleanRekaCaption(prediction);
        const ruled = ruleFor(task, prediction, item);
        const published = verdicts?.[video]?.[dimension]?.[index];
        if (published?.match_success) outcome.publishedMatched += 1;
        if (ruled !== undefined) {
          if (published && published.match_success === false) outcome.matchedHereNotThere += 1;
          if (published && published.rating !== ruled) outcome.disagreements += 1;
          outcome.items.push({ video, dimension, rating: ruled, matchSuccess: true });
          continue;
        }
        outcome.needJudge += 1;
        const matchSuccess = task === 'captioning' ? undefined : false;
        if (verdicts) {
          if (!published) throw new ConfigError(input.verdicts ?? 'verdicts', `has no verdict for ${video} / ${dimension} #${index} of ${task}; pass the auto_eval_results folder of the same model.`);
          outcome.fromVerdicts += 1;
          outcome.items.push({ video, dimension, rating: published.rating, matchSuccess });
        } else if (input.judge) {
          const mc = multiChoice?.[video]?.[dimension]?.[0];
          judgeJobs.push({ slot: outcome.items.length, item: { task, question: item.question, answer: item.answer, prediction, ...(mc ? { multiChoice: mc } : {}) } });
          outcome.items.push({ video, dimension, rating: 0, matchSuccess });
        } else {
          outcome.items.push({ video, dimension, rating: 0, matchSuccess: false });
        }
      }
    }
  }
  if (input.judge && judgeJobs.length) await judgeAll(input.judge, judgeJobs, outcome, `tempcompass ${task}: judge`, input);
  return outcome;
}

/** Judges in a bounded pool (the model's call policy may limit further); ratings land in their slots. */
async function judgeAll(judge: LanguageModel, jobs: ReadonlyArray<{ slot: number; item: JudgeCase }>, outcome: TaskOutcome, stage: string, input: ScorePredictionsInput): Promise<void> {
  const progress = new StageProgress(stage, jobs.length, input.onProgress);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      throwIfAborted(input.signal);
      const verdict = await judgeAnswer(judge, job.item, input.signal);
      outcome.items[job.slot]!.rating = verdict.rating;
      outcome.judged += 1;
      if (!verdict.understood) outcome.judgeNotUnderstood += 1;
      progress.advance();
    }
  };
  await Promise.all(Array.from({ length: Math.min(judgeConcurrency, jobs.length) }, worker));
  progress.finish();
}

const printed = (value: number | null): string => (value === null ? '—' : floatRepr(roundLikePython(value, 1)));

export async function scoreTempcompassPredictions(input: ScorePredictionsInput): Promise<ScoreReport> {
  if (!input.dataDir) throw new ConfigError('flag --data', 'is required for tempcompass: a checkout of llyx97/TempCompass (holding meta_info.json).');
  const meta = await loadMetaInfo(input.dataDir);
  const files = await taskFiles(input.predictions);
  const modelName = path.basename((await isFolder(input.predictions)) ? path.resolve(input.predictions) : path.dirname(path.resolve(input.predictions)));
  const sections: ReportSection[] = [];
  const notes: string[] = [];
  const official: Record<string, unknown> = {};
  for (const { task, file } of files) {
    const outcome = await scoreTask(task, file, input, modelName);
    if (!outcome) {
      notes.push(`${task}: every caption needs a judge; pass --judge <model> or --verdicts auto_eval_results/<model>/ to score it.`);
      continue;
    }
    const summary = summarizeTempcompass(outcome.items, meta);
    const rows = [
      ...Object.entries(summary.dimensions).map(([name, value]) => row(name, value, printed(value))),
      ...Object.entries(summary.fineGrained).map(([name, value]) => row(name, value, printed(value))),
      row('Match Success Rate', summary.matchSuccessRate, printed(summary.matchSuccessRate)),
    ];
    const publishedRate = input.verdicts ? (outcome.publishedMatched / summary.questions) * 100 : undefined;
    if (publishedRate !== undefined) rows.push(row('Match Success Rate (published verdicts)', publishedRate, printed(publishedRate)));
    sections.push({ title: `${task} (${summary.questions} questions)`, rows });
    official[task] = {
      accuracy: Object.fromEntries(Object.entries(summary.dimensions).map(([k, v]) => [k, v === null ? null : roundLikePython(v, 1)])),
      fineGrained: Object.fromEntries(Object.entries(summary.fineGrained).map(([k, v]) => [k, v === null ? null : roundLikePython(v, 1)])),
      matchSuccessRate: roundLikePython(summary.matchSuccessRate, 1),
      ...(publishedRate !== undefined ? { publishedMatchSuccessRate: roundLikePython(publishedRate, 1) } : {}),
      neededJudge: outcome.needJudge,
    };
    const how = outcome.fromVerdicts ? `${outcome.fromVerdicts} from the published verdicts` : outcome.judged ? `${outcome.judged} judged by ${input.judge?.id}${outcome.judgeNotUnderstood ? ` (${outcome.judgeNotUnderstood} replies said neither Correct nor Incorrect, rated 0)` : ''}` : 'rated 0 (rules only)';
    notes.push(`${task}: ${outcome.needJudge} of ${summary.questions} answers needed a judge: ${outcome.needJudge ? how : 'none'}.`);
    if (outcome.matchedHereNotThere) notes.push(`${task}: the published verdicts mark ${outcome.matchedHereNotThere} answers unmatched that the current rules match (e.g. answers ending in whitespace, which the current scripts strip before matching); the ratings agree, only the match success rate differs.`);
    if (outcome.disagreements) notes.push(`${task}: ${outcome.disagreements} rule-matched answers disagree with the published verdicts.`);
  }
  return { benchmark: 'tempcompass', officialScript: 'llyx97/TempCompass eval_<task>.py + utils/eval_utils.py print_result', sections, notes, official };
}
