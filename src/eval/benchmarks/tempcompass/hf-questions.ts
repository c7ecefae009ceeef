/**
 * TempCompass's questions from either published layout: the GitHub checkout (llyx97/TempCompass,
 * `questions/<task>.json` and `meta_info.json`) or the Hugging Face folder lmms-eval reads
 * (`lmms-lab/TempCompass`, one config per task: `<task>/test-00000-of-00001.parquet`, one row per question
 * with `video_id, question, answer, dim` — the columns `tempcompass/utils.py` reads). Rows are regrouped
 * into the repository's `{video: {dimension: [question…]}}` shape in row order, so one loader serves both.
 * The Hugging Face folder has no `meta_info.json`; fine-grained types are then unknown unless it is added.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { readParquetRows } from '../../read-parquet.js';
import { loadMetaInfo, loadTempcompassQuestions, type PerVideo, type TempcompassMetaInfo, type TempcompassQuestion, type TempcompassTask } from './records.js';

const exists = (file: string) => fs.stat(file).then(() => true, () => false);

/** `<task>/test-00000-of-00001.parquet` under a Hugging Face folder. */
export function tempcompassParquetPath(dataDir: string, task: TempcompassTask): string {
  return path.join(dataDir, task, 'test-00000-of-00001.parquet');
}

interface QuestionRow { video_id: string; question: string; answer: string; dim: string }

/** The task's questions; the GitHub layout wins when `questions/` is there. */
export async function loadTaskQuestions(dataDir: string, task: TempcompassTask, signal?: AbortSignal): Promise<PerVideo<TempcompassQuestion>> {
  const parquet = tempcompassParquetPath(dataDir, task);
  if ((await exists(path.join(dataDir, 'questions'))) || !(await exists(parquet))) return loadTempcompassQuestions(dataDir, task);
  const grouped: PerVideo<TempcompassQuestion> = {};
  for (const row of (await readParquetRows(parquet, signal)) as unknown as QuestionRow[]) {
    ((grouped[row.video_id] ??= {})[row.dim] ??= []).push({ question: row.question, answer: row.answer });
  }
  return grouped;
}

/** `meta_info.json` where present; empty for a Hugging Face folder without it. */
export async function loadMetaInfoIfAny(dataDir: string): Promise<Record<string, TempcompassMetaInfo>> {
  const onlyHuggingFace = !(await exists(path.join(dataDir, 'questions'))) && (await exists(tempcompassParquetPath(dataDir, 'multi-choice')));
  return onlyHuggingFace && !(await exists(path.join(dataDir, 'meta_info.json'))) && !(await exists(path.join(dataDir, 'meta_info.json.gz'))) ? {} : loadMetaInfo(dataDir);
}
