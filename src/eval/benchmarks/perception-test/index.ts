/**
 * Perception Test multiple-choice video QA (validation) as a benchmark. The annotations
 * (`mc_question_valid_annotations.zip` → `mc_question_valid.json`, on Google Cloud Storage, not in git)
 * map a video id to `{metadata, mc_question: [{id, question, options (3), answer_id, area, reasoning,
 * tag}]}`; videos are `valid_videos/<video_id>.mp4` (or `videos/`). The same questions are on Hugging Face
 * as parquet (`lmms-lab/PerceptionTest_Val`, `mc_question_val/validation-00000-of-00001.parquet`, one row
 * per question: `video_name, question, question_id, options, answer_id (a string), area, reasoning, tag`),
 * which lmms-eval reads; either layout loads to the same docs. The official metric is top-1 accuracy
 * and google-deepmind/perception_test publishes no scoring code ("coming soon"), so the letter is read as
 * lmms-eval does (@ 75571cf, `lmms_eval/tasks/perceptiontest/val/utils.py`): the first `\b[A-D]\b` of the
 * stripped response; no letter is unparsed (counted wrong, and apart). Accuracy is a fraction, with
 * breakdowns by area and reasoning type.
 */

import fs from 'node:fs/promises';
import { defineBenchmark, type Benchmark, type BenchmarkLoadContext, type BenchmarkPrompt, type DocScore, type OfficialReport } from '../../benchmark.js';
import { findPublishedFile, limitDocs, parseJsonFile, resolveMediaPath } from '../../benchmark-files.js';
import { readParquetRows } from '../../read-parquet.js';

export interface PerceptionTestDoc {
  id: string;
  videoId: string;
  video: string;
  question: string;
  options: string[];
  answer: number;
  area: string;
  reasoning: string;
}

interface VideoEntry { metadata?: { video_id?: string }; mc_question?: Array<{ id: number | string; question: string; options: string[]; answer_id: number | string; area: string; reasoning: string }> }

/** One question per row, as `lmms-lab/PerceptionTest_Val` publishes them. */
interface QuestionRow { video_name: string; question: string; question_id: string | number; options: string[]; answer_id: string | number; area: string; reasoning: string }

export const perceptionTestAnnotationFile = {
  paths: ['mc_question_valid.json', 'mc_question_valid_annotations/mc_question_valid.json', 'all_valid.json', 'mc_question_val/validation-00000-of-00001.parquet'],
  source: 'storage.googleapis.com/dm-perception-test/zip_data/mc_question_valid_annotations.zip (google-deepmind/perception_test README) or huggingface.co/datasets/lmms-lab/PerceptionTest_Val (mc_question_val/validation-00000-of-00001.parquet)',
} as const;

/** Parquet rows regrouped by video in row order, so both layouts go through one path. */
function groupRowsByVideo(rows: readonly QuestionRow[]): Record<string, VideoEntry> {
  const byVideo: Record<string, VideoEntry> = {};
  for (const row of rows) {
    const entry = (byVideo[row.video_name] ??= { mc_question: [] });
    entry.mc_question!.push({ id: row.question_id, question: row.question, options: row.options, answer_id: row.answer_id, area: row.area, reasoning: row.reasoning });
  }
  return byVideo;
}

export async function loadPerceptionTest(context: BenchmarkLoadContext): Promise<PerceptionTestDoc[]> {
  const file = await findPublishedFile(context.dataDir, perceptionTestAnnotationFile);
  const value = file.endsWith('.parquet')
    ? groupRowsByVideo((await readParquetRows(file, context.signal)) as unknown as QuestionRow[])
    : parseJsonFile<Record<string, VideoEntry>>(await fs.readFile(file, 'utf8'), file);
  const docs: PerceptionTestDoc[] = [];
  for (const [videoId, entry] of Object.entries(value)) {
    const video = await resolveMediaPath(context.dataDir, [`valid_videos/${videoId}.mp4`, `videos/${videoId}.mp4`]);
    for (const q of entry.mc_question ?? []) {
      docs.push({ id: `${videoId}/${q.id}`, videoId, video, question: q.question, options: q.options, answer: Number(q.answer_id), area: q.area, reasoning: q.reasoning });
    }
  }
  return limitDocs(docs, context.limit);
}

/** lmms-eval's prompt: the question, "A. …" to "C. …", and the letter instruction. */
export function perceptionTestPrompt(doc: Pick<PerceptionTestDoc, 'question' | 'options'>): BenchmarkPrompt {
  const letters = doc.options.map((_, i) => String.fromCharCode(65 + i));
  return { kind: 'multiple-choice', letters, text: `${doc.question}${doc.options.map((o, i) => `\n${letters[i]}. ${o}`).join('')}\nAnswer with the option's letter from the given choices directly.` };
}

/** `re.search(r"\b([A-D])\b", pred.strip())`: the option index, or undefined. */
export function parsePerceptionTestOption(output: string): number | undefined {
  const match = /(?<![\p{L}\p{N}_])([A-D])(?![\p{L}\p{N}_])/u.exec(output.trim());
  return match ? match[1]!.charCodeAt(0) - 65 : undefined;
}

export function scorePerceptionTestDoc(doc: PerceptionTestDoc, output: string): DocScore {
  const option = parsePerceptionTestOption(output);
  return { accuracy: option === undefined ? null : option === doc.answer ? 1 : 0 };
}

export function perceptionTestReport(docs: readonly PerceptionTestDoc[], scores: readonly DocScore[]): OfficialReport {
  const accuracy = (picked: number[]) => (picked.length ? picked.filter((i) => scores[i]?.accuracy === 1).length / picked.length : 0);
  const indices = docs.map((_, i) => i);
  const by = (field: 'area' | 'reasoning') => {
    const groups = new Map<string, number[]>();
    for (const i of indices) groups.set(docs[i]![field], [...(groups.get(docs[i]![field]) ?? []), i]);
    return Object.fromEntries([...groups].map(([name, picked]) => [name, accuracy(picked)]));
  };
  return { metrics: { accuracy: accuracy(indices) }, breakdowns: { area: by('area'), reasoning: by('reasoning') }, counted: docs.length, total: docs.length, unparsed: scores.filter((s) => s.accuracy === null).length };
}

export const perceptionTest: Benchmark<PerceptionTestDoc> = defineBenchmark<PerceptionTestDoc>({
  id: 'perception-test',
  description: 'Perception Test multiple-choice video QA (validation, 3 options): top-1 accuracy by area and reasoning',
  load: loadPerceptionTest,
  docToVisual: (doc) => ({ video: doc.video }),
  docToPrompt: perceptionTestPrompt,
  scoreDoc: scorePerceptionTestDoc,
  aggregate: perceptionTestReport,
  metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }],
});
