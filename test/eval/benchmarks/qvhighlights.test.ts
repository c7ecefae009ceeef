import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, NotFoundError } from '../../../src/core/errors.js';
import { getBenchmark } from '../../../src/eval/benchmark-registry.js';
import { evaluateSubmission } from '../../../src/eval/benchmarks/qvhighlights/evaluate-submission.js';
import { saliencyAveragePrecision, clipScores } from '../../../src/eval/benchmarks/qvhighlights/highlight-detection.js';
import { qvhighlightsBenchmark, type QvhighlightsDoc } from '../../../src/eval/benchmarks/qvhighlights/index.js';
import { momentRetrievalR1, queryAveragePrecision, restrictToLengthRange } from '../../../src/eval/benchmarks/qvhighlights/moment-retrieval.js';
import { loadQueries, type QvhighlightsQuery } from '../../../src/eval/benchmarks/qvhighlights/records.js';
import { scoreQvhighlightsPredictions } from '../../../src/eval/benchmarks/qvhighlights/score-predictions.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/benchmarks/qvhighlights');

test('reproduces standalone_eval/sample_val_preds_metrics_raw.json from sample_val_preds.jsonl, every number', async () => {
  const started = process.cpuUsage();
  const report = await scoreQvhighlightsPredictions('val')({ dataDir: fixtures, predictions: path.join(fixtures, 'standalone_eval/sample_val_preds.jsonl') });
  const cpu = process.cpuUsage(started);
  const published = JSON.parse(fs.readFileSync(path.join(fixtures, 'standalone_eval/sample_val_preds_metrics_raw.json'), 'utf8'));
  assert.deepEqual(report.official, published);
  // The printed brief uses the script's two decimals.
  const brief = report.sections[0]!.rows;
  assert.equal(brief.find((r) => r.name === 'MR-full-mAP')?.printed, '32.20');
  assert.equal(brief.find((r) => r.name === 'HL-min-VeryGood-Hit1')?.printed, '55.55');
  assert.ok((cpu.user + cpu.system) / 1e6 < 20, `scoring 1,550 queries took ${(cpu.user + cpu.system) / 1e6} s of CPU`);
});

// utils.compute_average_precision_detection: ranked by score, each prediction takes the highest-IoU GT window not yet taken.
test('moment AP: a duplicate of a matched window is a false positive; a miss before a hit halves the AP', () => {
  const ap = queryAveragePrecision([[0, 10]], [[0, 10, 0.9], [0, 5, 0.8]]);
  assert.deepEqual(ap, Array(10).fill(1));
  // Ranked by score, not by listing order: the miss (0.9) comes first → precision 0 then 0.5 at recall 1.
  const halved = queryAveragePrecision([[0, 10]], [[0, 10, 0.5], [20, 30, 0.9]]);
  assert.deepEqual(halved, Array(10).fill(0.5));
  // IoU 0.6 passes 0.5–0.6 and fails 0.65 and above.
  const partial = queryAveragePrecision([[0, 10]], [[0, 6, 1]]);
  assert.deepEqual(partial, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(queryAveragePrecision([[0, 10]], []), Array(10).fill(0));
});

// eval.compute_mr_r1: the FIRST listed window (not the best scored), against the GT window it overlaps most.
test('R1 takes the first listed window and the GT window it overlaps most', () => {
  const truth: QvhighlightsQuery[] = [{ qid: 1, query: 'q', duration: 150, vid: 'v', relevant_windows: [[0, 10], [50, 60]], relevant_clip_ids: [], saliency_scores: [] }];
  const r1 = momentRetrievalR1([{ qid: 1, pred_relevant_windows: [[50, 58, 0.1], [0, 10, 0.9]] }], truth);
  assert.equal(r1['0.5'], 100); // IoU 0.8 with [50, 60]
  assert.equal(r1['0.85'], 0);
});

// eval.get_data_by_range: (min, max] on GT window length; queries left without windows are dropped.
test('length ranges keep GT windows in (min, max] and drop queries left with none', () => {
  const truth: QvhighlightsQuery[] = [
    { qid: 1, query: 'a', duration: 150, vid: 'v', relevant_windows: [[0, 10], [20, 50]], relevant_clip_ids: [], saliency_scores: [] },
    { qid: 2, query: 'b', duration: 150, vid: 'v', relevant_windows: [[0, 40]], relevant_clip_ids: [], saliency_scores: [] },
  ];
  const short = restrictToLengthRange([{ qid: 1 }, { qid: 2 }], truth, [0, 10]);
  assert.deepEqual(short.truth.map((q) => q.relevant_windows), [[[0, 10]]]);
  assert.deepEqual(short.submission.map((p) => p.qid), [1]);
});

// utils.get_ap over sklearn's precision_recall_curve, interpolated.
test('highlight AP follows precision_recall_curve: ties share a threshold, single-class truth is 0 or 1', () => {
  assert.ok(Math.abs(saliencyAveragePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]) - 5 / 6) < 1e-12);
  assert.equal(saliencyAveragePrecision([1, 0], [0.5, 0.5]), 0.5);
  assert.equal(saliencyAveragePrecision([0, 0, 0], [1, 2, 3]), 0);
  assert.equal(saliencyAveragePrecision([1, 1], [0, 0]), 1);
});

