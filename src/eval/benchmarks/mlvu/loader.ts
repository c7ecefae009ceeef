/**
 * Loads MLVU's dev multiple-choice tasks in the official `data_list` order (count, ego, needle, order,
 * plotQA, anomaly_reco, topic_reasoning). Annotations: `data/<n>_<task>.json` in github.com/JUNJIE99/MLVU,
 * or `json/` / `MLVU/json/` in the Hugging Face dataset `MLVU/MVLU`; records are `{video, duration,
 * question, candidates, answer, question_type}`. Videos: `video/<n>_<task>/<video>` in the dataset.
 * The generation tasks (sub_scene, summary) are their own benchmark, `mlvu-generation` (generation-loader.ts),
 * scored by MLVU's judge rubric; M-Avg stays the macro mean of these multiple-choice tasks.
 */

import type { BenchmarkLoadContext } from '../../benchmark.js';
import { limitDocs, readPublishedJson, resolveMediaPath } from '../../benchmark-files.js';

export const mlvuTasks = Object.freeze({
  count: '4_count',
  ego: '3_ego',
  needle: '2_needle',
  order: '5_order',
  plotQA: '1_plotQA',
  anomaly_reco: '6_anomaly_reco',
  topic_reasoning: '7_topic_reasoning',
} as const satisfies Record<string, string>);

export interface MlvuDoc {
  id: string;
  task: string;
  video: string;
  duration: number;
  question: string;
  candidates: string[];
  answer: string;
}

interface MlvuRecord { video: string; duration: number; question: string; candidates: string[]; answer: string; question_type: string }

export async function loadMlvu(context: BenchmarkLoadContext): Promise<MlvuDoc[]> {
  const docs: MlvuDoc[] = [];
  for (const [task, stem] of Object.entries(mlvuTasks)) {
    const { value: records } = await readPublishedJson<MlvuRecord[]>(context.dataDir, {
      paths: [`data/${stem}.json`, `json/${stem}.json`, `MLVU/json/${stem}.json`],
      source: 'github.com/JUNJIE99/MLVU (data/) or huggingface.co/datasets/MLVU/MVLU (MLVU/json/)',
    });
    for (const [index, record] of records.entries()) {
      const video = await resolveMediaPath(context.dataDir, [`video/${stem}/${record.video}`, `MLVU/video/${stem}/${record.video}`, `video/${task}/${record.video}`]);
      docs.push({ id: `${stem}/${index}`, task, video, duration: record.duration, question: record.question, candidates: record.candidates, answer: record.answer });
    }
  }
  return limitDocs(docs, context.limit);
}
