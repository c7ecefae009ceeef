/**
 * TempCompass (llyx97/TempCompass) as a benchmark: one doc per question of the four tasks
 * (`questions/<task>.json`), the video `videos/<id>.mp4`, the question plus the task's answer prompt from
 * the repository's inference scripts, scored by the official matching rules. An answer the rules cannot
 * match scores null — it needs the judge (`judgeCaseForDoc` + `judgeAnswer` with the configured `judge`
 * model), and a rules-only run reports how many did; captions always need it. Variants pick one task.
 * `--data` may also be lmms-eval's Hugging Face folder (`lmms-lab/TempCompass`, parquet per task; see
 * hf-questions.ts).
 */

import path from 'node:path';
import { defineBenchmark, type BenchmarkLoadContext, type BenchmarkParts, type DocScore, type OfficialReport } from '../../benchmark.js';
import type { LanguageModel } from '../../../models/language-model.js';
import { judgeAnswer, type JudgeCase } from './judge.js';
import { loadMetaInfoIfAny, loadTaskQuestions } from './hf-questions.js';
import { tempcompassTasks, videoKey, type TempcompassTask } from './records.js';
import { cleanPrediction, matchCaption, matchMultiChoice, matchYesNo } from './rules.js';
import { tempcompassSubmission } from './submission.js';
import { summarizeTempcompass } from './summary.js';

export interface TempcompassDoc {
  id: string;
  task: TempcompassTask;
  video: string;
  dimension: string;
  question: string;
  answer: string;
  videoPath: string;
  /** The first multiple-choice question of this video and dimension (the captioning judge answers it). */
  multiChoice?: { question: string; answer: string };
  /** `meta_info.json`'s fine-grained type, for the official breakdown. */
  fineGrainedType: string;
}

/** `answer_prompt` of the repository's `run_*.py` inference scripts. */
export const answerPrompts: Readonly<Record<TempcompassTask, string>> = Object.freeze({
  'multi-choice': '\nPlease directly give the best option:',
  yes_no: '\nPlease answer yes or no:',
  caption_matching: '\nPlease directly give the best option:',
  captioning: '',
});

function loader(tasks: readonly TempcompassTask[]) {
  return async (context: BenchmarkLoadContext): Promise<TempcompassDoc[]> => {
    const meta = await loadMetaInfoIfAny(context.dataDir);
    const multiChoice = await loadTaskQuestions(context.dataDir, 'multi-choice', context.signal);
    const docs: TempcompassDoc[] = [];
    for (const task of tasks) {
      const questions = task === 'multi-choice' ? multiChoice : await loadTaskQuestions(context.dataDir, task, context.signal);
      for (const [video, dimensions] of Object.entries(questions)) {
        for (const [dimension, list] of Object.entries(dimensions)) {
          list.forEach((q, index) => {
            const mc = multiChoice[video]?.[dimension]?.[0];
            docs.push({
              id: `${task}/${video}/${dimension}/${index}`,
              task, video, dimension, question: q.question, answer: q.answer,
              videoPath: path.join(context.dataDir, 'videos', `${videoKey(video)}.mp4`),
              ...(mc ? { multiChoice: mc } : {}),
              fineGrainedType: dimension === 'order' ? 'order' : meta[videoKey(video)]?.eval_dim[dimension]?.type ?? 'unknown',
            });
          });
        }
      }
    }
    return context.limit === undefined ? docs : docs.slice(0, context.limit);
  };
}

/** Rule-based score under the task's name; null when the rules cannot decide (a judge is needed). */
export function scoreTempcompassDoc(doc: TempcompassDoc, output: string): DocScore {
  const prediction = cleanPrediction(output);
  const rating = doc.task === 'multi-choice' ? matchMultiChoice(prediction, doc.answer)
    : doc.task === 'yes_no' ? matchYesNo(prediction, doc.answer)
      : doc.task === 'caption_matching' ? matchCaption(prediction, doc.question, doc.answer)
        : undefined;
  return { [doc.task]: rating ?? null };
}

/** What to ask the judge about a doc whose answer the rules could not match. */
/** The judge's rating for an answer the rules could not match (a reply it did not understand rates 0, as `print_result` counts it). */
export async function judgeTempcompassDoc(doc: TempcompassDoc, output: string, judge: LanguageModel, signal?: AbortSignal): Promise<DocScore> {
  const verdict = await judgeAnswer(judge, judgeCaseForDoc(doc, output), signal);
  return { [doc.task]: Math.max(0, verdict.rating) };
}

export function judgeCaseForDoc(doc: TempcompassDoc, output: string): JudgeCase {
  return { task: doc.task, question: doc.question, answer: doc.answer, prediction: cleanPrediction(output), ...(doc.multiChoice ? { multiChoice: doc.multiChoice } : {}) };
}

/** `print_result` per task, answers needing a judge counted as unparsed and rated 0 (the scripts' `--disable_llm`). */
export function aggregateTempcompass(docs: readonly TempcompassDoc[], scores: readonly DocScore[]): OfficialReport {
  const metrics: Record<string, number> = {};
  const breakdowns: Record<string, Record<string, number>> = {};
  let unparsed = 0;
  for (const task of tempcompassTasks) {
    const items = docs.flatMap((doc, i) => (doc.task === task ? [{ doc, score: scores[i]?.[task] }] : []));
    if (!items.length) continue;
    unparsed += items.filter((item) => item.score === null || item.score === undefined).length;
    // The fine-grained types the loader took from meta_info.json, in the shape summarizeTempcompass reads.
    const meta: Record<string, { eval_dim: Record<string, { type: string }> }> = {};
    for (const { doc } of items) (meta[videoKey(doc.video)] ??= { eval_dim: {} }).eval_dim[doc.dimension] = { type: doc.fineGrainedType };
    const summary = summarizeTempcompass(items.map(({ doc, score }) => ({ video: doc.video, dimension: doc.dimension, rating: score ?? 0, matchSuccess: typeof score === 'number' })), meta);
    metrics[task] = summary.dimensions.avg ?? 0;
    breakdowns[task] = Object.fromEntries(Object.entries({ ...summary.dimensions, ...summary.fineGrained, 'Match Success Rate': summary.matchSuccessRate }).flatMap(([k, v]) => (v === null ? [] : [[k, v]])));
  }
  return { metrics, breakdowns, counted: docs.length, total: docs.length, unparsed };
}

const parts = {
  docToVisual: (doc: TempcompassDoc) => ({ video: doc.videoPath }),
  docToPrompt: (doc: TempcompassDoc) => ({ kind: doc.task === 'multi-choice' ? 'multiple-choice' as const : 'open' as const, text: doc.question + answerPrompts[doc.task] }),
  scoreDoc: scoreTempcompassDoc,
  judgeDoc: judgeTempcompassDoc,
  aggregate: aggregateTempcompass,
  toSubmission: (docs: readonly TempcompassDoc[], outputs: ReadonlyArray<string | null>) => tempcompassSubmission(docs, outputs),
} satisfies Partial<BenchmarkParts<TempcompassDoc>>;

export const tempcompassBenchmark = defineBenchmark<TempcompassDoc>({
  id: 'tempcompass',
  description: 'TempCompass: multi-choice, yes/no, caption matching and captioning, rule-matched with a judge for the rest',
  load: loader(tempcompassTasks),
  ...parts,
  metrics: tempcompassTasks.map((name) => ({ name, aggregate: 'mean' as const, higherIsBetter: true })),
  variants: Object.fromEntries(tempcompassTasks.map((task) => [task, { description: `the ${task} task only`, load: loader([task]) }])),
});
