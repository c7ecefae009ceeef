/**
 * NExT-QA multiple choice (doc-doc/NExT-QA) as a benchmark: one doc per row of `dataset/nextqa/val.csv`
 * (variant `test`), five options lettered A–E, scored by the option letter (unparsed answers reported,
 * never guessed), with accuracy per group as `eval_mc.py` groups it (C, T with TP merged into TN, D).
 * Videos follow the published layout `NExTVideo/<folder>/<video>.mp4`, the folder taken from
 * `dataset/nextqa/map_vid_vidorID.json` when present. The test split also loads from lmms-eval's Hugging
 * Face folder (`lmms-lab/NExTQA`, `MC/test-00000-of-00001.parquet`) when `--data` is that folder.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { defineBenchmark, type BenchmarkLoadContext, type DocScore } from '../../benchmark.js';
import { parseChoiceLetter } from '../../benchmark-synth.js';
import { nextqaQuestionType } from './accuracy.js';
import { nextqaSubmission } from './submission.js';
import { readParquetRows } from '../../read-parquet.js';
import { loadNextqaQuestions, nextqaQuestionsFromRows, nextqaSplitFiles, type NextqaQuestion, type NextqaSplit } from './records.js';

export interface NextqaDoc extends NextqaQuestion {
  videoPath: string;
}

const letters = ['A', 'B', 'C', 'D', 'E'];

async function videoFolders(dataDir: string): Promise<Record<string, string>> {
  const text = await fs.readFile(path.join(dataDir, 'dataset/nextqa/map_vid_vidorID.json'), 'utf8').catch(() => undefined);
  if (text) return JSON.parse(text) as Record<string, string>;
  // No map (the Hugging Face folder ships videos.zip only): find each video in NExTVideo/<folder>/ as unpacked.
  const root = path.join(dataDir, 'NExTVideo');
  const folders = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const found: Record<string, string> = {};
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    for (const name of await fs.readdir(path.join(root, folder.name)).catch(() => [] as string[])) {
      if (name.endsWith('.mp4')) found[name.slice(0, -4)] = `${folder.name}/${name.slice(0, -4)}`;
    }
  }
  return found;
}

/**
 * lmms-eval's copy of the test split on Hugging Face (`lmms-lab/NExTQA`, config `MC`), used when `--data`
 * is that dataset folder rather than the GitHub checkout. lmms-eval reads its columns `video, question,
 * a0…a4, answer, type`; the rest are taken to be the CSV's as well.
 */
const huggingFaceTest = 'MC/test-00000-of-00001.parquet';

async function loadQuestions(context: BenchmarkLoadContext, split: NextqaSplit): Promise<NextqaQuestion[]> {
  const parquet = path.join(context.dataDir, huggingFaceTest);
  const useParquet = split === 'test' && !(await exists(path.join(context.dataDir, nextqaSplitFiles.test))) && (await exists(parquet));
  if (!useParquet) return loadNextqaQuestions(context.dataDir, split);
  const rows = (await readParquetRows(parquet, context.signal)).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)])));
  return nextqaQuestionsFromRows(rows, parquet);
}

const exists = (file: string) => fs.stat(file).then((stat) => stat.isFile(), () => false);

function loader(split: NextqaSplit) {
  return async (context: BenchmarkLoadContext): Promise<NextqaDoc[]> => {
    const [questions, folders] = await Promise.all([loadQuestions(context, split), videoFolders(context.dataDir)]);
    const docs = questions.map((q) => ({ ...q, videoPath: path.join(context.dataDir, 'NExTVideo', `${folders[q.video] ?? q.video}.mp4`) }));
    return context.limit === undefined ? docs : docs.slice(0, context.limit);
  };
}

export function nextqaPrompt(doc: NextqaDoc): string {
  const options = doc.options.map((option, i) => `${letters[i]}. ${option}`).join('\n');
  return `${doc.question}?\n${options}\nAnswer with the option's letter from the given choices directly.`;
}

export function scoreNextqaDoc(doc: NextqaDoc, output: string): DocScore {
  const letter = parseChoiceLetter(output, letters);
  const value = letter === undefined ? null : letters.indexOf(letter) === doc.answer ? 1 : 0;
  return { accuracy: value, [`Acc@${nextqaQuestionType(doc.type)[0]}`]: value };
}

export const nextqaBenchmark = defineBenchmark<NextqaDoc>({
  id: 'nextqa',
  description: 'NExT-QA multiple choice (val): accuracy overall and per causal/temporal/descriptive group, as eval_mc.py',
  load: loader('val'),
  docToVisual: (doc) => ({ video: doc.videoPath }),
  docToPrompt: (doc) => ({ kind: 'multiple-choice', text: nextqaPrompt(doc), letters }),
  scoreDoc: scoreNextqaDoc,
  toSubmission: (docs, outputs) => nextqaSubmission(docs, outputs),
  metrics: ['accuracy', 'Acc@C', 'Acc@T', 'Acc@D'].map((name) => ({ name, aggregate: 'mean' as const, higherIsBetter: true })),
  variants: { test: { description: 'the test split (dataset/nextqa/test.csv)', load: loader('test') } },
});
