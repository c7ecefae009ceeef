/**
 * Loads EgoSchema's subset with public answers from a checkout of github.com/egoschema/EgoSchema:
 * `questions.json` (`[{q_uid, google_drive_id, question, "option 0" … "option 4"}]`) filtered to the
 * uids of `subset_answers.json` (`{q_uid: answer index}`). Videos are `videos/<q_uid>.mp4`, as the
 * repository's `download.py` writes them.
 */

import path from 'node:path';
import type { BenchmarkLoadContext } from '../../benchmark.js';
import { limitDocs, readPublishedJson } from '../../benchmark-files.js';

export interface EgoSchemaDoc {
  id: string;
  video: string;
  question: string;
  options: string[];
  /** Index of the correct option. */
  answer: number;
}

type QuestionRecord = { q_uid: string; question: string } & Record<`option ${number}`, string>;

const source = 'github.com/egoschema/EgoSchema';

export async function loadEgoSchemaSubset(context: BenchmarkLoadContext): Promise<EgoSchemaDoc[]> {
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
