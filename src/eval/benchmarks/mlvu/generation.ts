/**
 * MLVU's dev generation tasks as a benchmark (`mlvu-generation`): sub-scene captioning and video summary,
 * prompted as `open_bench.py` does and scored only by a judge — the configured `--judge` model with the
 * official rubric (generation-rubric.ts). Without a judge every answer stays unscored and is counted as
 * needing one. Reported as MLVU reports them: per task the two averaged 1–5 scores and their sum (SSC,
 * VS, out of 10), and G-Avg, their mean — apart from the multiple-choice M-Avg (`mlvu`).
 */

import { defineBenchmark, type Benchmark, type BenchmarkPrompt, type DocScore, type OfficialReport } from '../../benchmark.js';
import { judgeMlvuGeneration } from './generation-judge.js';
import { loadMlvuGeneration, mlvuGenerationSubmission, type MlvuGenerationDoc } from './generation-loader.js';
import type { MlvuGenerationTask } from './generation-rubric.js';
import { averageJudgeScores, type GenerationTaskScore } from './generation-scores.js';

/** The system text of `open_bench.py`'s template (`conv.system`), before the question. */
export const mlvuGenerationSystem = 'Carefully watch this video and pay attention to every detail. Based on your observations, answer the given questions.';

/** Per task: the metric names of its two scores (the rubric's keys without `score_`) and the leaderboard column. */
export const mlvuGenerationMetrics = Object.freeze({
  subPlot: { first: 'accuracy', second: 'relevance', column: 'SSC' },
  summary: { first: 'completeness', second: 'reliability', column: 'VS' },
} as const satisfies Record<MlvuGenerationTask, { first: string; second: string; column: string }>);

export function mlvuGenerationPrompt(doc: Pick<MlvuGenerationDoc, 'question'>): BenchmarkPrompt {
  return { kind: 'open', text: `${mlvuGenerationSystem}\n${doc.question}` };
}

/** Rules cannot score free text: both of the task's scores are left for a judge. */
export function scoreMlvuGenerationDoc(doc: MlvuGenerationDoc): DocScore {
  const names = mlvuGenerationMetrics[doc.task];
  return { [names.first]: null, [names.second]: null };
}

/** The judge's two scores in `calculate.py`'s positional order; a reply it cannot read adds 0, as the script does. */
export function judgedScore(task: MlvuGenerationTask, scores: readonly number[], unreadable: boolean): DocScore {
  const names = mlvuGenerationMetrics[task];
  return { [names.first]: scores[0] ?? 0, [names.second]: scores[1] ?? 0, scoresRead: scores.length, ...(unreadable ? { unreadable: 1 } : {}) };
}

export interface MlvuGenerationSummary {
  tasks: Partial<Record<MlvuGenerationTask, GenerationTaskScore>>;
  /** Mean of SSC and VS, when both tasks were judged. */
  gAvg?: number;
  /** Items no judge scored. */
  needJudge: number;
}

/** Averages each task's judged items as calculate.py / calculate_sum.py do. */
export function summarizeMlvuGeneration(items: ReadonlyArray<{ task: MlvuGenerationTask; scores: readonly number[] | null }>): MlvuGenerationSummary {
  const tasks: MlvuGenerationSummary['tasks'] = {};
  for (const task of Object.keys(mlvuGenerationMetrics) as MlvuGenerationTask[]) {
    const judged = items.filter((item) => item.task === task && item.scores !== null).map((item) => item.scores!);
    if (judged.length) tasks[task] = averageJudgeScores(judged);
  }
  const summary: MlvuGenerationSummary = { tasks, needJudge: items.filter((item) => item.scores === null).length };
  if (tasks.subPlot && tasks.summary) summary.gAvg = (tasks.subPlot.total + tasks.summary.total) / 2;
  return summary;
}

/** Rebuilds the positional score list from a doc's scores (`scoresRead` says how many the reply held). */
function scoresOf(doc: MlvuGenerationDoc, score: DocScore | undefined): number[] | null {
  const names = mlvuGenerationMetrics[doc.task];
  const first = score?.[names.first];
  if (first === null || first === undefined) return null;
  return [first, score?.[names.second] ?? 0].slice(0, score?.scoresRead ?? 2);
}

export function mlvuGenerationReport(docs: readonly MlvuGenerationDoc[], scores: readonly DocScore[]): OfficialReport {
  const summary = summarizeMlvuGeneration(docs.map((doc, i) => ({ task: doc.task, scores: scoresOf(doc, scores[i]) })));
  const metrics: Record<string, number> = {};
  for (const [task, result] of Object.entries(summary.tasks) as Array<[MlvuGenerationTask, GenerationTaskScore]>) {
    const names = mlvuGenerationMetrics[task];
    metrics[`${task} ${names.first}`] = result.first;
    metrics[`${task} ${names.second}`] = result.second;
    metrics[names.column] = result.total;
  }
  if (summary.gAvg !== undefined) metrics['G-Avg'] = summary.gAvg;
  return { metrics, counted: docs.length - summary.needJudge, total: docs.length, unparsed: summary.needJudge };
}

export const mlvuGeneration: Benchmark<MlvuGenerationDoc> = defineBenchmark<MlvuGenerationDoc>({
  id: 'mlvu-generation',
  description: 'MLVU dev generation tasks (sub-scene captioning, video summary): judged with the official GPT rubric, SSC and VS out of 10, G-Avg their mean',
  load: loadMlvuGeneration,
  docToVisual: (doc) => ({ video: doc.video }),
  docToPrompt: mlvuGenerationPrompt,
  scoreDoc: scoreMlvuGenerationDoc,
  async judgeDoc(doc, output, judge, signal) {
    const verdict = await judgeMlvuGeneration(judge, { task: doc.task, question: doc.question, answer: doc.answer, prediction: output, ...(doc.scoringPoints ? { scoringPoints: doc.scoringPoints } : {}) }, signal);
    return judgedScore(doc.task, verdict.scores, verdict.unreadable);
  },
  aggregate: mlvuGenerationReport,
  toSubmission: mlvuGenerationSubmission,
  metrics: [
    { name: 'accuracy', aggregate: 'mean', higherIsBetter: true },
    { name: 'relevance', aggregate: 'mean', higherIsBetter: true },
    { name: 'completeness', aggregate: 'mean', higherIsBetter: true },
    { name: 'reliability', aggregate: 'mean', higherIsBetter: true },
  ],
});
