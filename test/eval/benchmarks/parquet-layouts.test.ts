/**
 * Hugging Face parquet layouts: the parquet reader on files hyparquet-writer produces (snappy, INT64,
 * lists), its typed errors, and — for Video-MME and Perception Test — the same samples loaded from the
 * published parquet path and from the JSON layout give the same docs and score identically; likewise
 * EgoSchema's subset, NExT-QA's test split, TempCompass and Charades-STA from lmms-eval's folders against
 * the GitHub (or exported) files. The parquet
 * files are written at test time in the dataset cards' documented schema (hf-parquet-fixtures.ts).
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import zlib from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ConfigError, NotFoundError } from '../../../src/core/errors.js';
import { readPublishedRows } from '../../../src/eval/benchmark-files.js';
import { charadesSta } from '../../../src/eval/benchmarks/charades-sta/index.js';
import { egoSchema } from '../../../src/eval/benchmarks/egoschema/index.js';
import { nextqaBenchmark } from '../../../src/eval/benchmarks/nextqa/index.js';
import { perceptionTest } from '../../../src/eval/benchmarks/perception-test/index.js';
import { tempcompassBenchmark } from '../../../src/eval/benchmarks/tempcompass/index.js';
import { resolveVariant } from '../../../src/eval/benchmark.js';
import { videoMme } from '../../../src/eval/benchmarks/videomme/index.js';
import { parseParquet, readParquetRows } from '../../../src/eval/read-parquet.js';
import {
  charadesRows, egoSchemaSubsetRows, nextqaRows, tempcompassRows, writeCharadesParquet, writeTempcompassParquet, perceptionTestRows, videoMmeRows, writeEgoSchemaParquet, writeNextqaParquet, writePerceptionTestParquet, writeVideoMmeLayouts,
} from './hf-parquet-fixtures.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/benchmarks');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-parquet-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('reads rows with lists, strings and 64-bit integers as JSON would give them', async () => {
  const buffer = parquetWriteBuffer({ columnData: [
    { name: 'qid', data: [BigInt(7), BigInt(2) ** BigInt(60)], type: 'INT64' },
    { name: 'question', data: ['why?', 'naïve — ünïcode'], type: 'STRING' },
    { name: 'options', data: [['a', 'b'], ['c']] },
  ] });
  const rows = await parseParquet(new Uint8Array(buffer), 'memory.parquet');
  assert.deepEqual(rows, [
    { qid: 7, question: 'why?', options: ['a', 'b'] },
    // Beyond 2^53 a number would be rounded; the exact decimal string is kept instead.
    { qid: '1152921504606846976', question: 'naïve — ünïcode', options: ['c'] },
  ]);
});

test('a file that is not parquet is a ConfigError naming it; a missing one names where it comes from', async () => {
  const bad = path.join(work, 'not.parquet');
  fs.writeFileSync(bad, 'PAR1 but not really');
  await assert.rejects(readParquetRows(bad), (error: unknown) => ConfigError.isInstance(error) && /not\.parquet.*not a readable parquet file/.test((error as Error).message));
  await assert.rejects(readPublishedRows(work, { paths: ['videomme/test-00000-of-00001.parquet'], source: 'huggingface.co/datasets/lmms-lab/Video-MME' }),
    (error: unknown) => NotFoundError.isInstance(error) && /test-00000-of-00001\.parquet not found; it comes from huggingface\.co\/datasets\/lmms-lab\/Video-MME/.test((error as Error).message));
});

test('readPublishedRows reads the same table from parquet, JSON Lines, CSV and a JSON array', async () => {
  const rows = [{ video: '4010069381', question: 'how, "quoted"', answer: '0' }, { video: '7', question: 'why', answer: '4' }];
  const dir = path.join(work, 'rows');
  fs.mkdirSync(dir, { recursive: true });
  const columns = ['video', 'question', 'answer'] as const;
  fs.writeFileSync(path.join(dir, 'a.parquet'), new Uint8Array(parquetWriteBuffer({ columnData: columns.map((name) => ({ name, data: rows.map((r) => r[name]), type: 'STRING' as const })) })));
  fs.writeFileSync(path.join(dir, 'a.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
  fs.writeFileSync(path.join(dir, 'a.csv'), 'video,question,answer\n4010069381,"how, ""quoted""",0\n7,why,4\n');
  fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(rows));
  for (const name of ['a.parquet', 'a.jsonl', 'a.csv', 'a.json']) {
    assert.deepEqual((await readPublishedRows(dir, { paths: [name], source: 'test' })).rows, rows, name);
  }
});

test('an aborted read is an AbortedError', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(readParquetRows(path.join(work, 'not.parquet'), controller.signal), { name: 'AbortedError' });
});

test('Video-MME: the published parquet and the JSON rows load the same docs and score identically', async () => {
  const rows = videoMmeRows(path.join(fixtures, 'videomme/evaluation/output_test_template.json'));
  const parquetDir = path.join(work, 'videomme-hf');
  const jsonDir = path.join(work, 'videomme-json');
  writeVideoMmeLayouts(rows, parquetDir, jsonDir);
  const fromParquet = await videoMme.load({ dataDir: parquetDir });
  const fromJson = await videoMme.load({ dataDir: jsonDir });
  assert.equal(fromParquet.length, 9);
  const relative = (dir: string) => (doc: (typeof fromParquet)[number]) => ({ ...doc, video: path.relative(dir, doc.video), subtitles: path.relative(dir, doc.subtitles) });
  assert.deepEqual(fromParquet.map(relative(parquetDir)), fromJson.map(relative(jsonDir)));
  assert.equal(fromParquet[0]!.video, path.join(parquetDir, 'data/yt001.mp4'), 'videos are named by the YouTube id column videoID');
  assert.deepEqual(fromParquet[0]!.options, ['A. Apples.', 'B. Candles.', 'C. Berries.', 'D. The three kinds are of the same number.']);
  // The template's own responses, scored from both layouts.
  const template = JSON.parse(fs.readFileSync(path.join(fixtures, 'videomme/evaluation/output_test_template.json'), 'utf8').replace(/,(\s*[}\]])/g, '$1')) as Array<{ questions: Array<{ response: string }> }>;
  const responses = template.flatMap((v) => v.questions.map((q) => q.response));
  const report = (docs: typeof fromParquet) => videoMme.aggregate!(docs, docs.map((doc, i) => videoMme.scoreDoc(doc, responses[i]!)));
  assert.deepEqual(report(fromParquet), report(fromJson));
  assert.ok(report(fromParquet).counted > 0);
  // And the same as the published template they were built from (its own layout, its own names).
  const fromTemplate = await videoMme.load({ dataDir: path.join(fixtures, 'videomme') });
  assert.deepEqual(report(fromParquet), report(fromTemplate));
  // --limit applies to the parquet rows as to any other layout.
  assert.equal((await videoMme.load({ dataDir: parquetDir, limit: 2 })).length, 2);
});

test('Perception Test: the lmms-lab parquet and the published per-video JSON load the same docs and score identically', async () => {
  const annotation = path.join(fixtures, 'perception-test/mc_question_valid.json');
  const parquetDir = path.join(work, 'perception-hf');
  writePerceptionTestParquet(perceptionTestRows(annotation), parquetDir);
  const fromParquet = await perceptionTest.load({ dataDir: parquetDir });
  const fromJson = await perceptionTest.load({ dataDir: path.join(fixtures, 'perception-test') });
  assert.ok(fromParquet.length >= 2);
  const relative = (dir: string) => (doc: (typeof fromParquet)[number]) => ({ ...doc, video: path.relative(dir, doc.video) });
  assert.deepEqual(fromParquet.map(relative(parquetDir)), fromJson.map(relative(path.join(fixtures, 'perception-test'))));
  // Answers that hit, miss and fail to parse, scored from both.
  const outputs = fromJson.map((doc, i) => [String.fromCharCode(65 + doc.answer), 'B', 'no idea'][i % 3]!);
  const report = (docs: typeof fromParquet) => perceptionTest.aggregate!(docs, docs.map((doc, i) => perceptionTest.scoreDoc(doc, outputs[i]!)));
  assert.deepEqual(report(fromParquet), report(fromJson));
  assert.ok(report(fromParquet).unparsed > 0);
});

test('EgoSchema: the lmms-lab Subset parquet and the GitHub questions.json + subset_answers.json give the same docs and scores', async () => {
  const github = path.join(fixtures, 'egoschema');
  const parquetDir = path.join(work, 'egoschema-hf');
  writeEgoSchemaParquet(egoSchemaSubsetRows(path.join(github, 'questions.json'), path.join(github, 'subset_answers.json')), parquetDir);
  const fromParquet = await egoSchema.load({ dataDir: parquetDir });
  const fromGithub = await egoSchema.load({ dataDir: github });
  assert.equal(fromParquet.length, 3, 'the three subset questions; the one outside the subset is not in Subset');
  const relative = (dir: string) => (doc: (typeof fromParquet)[number]) => ({ ...doc, video: path.relative(dir, doc.video) });
  assert.deepEqual(fromParquet.map(relative(parquetDir)), fromGithub.map(relative(github)));
  assert.equal(fromParquet[0]!.options[0], 'C is cleaning the kitchen.', 'the "A. " letter is split off, the text kept whole');
  const outputs = fromGithub.map((doc, i) => (i === 0 ? String.fromCharCode(65 + doc.answer) : i === 1 ? 'A' : 'I cannot tell'));
  const scores = (docs: typeof fromParquet) => docs.map((doc, i) => egoSchema.scoreDoc(doc, outputs[i]!));
  assert.deepEqual(scores(fromParquet), scores(fromGithub));
});

test('NExT-QA test split: lmms-lab MC parquet (INT64 columns) and the CSV give the same docs and scores', async () => {
  const { csv, columns, rows } = nextqaRows(path.join(fixtures, 'nextqa/dataset/nextqa/val.csv'), 6);
  const csvDir = path.join(work, 'nextqa-github');
  fs.mkdirSync(path.join(csvDir, 'dataset/nextqa'), { recursive: true });
  fs.writeFileSync(path.join(csvDir, 'dataset/nextqa/test.csv'), csv);
  const parquetDir = path.join(work, 'nextqa-hf');
  writeNextqaParquet(columns, rows, parquetDir);
  fs.mkdirSync(path.join(parquetDir, 'NExTVideo/1006'), { recursive: true });
  fs.writeFileSync(path.join(parquetDir, 'NExTVideo/1006/4010069381.mp4'), '');
  const test = resolveVariant(nextqaBenchmark, 'test');
  const fromParquet = await test.load({ dataDir: parquetDir });
  const fromCsv = await test.load({ dataDir: csvDir });
  assert.equal(fromParquet.length, 6);
  const relative = (dir: string) => (doc: (typeof fromParquet)[number]) => ({ ...doc, videoPath: path.relative(dir, doc.videoPath) });
  const withoutVideo = (doc: ReturnType<ReturnType<typeof relative>>) => ({ ...doc, videoPath: '' });
  assert.deepEqual(fromParquet.map(relative(parquetDir)).map(withoutVideo), fromCsv.map(relative(csvDir)).map(withoutVideo));
  assert.equal(fromParquet[0]!.videoPath, path.join(parquetDir, 'NExTVideo/1006/4010069381.mp4'), 'found in its unpacked folder without the id map');
  const outputs = fromCsv.map((doc, i) => (i % 2 ? 'E' : String.fromCharCode(65 + doc.answer)));
  const scores = (docs: typeof fromParquet) => docs.map((doc, i) => test.scoreDoc(doc, outputs[i]!));
  assert.deepEqual(scores(fromParquet), scores(fromCsv));
});

test('Charades-STA: lmms-lab parquet (float16 timestamps) and its JSON-rows export give the same docs and scores', async () => {
  const rows = charadesRows(path.join(fixtures, 'charades-sta/charades_sta_test.txt'));
  const parquetDir = path.join(work, 'charades-hf');
  writeCharadesParquet(rows, parquetDir);
  const fromParquet = await charadesSta.load({ dataDir: parquetDir });
  assert.equal(fromParquet.length, rows.length);
  // float16 keeps 11 significant bits: 24.3 s is stored as 24.296875 s, as lmms-eval's ground truth has it.
  assert.deepEqual(fromParquet[0]!.timestamp, [24.296875, 30.40625]);
  assert.equal(fromParquet[0]!.caption, 'person turn a light on');
  const jsonDir = path.join(work, 'charades-json');
  fs.mkdirSync(path.join(jsonDir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(jsonDir, 'data/test.json'), JSON.stringify(fromParquet.map(({ video, caption, timestamp }) => ({ video, caption, timestamp }))));
  const fromJson = await charadesSta.load({ dataDir: jsonDir });
  const relative = (dir: string) => (doc: (typeof fromParquet)[number]) => ({ ...doc, videoPath: path.relative(dir, doc.videoPath) });
  assert.deepEqual(fromParquet.map(relative(parquetDir)), fromJson.map(relative(jsonDir)));
  const outputs = fromJson.map((doc, i) => (i % 2 ? 'no idea' : `The event happens in ${doc.timestamp[0]} - ${doc.timestamp[1] + 2} seconds.`));
  const scores = (docs: typeof fromParquet) => docs.map((doc, i) => charadesSta.scoreDoc(doc, outputs[i]!));
  assert.deepEqual(scores(fromParquet), scores(fromJson));
});

test('TempCompass: the lmms-lab parquet per task and the GitHub questions/*.json give the same docs and scores', async () => {
  const github = path.join(fixtures, 'tempcompass');
  const parquetDir = path.join(work, 'tempcompass-hf');
  for (const task of ['multi-choice', 'yes_no', 'caption_matching', 'captioning']) {
    const perVideo = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(github, 'questions', `${task}.json.gz`))).toString('utf8')) as Parameters<typeof tempcompassRows>[0];
    writeTempcompassParquet(task, tempcompassRows(perVideo), parquetDir);
  }
  const withoutMeta = await tempcompassBenchmark.load({ dataDir: parquetDir });
  fs.copyFileSync(path.join(github, 'meta_info.json'), path.join(parquetDir, 'meta_info.json'));
  const fromParquet = await tempcompassBenchmark.load({ dataDir: parquetDir });
  const fromGithub = await tempcompassBenchmark.load({ dataDir: github });
  assert.ok(fromParquet.length > 100);
  const relative = (dir: string) => (doc: (typeof fromParquet)[number]) => ({ ...doc, videoPath: path.relative(dir, doc.videoPath) });
  assert.deepEqual(fromParquet.map(relative(parquetDir)), fromGithub.map(relative(github)));
  // Without meta_info.json (the Hugging Face folder has none) only the fine-grained breakdown is lost.
  assert.deepEqual(withoutMeta.map((doc) => ({ ...doc, fineGrainedType: '' })), fromParquet.map((doc) => ({ ...doc, fineGrainedType: '' })));
  assert.ok(withoutMeta.some((doc) => doc.fineGrainedType === 'unknown'));
  const outputs = fromGithub.map((doc, i) => (i % 3 === 0 ? doc.answer : i % 3 === 1 ? 'yes' : 'hmm'));
  const report = (docs: typeof fromParquet) => tempcompassBenchmark.aggregate!(docs, docs.map((doc, i) => tempcompassBenchmark.scoreDoc(doc, outputs[i]!)));
  assert.deepEqual(report(fromParquet), report(fromGithub));
});
