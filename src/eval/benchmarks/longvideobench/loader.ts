/**
 * Loads LongVideoBench's validation set from its Hugging Face folder (`longvideobench/LongVideoBench`):
 * `lvb_val.json`, a list of `{video_id, id, video_path, subtitle_path, correct_choice, question,
 * candidates, duration, duration_group, question_category, starting_timestamp_for_subtitles, …}`.
 * Videos are `videos/<video_path>`, subtitles `subtitles/<subtitle_path>` (JSON), as the repository's
 * `longvideobench_dataset.py` reads them. The test set (`lvb_test_wo_gt.json`) has no answers.
 */

import path from 'node:path';
import type { BenchmarkLoadContext } from '../../benchmark.js';
import { limitDocs, readPublishedJson } from '../../benchmark-files.js';

export interface LongVideoBenchDoc {
  id: string;
  video: string;
  subtitles: string;
  question: string;
  candidates: string[];
  /** The correct option's letter. */
  answer: string;
  duration: number;
  durationGroup: string;
  questionCategory: string;
}

interface Record_ { id: string; video_path: string; subtitle_path: string; correct_choice: number; question: string; candidates: string[]; duration: number; duration_group: number | string; question_category: string }

export async function loadLongVideoBench(context: BenchmarkLoadContext): Promise<LongVideoBenchDoc[]> {
  const { value: records } = await readPublishedJson<Record_[]>(context.dataDir, { paths: ['lvb_val.json'], source: 'huggingface.co/datasets/longvideobench/LongVideoBench (lvb_val.json)' });
  const docs = records.map((r) => ({
    id: r.id, video: path.resolve(context.dataDir, 'videos', r.video_path), subtitles: path.resolve(context.dataDir, 'subtitles', r.subtitle_path),
    question: r.question, candidates: r.candidates, answer: String.fromCharCode(65 + r.correct_choice), duration: r.duration,
    durationGroup: String(r.duration_group), questionCategory: r.question_category,
  }));
  return limitDocs(docs, context.limit);
}
