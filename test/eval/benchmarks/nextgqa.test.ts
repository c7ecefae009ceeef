/**
 * NExT-GQA against the official outputs in ../shared/goldens/nextgqa (doc-doc/NExT-GQA @ 63772e0
 * `code/TempGQA/eval_ground.py` with the real `gsub_val.json` and `val.csv`): every case's scored span
 * (gs mode rounds half to even) and maxima, then both printed lines and their unrounded values. The
 * loader reads verbatim excerpts of the repository's files.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { resolveVariant } from '../../../src/eval/benchmark.js';
import { nextGqa } from '../../../src/eval/benchmarks/nextgqa/index.js';
import { parseNextGqaAnswer } from '../../../src/eval/benchmarks/nextgqa/prompt.js';
import { evalGround, nextGqaMaxima, nextGqaScoredSpan, type NextGqaGroundTruth } from '../../../src/eval/benchmarks/nextgqa/score.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens/nextgqa');
const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/nextgqa');

interface Case { id: string; key: string; mode: string; duration: number; gt_location: number[][]; predicted_span: number[]; qa: { answer: number; prediction: number }; official_parsed: number[]; official_score: { max_tIoU: number; max_tIoP: number; qa_correct: boolean; 'counts_for_Acc@GQA': boolean } }
const cases = JSON.parse(fs.readFileSync(path.join(goldens, 'cases.json'), 'utf8')) as Case[];
interface Run { printed: string; derived_unrounded_check: Record<string, number>; predictions_file: Record<string, number[]>; qa_file: Record<string, { answer: number; prediction: number }> }
const aggregate = JSON.parse(fs.readFileSync(path.join(goldens, 'aggregate.json'), 'utf8')) as { seconds_mode_gs_False: Run; gaussian_mode_gs_True: Run };
const gsubVal = JSON.parse(fs.readFileSync(path.join(fixture, 'datasets/nextgqa/gsub_val.json'), 'utf8')) as NextGqaGroundTruth;

test('every golden case: the scored span and the two independent maxima', () => {
  for (const c of cases) {
    const gs = c.mode.includes('gs=True');
    const span = nextGqaScoredSpan(c.predicted_span, c.duration, gs);
    assert.deepEqual(span, c.official_parsed, c.id);
    const { maxIoU, maxIoP } = nextGqaMaxima(c.gt_location, span);
    assert.equal(maxIoU, c.official_score.max_tIoU, `${c.id} IoU`);
    assert.equal(maxIoP, c.official_score.max_tIoP, `${c.id} IoP`);
    assert.equal(c.qa.answer === c.qa.prediction, c.official_score.qa_correct, c.id);
    assert.equal(c.official_score.qa_correct && maxIoP >= 0.5, c.official_score['counts_for_Acc@GQA'], c.id);
  }
});

for (const [name, gs] of [['seconds_mode_gs_False', false], ['gaussian_mode_gs_True', true]] as const) {
  test(`eval_ground ${name}: printed line and unrounded values, in GT-file order`, () => {
    const run = aggregate[name];
    const { report } = evalGround(gsubVal, run.predictions_file, run.qa_file, { gs });
    assert.equal(report.printed, run.printed);
    const { cnt, ...values } = run.derived_unrounded_check;
    assert.equal(report.counted, cnt);
    // The golden's unrounded values are the harness's own recomputation (`x*100/cnt`); the script computes
    // `x*1.0/cnt*100`, which can differ in the last bit (17/29: 58.620689655172406 vs 58.62068965517241).
    assert.deepEqual(Object.keys(report.metrics).sort(), Object.keys(values).sort());
    for (const [metric, value] of Object.entries(values)) assert.ok(Math.abs(report.metrics[metric]! - value) < 1e-12, metric);
    assert.equal(report.metrics['TIoP@0.3'], gs ? (8 * 1.0 / 10) * 100 : (17 * 1.0 / 29) * 100);
  });
}

test('loads the verbatim excerpts in gsub order, the answer index from the CSV text, videos by VidOR path', async () => {
  const docs = await nextGqa.load({ dataDir: fixture });
  assert.equal(docs[0]?.videoId, '10109006686');
  const val = await resolveVariant(nextGqa, 'val').load({ dataDir: fixture });
  assert.equal(val.length, Object.values(gsubVal).reduce((n, v) => n + Object.keys(v.location).length, 0));
  const first = val[0]!;
  assert.deepEqual([first.id, first.answer, first.options[first.answer]], ['10001787725_1', 4, 'protect from falling']);
  assert.equal(first.video, path.join(fixture, 'NExTVideo/1009/10001787725.mp4'));
  const letter = (doc: typeof first) => String.fromCharCode(65 + doc.answer);
  const scores = val.map((doc) => nextGqa.scoreDoc(doc, `${letter(doc)} ${doc.locations[0]![0]}-${doc.locations[0]![1]}`));
  const report = nextGqa.aggregate!(val, scores);
  assert.equal(report.metrics['Acc&GQA'], 100);
  assert.equal(report.metrics.mIoP, 100);
  const noSpan = nextGqa.aggregate!(val, val.map((doc) => nextGqa.scoreDoc(doc, letter(doc))));
  assert.equal(noSpan.unparsed, val.length);
});

test('the answer reader: a leading letter and the first span; nothing guessed', () => {
  assert.deepEqual(parseNextGqaAnswer('E 1.2-5.8', 5, 34), { option: 4, span: [1.2, 5.8] });
  assert.deepEqual(parseNextGqaAnswer('(B) from 00:03 to 00:07', 5, 34), { option: 1, span: [3, 7] });
  assert.deepEqual(parseNextGqaAnswer('I am not sure', 5, 34), {});
  assert.deepEqual(parseNextGqaAnswer('F 1-2', 5, 34), { span: [1, 2] });
});
