/**
 * QVHighlights' published records: the annotation files (`data/highlight_{train,val,test}_release.jsonl`
 * and `data/highlight_test_with_gt.jsonl` in jayleicn/moment_detr) and the prediction format
 * (`standalone_eval/README.md`: one JSON object per line with `pred_relevant_windows` and
 * `pred_saliency_scores`). Clips are 2 s; each relevant clip has three annotators' scores 0–4.
 */

import path from 'node:path';
import { ConfigError } from '../../../core/errors.js';
import { parseJsonLines, readTextFile, type FileOrigin } from '../../predictions/read-official-file.js';

export type Window = [number, number];

export interface QvhighlightsQuery {
  qid: number;
  query: string;
  duration: number;
  vid: string;
  relevant_windows: Window[];
  relevant_clip_ids: number[];
  saliency_scores: number[][];
}

export interface QvhighlightsPrediction {
  qid: number;
  query?: string;
  vid?: string;
  /** `[start, end, score]` in seconds, in the order the model ranks them. */
  pred_relevant_windows?: Array<[number, number, number]>;
  /** One score per 2-second clip, in order. */
  pred_saliency_scores?: number[];
}

export const clipSeconds = 2;

export const qvhighlightsOrigin: FileOrigin = { origin: 'the GitHub repository jayleicn/moment_detr (data/highlight_*_release.jsonl)' };

/** The annotation file of a split, by its published path. */
export const splitFiles = Object.freeze({
  val: 'data/highlight_val_release.jsonl',
  test: 'data/highlight_test_with_gt.jsonl',
} as const satisfies Record<string, string>);

export type QvhighlightsSplit = keyof typeof splitFiles;

export async function loadQueries(dataDir: string, split: QvhighlightsSplit): Promise<QvhighlightsQuery[]> {
  const file = path.join(dataDir, splitFiles[split]);
  const rows = parseJsonLines<QvhighlightsQuery>(await readTextFile(file, qvhighlightsOrigin), file);
  for (const [index, r] of rows.entries()) {
    if (typeof r.qid !== 'number' || !Array.isArray(r.relevant_windows) || typeof r.duration !== 'number') {
      throw new ConfigError(`${file}:${index + 1}`, 'lacks qid, duration or relevant_windows; use the annotation file as published (with ground truth).');
    }
  }
  return rows;
}

export async function loadPredictions(file: string): Promise<QvhighlightsPrediction[]> {
  const rows = parseJsonLines<QvhighlightsPrediction>(await readTextFile(file, { origin: 'your model (format: standalone_eval/README.md of jayleicn/moment_detr)' }), file);
  for (const [index, r] of rows.entries()) {
    if (typeof r.qid !== 'number') throw new ConfigError(`${file}:${index + 1}`, 'has no numeric qid; each line is {qid, pred_relevant_windows, pred_saliency_scores}.');
  }
  return rows;
}
