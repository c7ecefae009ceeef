/**
 * TempCompass's published files (llyx97/TempCompass): questions `questions/<task>.json`, `meta_info.json`
 * (the fine-grained type of every video's temporal dimension), predictions `predictions/<model>/<task>.json`
 * and the judged results `auto_eval_results/<model>/<task>.json`. All share one shape:
 * `{<video id>: {<dimension>: [ {question, answer, …} ]}}` with dimensions action, direction, speed,
 * order and attribute_change; a prediction holds `prediction` (or `response`), a judged result `rating`.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../../core/errors.js';
import { isFolder, readJsonFile, type FileOrigin } from '../../predictions/read-official-file.js';

export const tempcompassTasks = Object.freeze(['multi-choice', 'yes_no', 'caption_matching', 'captioning'] as const);
export type TempcompassTask = (typeof tempcompassTasks)[number];

export const tempcompassDimensions = Object.freeze(['action', 'direction', 'speed', 'order', 'attribute_change'] as const);

/** `{video: {dimension: [entry…]}}`, the shape of every TempCompass file. */
export type PerVideo<Entry> = Record<string, Record<string, Entry[]>>;

export interface TempcompassQuestion {
  question: string;
  answer: string;
}

export interface TempcompassPrediction extends TempcompassQuestion {
  prediction?: string | null;
  response?: string | null;
}

export interface TempcompassVerdict {
  question?: string;
  rating: number;
  match_success?: boolean;
  'chatgpt-response'?: string;
  'chatgpt-answer'?: string | null;
}

export interface TempcompassMetaInfo {
  eval_dim: Record<string, { type: string } | null>;
}

export const tempcompassOrigin: FileOrigin = { origin: 'the GitHub repository llyx97/TempCompass' };

export function isTempcompassTask(name: string): name is TempcompassTask {
  return (tempcompassTasks as readonly string[]).includes(name);
}

export async function loadTempcompassQuestions(dataDir: string, task: TempcompassTask): Promise<PerVideo<TempcompassQuestion>> {
  return readJsonFile(path.join(dataDir, 'questions', `${task}.json`), tempcompassOrigin);
}

export async function loadMetaInfo(dataDir: string): Promise<Record<string, TempcompassMetaInfo>> {
  return readJsonFile(path.join(dataDir, 'meta_info.json'), tempcompassOrigin);
}

/**
 * The task files at `predictions`: a folder holding `<task>.json` for some tasks (a model's folder of
 * `predictions/`), or one file named after its task.
 */
export async function taskFiles(predictions: string): Promise<Array<{ task: TempcompassTask; file: string }>> {
  if (!(await isFolder(predictions))) {
    const task = path.basename(predictions).replace(/\.gz$/, '').replace(/\.json$/, '');
    if (!isTempcompassTask(task)) throw new ConfigError(predictions, `is not named after a task; name it <task>.json with task one of ${tempcompassTasks.join(', ')}, or pass the model's folder.`);
    return [{ task, file: predictions }];
  }
  const found: Array<{ task: TempcompassTask; file: string }> = [];
  for (const task of tempcompassTasks) {
    const file = path.join(predictions, `${task}.json`);
    const exists = await Promise.any([fs.access(file), fs.access(`${file}.gz`)]).then(() => true, () => false);
    if (exists) found.push({ task, file });
  }
  if (!found.length) throw new ConfigError(predictions, `holds none of ${tempcompassTasks.map((t) => `${t}.json`).join(', ')}; pass a model's folder of predictions/ as published.`);
  return found;
}

export function readPerVideo<Entry>(file: string): Promise<PerVideo<Entry>> {
  return readJsonFile(file, { origin: 'your model (format: predictions/<model>/<task>.json of llyx97/TempCompass)' });
}

/** `id.replace('.jpg', '').replace('.mp4', '')`, how `print_result` finds a video in meta_info.json. */
export function videoKey(id: string): string {
  return id.replace('.jpg', '').replace('.mp4', '');
}