test('ground-truth clip scores cover int(duration / 2) clips; a clip past the end is a typed error', () => {
  const query: QvhighlightsQuery = { qid: 3, query: 'q', duration: 9, vid: 'v', relevant_windows: [[2, 4]], relevant_clip_ids: [1], saliency_scores: [[4, 2, 0]] };
  assert.deepEqual(clipScores(query), [[0, 0, 0], [4, 2, 0], [0, 0, 0], [0, 0, 0]]);
  assert.throws(() => clipScores({ ...query, relevant_clip_ids: [4] }), ConfigError);
});

test('query ids of predictions and annotations must match, as eval.py asserts', async () => {
  const truth = await loadQueries(fixtures, 'val');
  assert.throws(() => evaluateSubmission([{ qid: truth[0]!.qid, pred_relevant_windows: [[0, 2, 1]] }], truth), (error: unknown) => ConfigError.isInstance(error) && /1549 annotated queries have no prediction/.test(error.message));
});

test('a missing annotation file names the file and the repository it comes from', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-qvh-'));
  await assert.rejects(loadQueries(empty, 'val'), (error: unknown) => NotFoundError.isInstance(error) && error.message.includes('data/highlight_val_release.jsonl') && error.message.includes('jayleicn/moment_detr'));
});

test('the registered benchmark loads the val split, asks for moments and scores spans by the official rules', async () => {
  assert.equal(getBenchmark('qvhighlights'), qvhighlightsBenchmark);
  const docs = (await qvhighlightsBenchmark.load({ dataDir: fixtures })) as QvhighlightsDoc[];
  assert.equal(docs.length, 1550);
  const doc = docs[0]!;
  assert.equal(doc.video, path.join(fixtures, 'videos', `${doc.vid}.mp4`));
  assert.equal(qvhighlightsBenchmark.docToPrompt(doc).text, `Find every moment of this ${doc.duration}-second video that matches the query below. List the moments from most to least relevant.\nQuery: ${doc.query}\nGive each moment as HH:MM:SS.s-HH:MM:SS.s, one per line.`);
  const [start, end] = doc.relevant_windows[0]!;
  const exact = qvhighlightsBenchmark.scoreDoc(doc, `00:${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}-00:${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`);
  assert.equal(exact['MR-R1@0.7'], 1);
  assert.equal(exact['MR-mAP@0.5'], 1);
  assert.deepEqual(qvhighlightsBenchmark.scoreDoc(doc, 'I cannot tell.')['MR-R1@0.5'], null);
});

test('a run written as hl_val_submission.jsonl scores through eval.py rules as the per-query scores average', async () => {
  const docs = (await qvhighlightsBenchmark.load({ dataDir: fixtures })) as QvhighlightsDoc[];
  const clock = (seconds: number): string => `00:${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  // Even queries: the first true window shifted by 2 s; odd ones: no answer.
  const outputs = docs.map((doc, i) => (i % 2 ? 'no idea' : `${clock(doc.relevant_windows[0]![0] + 2)}-${clock(Math.min(doc.relevant_windows[0]![1] + 2, doc.duration))}`));
  const [file] = qvhighlightsBenchmark.toSubmission!(docs, outputs);
  const submission = file!.content.trim().split('\n').map((line) => JSON.parse(line));
  const metrics = evaluateSubmission(submission, await loadQueries(fixtures, 'val'));
  const scores = docs.map((doc, i) => qvhighlightsBenchmark.scoreDoc(doc, outputs[i]!));
  const mean = (name: string): number => (100 * scores.reduce((sum, s) => sum + (s[name] ?? 0), 0)) / scores.length;
  assert.ok(Math.abs(metrics.brief['MR-full-R1@0.5']! - mean('MR-R1@0.5')) < 0.006);
  assert.ok(Math.abs(metrics.brief['MR-full-mAP']! - mean('MR-mAP')) < 0.006);
  assert.ok(metrics.brief['MR-full-R1@0.5']! > 30 && metrics.brief['MR-full-R1@0.5']! <= 50);
});
