/**
 * Loads LVBench from `video_info.meta.jsonl` (Hugging Face `THUDM/LVBench`; the GitHub repository expects
 * it in `data/`): one line per YouTube video `{key, qa: [{uid, question, answer, question_type[],
 * time_reference}]}`, the options written into the question as "(A) …". Videos are named by the YouTube
 * id: `videos/<key>.mp4` (or `scripts/videos/`, where the repository's download script writes).
 */

import type { BenchmarkLoadContext } from '../../benchmark.js';
import { limitDocs, parseJsonLines, readPublishedText, resolveMediaPath } from '../../benchmark-files.js';

export interface LvbenchDoc {
  id: string;
  uid: string;
  videoKey: string;
  video: string;
  question: string;
  answer: string;
  questionTypes: string[];
  timeReference?: string;
}

interface LvbenchLine { key: string; qa: Array<{ uid: number | string; question: string; answer: string; question_type: string[]; time_reference?: string }> }

export const lvbenchMetaFile = { paths: ['data/video_info.meta.jsonl', 'video_info.meta.jsonl'], source: 'huggingface.co/datasets/THUDM/LVBench (video_info.meta.jsonl)' } as const;

export async function loadLvbench(context: BenchmarkLoadContext): Promise<LvbenchDoc[]> {
  const { path: file, text } = await readPublishedText(context.dataDir, lvbenchMetaFile);
  const docs: LvbenchDoc[] = [];
  for (const line of parseJsonLines<LvbenchLine>(text, file)) {
    const video = await resolveMediaPath(context.dataDir, [`videos/${line.key}.mp4`, `scripts/videos/${line.key}.mp4`, `${line.key}.mp4`]);
    for (const qa of line.qa) {
      const doc: LvbenchDoc = { id: String(qa.uid), uid: String(qa.uid), videoKey: line.key, video, question: qa.question, answer: qa.answer, questionTypes: qa.question_type };
      if (qa.time_reference !== undefined) doc.timeReference = qa.time_reference;
      docs.push(doc);
    }
  }
  return limitDocs(docs, context.limit);
}
