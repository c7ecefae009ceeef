/**
 * Loads MLVU's dev generation tasks in `open_bench.py`'s `data_list` order: sub-scene captioning
 * (`subPlot`, `8_sub_scene.json`: `{video, duration, question, answer, question_type, scoring_points}`) and
 * video summary (`summary`, `9_summary.json`: the same without scoring points). Annotations sit in
 * `data/` of github.com/JUNJIE99/MLVU or `json/` / `MLVU/json/` of the Hugging Face dataset; videos in
 * `video/<n>_<task>/` (the dataset) or `video/<task>/` (`open_bench.py`'s `MLVU_all/video/subPlot`).
 */

import type { BenchmarkLoadContext } from '../../benchmark.js';
import { limitDocs, readPublishedJson, resolveMediaPath } from '../../benchmark-files.js';
import type { MlvuGenerationTask } from './generation-rubric.js';

export const mlvuGenerationFiles = Object.freeze({
  subPlot: '8_sub_scene',
  summary: '9_summary',
} as const satisfies Record<MlvuGenerationTask, string>);

export interface MlvuGenerationDoc {
  id: string;
  task: MlvuGenerationTask;
  video: string;
  /** The file name as published (`open_bench.py`'s `video_name`). */
  videoName: string;
  duration: number;
  question: string;
  /** The reference caption or summary. */
  answer: string;
  /** Sub-scene captioning: the points the judge checks. */
  scoringPoints?: string[];
}

interface GenerationRecord { video: string; duration: number; question: string; answer: string; scoring_points?: string[] }

export const mlvuGenerationSource = 'github.com/JUNJIE99/MLVU (data/) or huggingface.co/datasets/MLVU/MVLU (MLVU/json/)';

export async function readMlvuGenerationRecords(dataDir: string, task: MlvuGenerationTask): Promise<{ path: string; records: GenerationRecord[] }> {
  const stem = mlvuGenerationFiles[task];
  const { path, value } = await readPublishedJson<GenerationRecord[]>(dataDir, { paths: [`data/${stem}.json`, `json/${stem}.json`, `MLVU/json/${stem}.json`], source: mlvuGenerationSource });
  return { path, records: value };
}

export async function loadMlvuGeneration(context: BenchmarkLoadContext): Promise<MlvuGenerationDoc[]> {
  const docs: MlvuGenerationDoc[] = [];
  for (const [task, stem] of Object.entries(mlvuGenerationFiles) as Array<[MlvuGenerationTask, string]>) {
    const { records } = await readMlvuGenerationRecords(context.dataDir, task);
    for (const [index, record] of records.entries()) {
      const video = await resolveMediaPath(context.dataDir, [`video/${stem}/${record.video}`, `MLVU/video/${stem}/${record.video}`, `video/${task}/${record.video}`]);
      const doc: MlvuGenerationDoc = { id: `${stem}/${index}`, task, video, videoName: record.video, duration: record.duration, question: record.question, answer: record.answer };
      if (record.scoring_points) doc.scoringPoints = record.scoring_points;
      docs.push(doc);
    }
  }
  return limitDocs(docs, context.limit);
}

/** Answers in `open_bench.py`'s output files: `subplot_all.json` and `summary_all.json`, `[{video_name, Q, A, pred}]`. */
export function mlvuGenerationSubmission(docs: readonly MlvuGenerationDoc[], outputs: ReadonlyArray<string | null>): Array<{ path: string; content: string }> {
  const files: Record<MlvuGenerationTask, Array<Record<string, string>>> = { subPlot: [], summary: [] };
  docs.forEach((doc, i) => files[doc.task].push({ video_name: doc.videoName, Q: doc.question, A: doc.answer, pred: outputs[i] ?? '' }));
  return [{ path: 'subplot_all.json', content: `${JSON.stringify(files.subPlot)}\n` }, { path: 'summary_all.json', content: `${JSON.stringify(files.summary)}\n` }];
}
