/**
 * Charades-STA against the official outputs in ../shared/goldens/charades_sta: lmms-eval @ 75571cf
 * `lmms_eval/tasks/charades_sta/utils.py` (in-harness, reelm's default) and `eval_tvg.py` (standalone,
 * the `eval-tvg` variant), which disagree. Every case's parsed spans, scored span and IoU, then both
 * aggregates number for number, with duplicate keys collapsing to the last prediction.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resolveVariant } from '../../../src/eval/benchmark.js';
import { charadesSta, charadesPrompt } from '../../../src/eval/benchmarks/charades-sta/index.js';
import { charadesInHarnessReport, charadesKey, charadesStandaloneReport, scoreInHarness, scoreStandalone } from '../../../src/eval/benchmarks/charades-sta/score.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens/charades_sta');
const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/charades-sta');

interface Case { id: string; video: string; caption: string; gt_timestamp: [number, number]; lmms_eval_key: string; response: string; official_parsed: number[][]; official_score: number; official_parse_failed: boolean; eval_tvg_parsed: number[][]; eval_tvg_span_scored: number[]; eval_tvg_score: number }
const cases = JSON.parse(fs.readFileSync(path.join(goldens, 'cases.json'), 'utf8')) as Case[];
const aggregate = JSON.parse(fs.readFileSync(path.join(goldens, 'aggregate.json'), 'utf8')) as {
  in_harness_utils_py: { values: Record<string, number>; bad_prediction_log: string[] };
  standalone_eval_tvg_py: { values: Record<string, number>; stdout: string };
  n_unique_keys: number;
};

test('every golden case: the key, and both parsers and scores', () => {
  for (const c of cases) {
    assert.equal(charadesKey(c.video, c.caption, c.gt_timestamp), c.lmms_eval_key, c.id);
    const harness = scoreInHarness(c.gt_timestamp, c.response);
    assert.deepEqual(harness.parsed, c.official_parsed, `${c.id} utils: ${JSON.stringify(c.response)}`);
    assert.equal(harness.iou, c.official_score, `${c.id} utils IoU`);
    assert.equal(harness.bad, c.official_parse_failed, c.id);
    const standalone = scoreStandalone(c.gt_timestamp, c.response);
    assert.deepEqual(standalone.parsed, c.eval_tvg_parsed, `${c.id} eval_tvg: ${JSON.stringify(c.response)}`);
    assert.deepEqual(standalone.scored, c.eval_tvg_span_scored, c.id);
    assert.equal(standalone.iou, c.eval_tvg_score, `${c.id} eval_tvg IoU`);
  }
});

const predictions = cases.map((c) => ({ video: c.video, caption: c.caption, timestamp: c.gt_timestamp, response: c.response }));

test('utils.py metrics over unique keys (last prediction wins), to the last bit', () => {
  const report = charadesInHarnessReport(predictions);
  assert.deepEqual(report.metrics, aggregate.in_harness_utils_py.values);
  assert.equal(report.counted, aggregate.n_unique_keys);
  assert.equal(report.printed, `${aggregate.in_harness_utils_py.bad_prediction_log[0]}\n`);
});

test('eval_tvg.py metrics and its stdout', () => {
  const report = charadesStandaloneReport(predictions);
  assert.deepEqual(report.metrics, aggregate.standalone_eval_tvg_py.values);
  assert.equal(report.printed, aggregate.standalone_eval_tvg_py.stdout);
});

test('loads the TALL-format annotation lines and scores through the benchmark and its eval-tvg variant', async () => {
  const docs = await charadesSta.load({ dataDir: fixture });
  assert.ok(docs.length >= 3);
  assert.deepEqual({ video: docs[0]?.video, caption: docs[0]?.caption, timestamp: docs[0]?.timestamp }, { video: '3MSZA.mp4', caption: 'person turn a light on', timestamp: [24.3, 30.4] });
  assert.equal(charadesSta.docToVisual(docs[0]!).video, path.join(fixture, 'Charades_v1_480/3MSZA.mp4'));
  const outputs = docs.map((doc) => `The event happens in the ${doc.timestamp[0]} - ${doc.timestamp[1]} seconds.`);
  const report = charadesSta.aggregate!(docs, docs.map((doc, i) => charadesSta.scoreDoc(doc, outputs[i]!)));
  assert.equal(report.metrics.charades_sta_mIOU, 100);
  const bare = resolveVariant(charadesSta, 'eval-tvg');
  const unparsedByEvalTvg = bare.aggregate!(docs, docs.map((doc) => bare.scoreDoc(doc, `${doc.timestamp[0]}-${doc.timestamp[1]}`)));
  assert.equal(unparsedByEvalTvg.unparsed, docs.length);
  assert.equal(charadesSta.aggregate!(docs, docs.map((doc) => charadesSta.scoreDoc(doc, `${doc.timestamp[0]}-${doc.timestamp[1]}`))).unparsed, 0);
});

test('a missing annotation file names TALL as its source', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-charades-'));
  await assert.rejects(charadesSta.load({ dataDir: empty }), /charades_sta_test\.txt.*TALL/s);
  fs.rmSync(empty, { recursive: true });
});

test('the lmms-eval prompt, typo included', () => {
  assert.equal(charadesPrompt({ caption: 'person turn a light on' }).text,
    "Please find the visual event described by a sentence in the video, determining its starting and ending times. The format should be: 'The event happens in the start time - end time'. For example, The event 'person turn a light on' happens in the 24.3 - 30.4 seonds. Now I will give you the textual sentence: person turn a light on. Please return its start time and end time.");
});

test('the benchmark route (scoreDoc per doc, then aggregate) gives the official numbers for both scorers', () => {
  const docs = cases.map((c, i) => ({ id: String(i), video: c.video, videoPath: c.video, caption: c.caption, timestamp: c.gt_timestamp }));
  const harness = charadesSta.aggregate!(docs, docs.map((doc, i) => charadesSta.scoreDoc(doc, cases[i]!.response)));
  assert.deepEqual(harness.metrics, aggregate.in_harness_utils_py.values);
  assert.equal(harness.unparsed, 9);
  const evalTvg = resolveVariant(charadesSta, 'eval-tvg');
  assert.deepEqual(evalTvg.aggregate!(docs, docs.map((doc, i) => evalTvg.scoreDoc(doc, cases[i]!.response))).metrics, aggregate.standalone_eval_tvg_py.values);
});
