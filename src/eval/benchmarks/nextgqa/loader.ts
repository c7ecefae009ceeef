/**
 * Loads NExT-GQA from a checkout of github.com/doc-doc/NExT-GQA (`datasets/nextgqa/`): `gsub_<split>.json`
 * `{video_id: {duration, location: {qid: [[start, end], …]}, fps}}` gives the questions with grounding, in
 * the order the official scorer walks them; `<split>.csv` (`video_id, frame_count, width, height,
 * question, answer, qid, type, a0..a4`, the answer as text) gives question and options;
 * `map_vid_vidorID.json` maps a video id to its VidOR path, and the videos are `NExTVideo/<path>.mp4`.
 */

import path from 'node:path';
import { ConfigError } from '../../../core/errors.js';
import type { BenchmarkLoadContext } from '../../benchmark.js';
import { limitDocs, parseCsv, readPublishedJson, readPublishedText } from '../../benchmark-files.js';
import type { NextGqaGroundTruth } from './score.js';

export interface NextGqaDoc {
  /** `<video_id>_<qid>`, the key of the official prediction and QA files. */
  id: string;
  videoId: string;
  qid: string;
  question: string;
  options: string[];
  /** Index of the answer among the options (the QA result file's `answer`). */
  answer: number;
  type: string;
  duration: number;
  locations: number[][];
  video: string;
  split: 'val' | 'test';
}

const source = 'github.com/doc-doc/NExT-GQA (datasets/nextgqa/)';
const published = (name: string) => ({ paths: [`datasets/nextgqa/${name}`, `nextgqa/${name}`, name], source });

export async function loadNextGqa(context: BenchmarkLoadContext, split: 'val' | 'test'): Promise<NextGqaDoc[]> {
  const { value: gt } = await readPublishedJson<NextGqaGroundTruth>(context.dataDir, published(`gsub_${split}.json`));
  const { path: csvPath, text } = await readPublishedText(context.dataDir, published(`${split}.csv`));
  const { value: vidorPaths } = await readPublishedJson<Record<string, string>>(context.dataDir, published('map_vid_vidorID.json'));
  const rows = new Map(parseCsv(text, csvPath).map((row) => [`${row.video_id}_${row.qid}`, row]));
  const docs: NextGqaDoc[] = [];
  for (const [videoId, anno] of Object.entries(gt)) {
    for (const [qid, locations] of Object.entries(anno.location)) {
      const id = `${videoId}_${qid}`;
      const row = rows.get(id);
      if (!row) throw new ConfigError(csvPath, `has no row for video ${videoId} question ${qid}, which gsub_${split}.json grounds; use the files of one checkout.`);
      const options = [row.a0, row.a1, row.a2, row.a3, row.a4].map((option) => option ?? '');
      docs.push({
        id, videoId, qid, question: row.question ?? '', options, answer: options.indexOf(row.answer ?? ''), type: row.type ?? '',
        duration: anno.duration, locations, split, video: path.resolve(context.dataDir, 'NExTVideo', `${vidorPaths[videoId] ?? videoId}.mp4`),
      });
    }
  }
  return limitDocs(docs, context.limit);
}
