/**
 * Test helper: Hugging Face dataset folders written at test time with `hyparquet-writer`, in the schema
 * each dataset card documents (the files are Hugging Face–only, so no verbatim copy can be committed).
 * Each builder writes the same rows twice — as the published parquet file and as the JSON-rows export
 * beside it — into two folders, so a test can load both layouts and compare.
 *
 * - Video-MME: `lmms-lab/Video-MME`, config `videomme`, `videomme/test-00000-of-00001.parquet`; features
 *   `video_id, duration, domain, sub_category, url, videoID, question_id, task_type, question,
 *   options (sequence of string), answer` (README.md dataset_info).
 * - Perception Test: `lmms-lab/PerceptionTest_Val`, config `mc_question_val`,
 *   `mc_question_val/validation-00000-of-00001.parquet`; features `video_name, question, question_id,
 *   options (sequence of string), answer_id (string), area, reasoning, tag (sequence of string)`.
 * - EgoSchema: `lmms-lab/egoschema`, config `Subset`, `Subset/test-00000-of-00001.parquet`; the columns
 *   lmms-eval's `egoschema/utils.py` reads: `question_idx, question, video_idx, option` (five "A. …"
 *   strings, which `egoschema_doc_to_choice` splits at the letter), `answer`.
 * - TempCompass: `lmms-lab/TempCompass`, one config per task, `<task>/test-00000-of-00001.parquet`; the
 *   columns lmms-eval's `tempcompass/utils.py` reads: `video_id, question, answer, dim`.
 * - Charades-STA: `lmms-lab/charades_sta`, `data/test-00000-of-00001.parquet`; `video, caption,
 *   timestamp` with the timestamps as float16 (BENCHMARKS.md §4; the card's dtype), a list of two.
 * - NExT-QA: `lmms-lab/NExTQA`, config `MC`, `MC/test-00000-of-00001.parquet`, the CSV's columns with
 *   integer columns as INT64 (lmms-eval reads `video, question, a0…a4, answer, type`).
 */

import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';

type Row = Record<string, string | number | string[]>;

/** Writes rows as one parquet file (snappy, hyparquet-writer's default, as `datasets` writes); numbers as INT64, as Python ints are. */
export function writeParquetRows(file: string, columns: readonly string[], rows: readonly Row[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const buffer = parquetWriteBuffer({
    columnData: columns.map((name) => {
      const data = rows.map((row) => row[name]!);
      if (Array.isArray(data[0])) return { name, data };
      if (typeof data[0] === 'number') return { name, data: data.map((value) => BigInt(value as number)), type: 'INT64' as const };
      return { name, data, type: 'STRING' as const };
    }),
  });
  fs.writeFileSync(file, new Uint8Array(buffer));
}

const videoMmeColumns = ['video_id', 'duration', 'domain', 'sub_category', 'url', 'videoID', 'question_id', 'task_type', 'question', 'options', 'answer'];

interface TemplateVideo { video_id: string; duration: string; domain: string; sub_category: string; questions: Array<{ question_id: string; task_type: string; question: string; options: string[]; answer: string }> }

/**
 * Video-MME rows built from BradyFU/Video-MME's published template (the fixture's questions), one row per
 * question as the dataset card lists the columns; `videoID` (the YouTube id) is made up as `yt<video_id>`.
 */
export function videoMmeRows(templateFile: string): Row[] {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8').replace(/,(\s*[}\]])/g, '$1')) as TemplateVideo[];
  return template.flatMap((video) => video.questions.map((q) => ({
    video_id: video.video_id, duration: video.duration, domain: video.domain, sub_category: video.sub_category,
    url: `https://www.youtube.com/watch?v=yt${video.video_id}`, videoID: `yt${video.video_id}`,
    question_id: q.question_id, task_type: q.task_type, question: q.question, options: q.options, answer: q.answer,
  })));
}

/** `parquetDir/videomme/test-00000-of-00001.parquet` and `jsonDir/videomme/test-00000-of-00001.json`, the same rows. */
export function writeVideoMmeLayouts(rows: readonly Row[], parquetDir: string, jsonDir: string): void {
  writeParquetRows(path.join(parquetDir, 'videomme/test-00000-of-00001.parquet'), videoMmeColumns, rows);
  fs.mkdirSync(path.join(jsonDir, 'videomme'), { recursive: true });
  fs.writeFileSync(path.join(jsonDir, 'videomme/test-00000-of-00001.json'), JSON.stringify(rows));
}

const perceptionColumns = ['video_name', 'question', 'question_id', 'options', 'answer_id', 'area', 'reasoning', 'tag'];

interface PerceptionVideo { mc_question: Array<{ id: number; question: string; options: string[]; answer_id: number; area: string; reasoning: string; tag: string[] }> }

/** Perception Test rows (one per question, ids and answers as strings, as the card types them) from the per-video JSON. */
export function perceptionTestRows(annotationFile: string): Row[] {
  const byVideo = JSON.parse(fs.readFileSync(annotationFile, 'utf8')) as Record<string, PerceptionVideo>;
  return Object.entries(byVideo).flatMap(([video, entry]) => entry.mc_question.map((q) => ({
    video_name: video, question: q.question, question_id: String(q.id), options: q.options, answer_id: String(q.answer_id), area: q.area, reasoning: q.reasoning, tag: q.tag,
  })));
}

export function writePerceptionTestParquet(rows: readonly Row[], dir: string): void {
  writeParquetRows(path.join(dir, 'mc_question_val/validation-00000-of-00001.parquet'), perceptionColumns, rows);
}

interface EgoQuestion { q_uid: string; question: string; [option: `option ${number}`]: string }

/** The subset questions of the GitHub files (questions.json ∩ subset_answers.json) as `Subset` rows. */
export function egoSchemaSubsetRows(questionsFile: string, answersFile: string): Row[] {
  const answers = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as Record<string, number>;
  const questions = JSON.parse(fs.readFileSync(questionsFile, 'utf8')) as EgoQuestion[];
  return questions.filter((q) => answers[q.q_uid] !== undefined).map((q, index) => ({
    question_idx: String(index), question: q.question, video_idx: q.q_uid,
    option: [0, 1, 2, 3, 4].map((i) => `${String.fromCharCode(65 + i)}. ${q[`option ${i}`]}`), answer: String(answers[q.q_uid]),
  }));
}

export function writeEgoSchemaParquet(rows: readonly Row[], dir: string): void {
  writeParquetRows(path.join(dir, 'Subset/test-00000-of-00001.parquet'), ['question_idx', 'question', 'video_idx', 'option', 'answer'], rows);
}

const nextqaIntegerColumns = new Set(['video', 'frame_count', 'width', 'height', 'answer', 'qid']);

/** The first `count` rows of a NExT-QA CSV (header kept) as CSV text and as `MC` parquet rows. */
export function nextqaRows(csvFile: string, count: number): { csv: string; columns: string[]; rows: Row[] } {
  const lines = fs.readFileSync(csvFile, 'utf8').split(/\r?\n/).slice(0, count + 1);
  const columns = lines[0]!.split(',');
  // The first rows of val.csv hold no quoted fields, so a split on commas reads them exactly.
  const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i]!, nextqaIntegerColumns.has(columns[i]!) ? Number(value) : value])));
  return { csv: `${lines.join('\n')}\n`, columns, rows };
}

