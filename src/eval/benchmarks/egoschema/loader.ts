/**
 * Loads EgoSchema's subset with public answers from a checkout of github.com/egoschema/EgoSchema:
 * `questions.json` (`[{q_uid, google_drive_id, question, "option 0" … "option 4"}]`) filtered to the
 * uids of `subset_answers.json` (`{q_uid: answer index}`). Videos are `videos/<q_uid>.mp4`, as the
 * repository's `download.py` writes them. Or the Hugging Face folder lmms-eval reads (`lmms-lab/egoschema`,
 * config `Subset`, `Subset/test-00000-of-00001.parquet`): one row per question with `question_idx,
 * question, video_idx (the q_uid), option` — five strings lettered "A. …" (lmms-eval's
 * `egoschema_doc_to_choice` splits the letter off) — and `answer` (the index).
 */

import path from 'node:path';
import type { BenchmarkLoadContext } from '../../benchmark.js';
import { findPublishedFile, limitDocs, readPublishedJson } from '../../benchmark-files.js';
import { readParquetRows } from '../../read-parquet.js';

export interface EgoSchemaDoc {
  id: string;
  video: string;
  question: string;
  options: string[];
  /** Index of the correct option. */
  answer: number;
}

type QuestionRecord = { q_uid: string; question: string } & Record<`option ${number}`, string>;

const source = 'github.com/egoschema/EgoSchema (or, as a Hugging Face folder, Subset/test-00000-of-00001.parquet of huggingface.co/datasets/lmms-lab/egoschema)';

const subsetParquet = { paths: ['Subset/test-00000-of-00001.parquet'], source: 'huggingface.co/datasets/lmms-lab/egoschema' } as const;

interface SubsetRow { question: string; video_idx: string; option: string[]; answer: string | number }

/** The Hugging Face subset rows, options without their "A. " letters (the text after the letter, whole). */
async function loadSubsetParquet(file: string, context: BenchmarkLoadContext): Promise<EgoSchemaDoc[]> {
  const rows = (await readParquetRows(file, context.signal)) as unknown as SubsetRow[];
  const docs = rows.map((row) => ({
    id: row.video_idx, video: path.resolve(context.dataDir, 'videos', `${row.video_idx}.mp4`), question: row.question,
    options: row.option.map((option) => option.replace(/^[A-E]\.\s*/, '')), answer: Number(row.answer),
  }));
  return limitDocs(docs, context.limit);
}

export async function loadEgoSchemaSubset(context: BenchmarkLoadContext): Promise<EgoSchemaDoc[]> {
  // The GitHub checkout first; the Hugging Face folder when that is what --data holds.
  const hasGithubLayout = await findPublishedFile(context.dataDir, { paths: ['subset_answers.json'], source }).then(() => true, () => false);
  const parquet = hasGithubLayout ? undefined : await findPublishedFile(context.dataDir, subsetParquet).catch(() => undefined);
  if (parquet) return loadSubsetParquet(parquet, context);
  const { value: answers } = await readPublishedJson<Record<string, number>>(context.dataDir, { paths: ['subset_answers.json'], source });
  const { value: questions } = await readPublishedJson<QuestionRecord[]>(context.dataDir, { paths: ['questions.json'], source });
  const docs = questions.flatMap((q) => {
    const answer = answers[q.q_uid];
    if (answer === undefined) return [];
    const options = [0, 1, 2, 3, 4].map((i) => q[`option ${i}`]).filter((o): o is string => typeof o === 'string');
    return [{ id: q.q_uid, video: path.resolve(context.dataDir, 'videos', `${q.q_uid}.mp4`), question: q.question, options, answer }];
  });
  return limitDocs(docs, context.limit);
}
