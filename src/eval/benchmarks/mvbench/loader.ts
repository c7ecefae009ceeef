/**
 * Loads an MVBench-format benchmark (MVBench; TVBench uses the same format): for each task of the table,
 * `json/<file>` holds `[{video, question, candidates, answer, start?, end?}]` (Hugging Face
 * `OpenGVLab/MVBench`, not in git). Videos are `<prefix><video>`; bounded tasks carry their sub-clip
 * (`start`/`end`, seconds), and TVQA questions point at a folder of 3 fps frames instead of a video.
 */

import path from 'node:path';
import type { BenchmarkLoadContext } from '../../benchmark.js';
import { limitDocs, readPublishedJson } from '../../benchmark-files.js';
import type { MvbenchFormatTask } from './tasks.js';

export interface MvbenchDoc {
  id: string;
  task: string;
  video: string;
  dataType: MvbenchFormatTask['dataType'];
  question: string;
  candidates: string[];
  /** The answer text, as published (not a letter). */
  answer: string;
  /** The sub-clip the question is about, for bounded tasks. */
  bound?: { start: number; end: number };
}

interface MvbenchRecord { video: string; question: string; candidates: string[]; answer: string; start?: number; end?: number }

export async function loadMvbenchFormat(context: BenchmarkLoadContext, tasks: Readonly<Record<string, MvbenchFormatTask>>, source: string): Promise<MvbenchDoc[]> {
  const docs: MvbenchDoc[] = [];
  for (const [task, spec] of Object.entries(tasks)) {
    const { value: records } = await readPublishedJson<MvbenchRecord[]>(context.dataDir, { paths: [`json/${spec.file}`], source });
    records.forEach((record, index) => {
      const doc: MvbenchDoc = {
        id: `${task}/${index}`, task, video: path.resolve(context.dataDir, spec.prefix, record.video), dataType: spec.dataType,
        question: record.question, candidates: record.candidates, answer: record.answer,
      };
      if (spec.bound && record.start !== undefined && record.end !== undefined) doc.bound = { start: record.start, end: record.end };
      docs.push(doc);
    });
  }
  return limitDocs(docs, context.limit);
}