export function writeNextqaParquet(columns: readonly string[], rows: readonly Row[], dir: string): void {
  writeParquetRows(path.join(dir, 'MC/test-00000-of-00001.parquet'), columns, rows);
}

/** Charades-STA rows from TALL lines: the caption without its final period, the times as written (float16 in the file). */
export function charadesRows(tallFile: string): Array<{ video: string; caption: string; timestamp: [number, number] }> {
  return fs.readFileSync(tallFile, 'utf8').split(/\r?\n/).filter((line) => line.trim()).map((line) => {
    const [head = '', sentence = ''] = line.split('##');
    const [id, start, end] = head.trim().split(/\s+/);
    return { video: `${id}.mp4`, caption: sentence.trim().replace(/\.$/, ''), timestamp: [Number(start), Number(end)] };
  });
}

/** `data/test-00000-of-00001.parquet` with `timestamp` as a list of FLOAT16, as `datasets` writes a float16 sequence. */
export function writeCharadesParquet(rows: ReadonlyArray<{ video: string; caption: string; timestamp: [number, number] }>, dir: string): void {
  const file = path.join(dir, 'data/test-00000-of-00001.parquet');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'video', data: rows.map((r) => r.video) },
      { name: 'caption', data: rows.map((r) => r.caption) },
      { name: 'timestamp', data: rows.map((r) => r.timestamp) },
    ],
    schema: [
      { name: 'root', num_children: 3 },
      { name: 'video', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      { name: 'caption', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      { name: 'timestamp', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', repetition_type: 'OPTIONAL', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 2, logical_type: { type: 'FLOAT16' } },
    ],
  });
  fs.writeFileSync(file, new Uint8Array(buffer));
}

/** TempCompass rows of one task, one per question in the repository file's order. */
export function tempcompassRows(perVideo: Record<string, Record<string, Array<{ question: string; answer: string }>>>): Row[] {
  return Object.entries(perVideo).flatMap(([video, dims]) => Object.entries(dims).flatMap(([dim, list]) => list.map((q) => ({ video_id: video, question: q.question, answer: q.answer, dim }))));
}

export function writeTempcompassParquet(task: string, rows: readonly Row[], dir: string): void {
  writeParquetRows(path.join(dir, task, 'test-00000-of-00001.parquet'), ['video_id', 'question', 'answer', 'dim'], rows);
}
