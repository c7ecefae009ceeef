/**
 * OVO-Bench's published files (JoeLeelyf/OVO-Bench): the annotation list `data/ovo_bench_new.json`
 * (backward and real-time items ask once at `realtime`; forward items — REC, SSR, CRR — probe at every
 * `test_info[i].realtime`), and the result files `results/<model>/*.json`, each
 * `{backward: [...], realtime: [...], forward: [...]}` as `utils/OVOBench.py` writes them: backward and
 * real-time results carry `response` and the `ground_truth` letter, forward results are the annotation
 * items with a `response` added to every probe.
 */

import path from 'node:path';
import { ConfigError } from '../../../core/errors.js';
import { isFolder, listFiles, readJsonFile, type FileOrigin } from '../../predictions/read-official-file.js';

/** The task lists of `constant.py`. */
export const ovoTasks = Object.freeze({
  backward: ['EPM', 'ASI', 'HLD'],
  realtime: ['OCR', 'ACR', 'ATR', 'STU', 'FPD', 'OJR'],
  forward: ['REC', 'SSR', 'CRR'],
} as const);

export type OvoMode = keyof typeof ovoTasks;
export type OvoForwardTask = (typeof ovoTasks.forward)[number];

export interface OvoProbe {
  realtime: number;
  /** SSR/CRR: 1 when the answer at this probe is Yes, 0 when No. */
  type?: number;
  /** REC: the true count so far. */
  count?: number;
  /** SSR: the step asked about. */
  step?: string;
  response?: string | null;
}

export interface OvoItem {
  id: number;
  task: string;
  video: string;
  realtime?: number;
  question?: string;
  options?: string[];
  gt?: number;
  /** REC. */
  activity?: string;
  test_info?: OvoProbe[];
}

export interface OvoChoiceResult {
  id: number;
  video?: string;
  task: string;
  question?: string;
  response: string | null;
  ground_truth: string;
}

export interface OvoResults {
  backward: OvoChoiceResult[];
  realtime: OvoChoiceResult[];
  forward: OvoItem[];
}

export const ovoOrigin: FileOrigin = { origin: 'the GitHub repository JoeLeelyf/OVO-Bench (data/ovo_bench_new.json)' };
export const ovoAnnotationFile = 'data/ovo_bench_new.json';

export function modeOfTask(task: string): OvoMode | undefined {
  return (Object.keys(ovoTasks) as OvoMode[]).find((mode) => (ovoTasks[mode] as readonly string[]).includes(task));
}

export async function loadOvoItems(dataDir: string): Promise<OvoItem[]> {
  const file = path.join(dataDir, ovoAnnotationFile);
  const items = await readJsonFile<OvoItem[]>(file, ovoOrigin);
  if (!Array.isArray(items)) throw new ConfigError(file, 'must be a JSON list of items; use the file as published.');
  items.forEach((item, index) => {
    if (!modeOfTask(item.task)) throw new ConfigError(`${file} item ${index}`, `has task "${item.task}", not one of constant.py's tasks.`);
  });
  return items;
}

/**
 * The results of one model: a file, or a folder of files (`results/<model>/`, split per task group as
 * the official repository splits them), concatenated per mode as `score.py` concatenates them.
 */
export async function loadOvoResults(predictions: string): Promise<{ results: OvoResults; files: string[] }> {
  const origin: FileOrigin = { origin: 'your model (format: results/<model>/*.json of JoeLeelyf/OVO-Bench)' };
  const files = (await isFolder(predictions)) ? await listFiles(predictions, '.json', origin) : [predictions];
  const results: OvoResults = { backward: [], realtime: [], forward: [] };
  for (const file of files) {
    const part = await readJsonFile<Partial<OvoResults>>(file, origin);
    for (const mode of ['backward', 'realtime', 'forward'] as const) {
      const list = part[mode];
      if (!Array.isArray(list)) throw new ConfigError(file, `has no "${mode}" list; each result file holds {backward, realtime, forward}.`);
      (results[mode] as unknown[]).push(...list);
    }
  }
  return { results, files };
}
