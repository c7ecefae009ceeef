/**
 * NExT-QA's published multiple-choice files (doc-doc/NExT-QA): `dataset/nextqa/{val,test}.csv` with
 * columns `video,frame_count,width,height,question,answer,qid,type,a0..a4`, and the result format of
 * `results/*.json`: `{"<video>_<qid>": {"prediction": <index>, "answer": <index>}}`. Question types:
 * CW/CH causal, TN/TC/TP temporal (TP is merged into TN when scoring), DC/DL/DO descriptive.
 */

import path from 'node:path';
import { ConfigError } from '../../../core/errors.js';
import { parseCsv } from '../../benchmark-files.js';
import { parseJsonFile, readTextFile, type FileOrigin } from '../../predictions/read-official-file.js';

export interface NextqaQuestion {
  /** `<video>_<qid>`, the key of the result files. */
  key: string;
  video: string;
  qid: string;
  question: string;
  answer: number;
  type: string;
  options: string[];
  frameCount: number;
}

export const nextqaOrigin: FileOrigin = { origin: 'the GitHub repository doc-doc/NExT-QA (dataset/nextqa/)' };

export const nextqaSplitFiles = Object.freeze({ val: 'dataset/nextqa/val.csv', test: 'dataset/nextqa/test.csv' } as const satisfies Record<string, string>);
export type NextqaSplit = keyof typeof nextqaSplitFiles;

const columns = ['video', 'frame_count', 'question', 'answer', 'qid', 'type', 'a0', 'a1', 'a2', 'a3', 'a4'] as const;

function checkColumns(rows: ReadonlyArray<Record<string, string>>, file: string): void {
  const missing = columns.filter((column) => rows[0] !== undefined && !(column in rows[0]));
  if (missing.length) throw new ConfigError(file, `lacks the column(s) ${missing.join(', ')}; use the CSV as published.`);
}

export async function loadNextqaQuestions(dataDir: string, split: NextqaSplit): Promise<NextqaQuestion[]> {
  const file = path.join(dataDir, nextqaSplitFiles[split]);
  return nextqaQuestionsFromRows(parseCsv(await readTextFile(file, nextqaOrigin), file), file);
}

/** Questions from rows with the CSV's columns (the CSV itself, or the Hugging Face parquet rows as strings). */
export function nextqaQuestionsFromRows(rows: ReadonlyArray<Record<string, string>>, file: string): NextqaQuestion[] {
  checkColumns(rows, file);
  return rows.map((r, index) => {
    const answer = Number(r.answer);
    if (!Number.isInteger(answer)) throw new ConfigError(`${file}:${index + 2}`, `answer "${r.answer}" is not an option index 0–4.`);
    return {
      key: `${r.video}_${r.qid}`,
      video: r.video!,
      qid: r.qid!,
      question: r.question!,
      answer,
      type: r.type!,
      options: [r.a0!, r.a1!, r.a2!, r.a3!, r.a4!],
      frameCount: Number(r.frame_count),
    };
  });
}

export type NextqaResults = Record<string, { prediction: number; answer: number }>;

export async function loadNextqaResults(file: string): Promise<NextqaResults> {
  const results = parseJsonFile<NextqaResults>(await readTextFile(file, { origin: 'your model (format: results/*.json of doc-doc/NExT-QA)' }), file);
  if (typeof results !== 'object' || results === null || Array.isArray(results)) throw new ConfigError(file, 'must be an object keyed "<video>_<qid>" with {prediction, answer}.');
  return results;
}
