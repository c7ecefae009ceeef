import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, NotFoundError } from '../../../src/core/errors.js';
import { getBenchmark } from '../../../src/eval/benchmark-registry.js';
import { aggregateScores } from '../../../src/eval/benchmark.js';
import { nextqaBenchmark, type NextqaDoc } from '../../../src/eval/benchmarks/nextqa/index.js';
import { scoreNextqaPredictions } from '../../../src/eval/benchmarks/nextqa/score-predictions.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/benchmarks/nextqa');
const header = 'video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4';

function printed(report: Awaited<ReturnType<ReturnType<typeof scoreNextqaPredictions>>>): Record<string, string> {
  return Object.fromEntries(report.sections.flatMap((s) => s.rows.map((r) => [r.name, r.printed])));
}

test("reproduces the README's HGA (BERT-FT) val row from results/HGA-bert-ft-h256-val-example.json, as eval_mc.py prints it", async () => {
  const report = await scoreNextqaPredictions('val')({ dataDir: fixtures, predictions: path.join(fixtures, 'results/HGA-bert-ft-h256-val-example.json') });
  const values = printed(report);
  assert.deepEqual([values.Acc_C, values.Acc_T, values.Acc_D, values.Acc], ['46.26', '50.74', '59.33', '49.74']);
  assert.equal(report.sections[1]!.rows[0]!.count, 4996);
});

function tinySplit(rows: string[], results: Record<string, { prediction: number; answer: number }>): { dataDir: string; predictions: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-nextqa-'));
  fs.mkdirSync(path.join(dataDir, 'dataset/nextqa'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'dataset/nextqa/val.csv'), [header, ...rows].join('\n') + '\n');
  const predictions = path.join(dataDir, 'results.json');
  fs.writeFileSync(predictions, JSON.stringify(results));
  return { dataDir, predictions };
}

// eval_mc.py: `if qtype == 'TP': qtype = 'TN'`, and `answer = preds[qid]['answer']` (the result file's answer, not the CSV's).
test("TP questions count as TN, and the result file's own answer decides correctness", async () => {
  const input = tinySplit(
    ['1,10,640,480,what happens before,0,1,TP,a,b,c,d,e', '1,10,640,480,what happens after,2,2,TN,a,b,c,d,e', '2,10,640,480,why,1,1,CW,a,b,c,d,e'],
    { '1_1': { prediction: 0, answer: 0 }, '1_2': { prediction: 1, answer: 2 }, '2_1': { prediction: 3, answer: 3 } },
  );
  const report = await scoreNextqaPredictions('val')(input);
  const rows = Object.fromEntries(report.sections.flatMap((s) => s.rows.map((r) => [r.name, r])));
  assert.equal(rows['Bef&Aft']!.count, 2);
  assert.equal(rows['Bef&Aft']!.printed, '50.00');
  // The CSV says answer 1 for "2_1"; the result file says 3 and predicts 3: eval_mc.py counts it right.
  assert.equal(rows.Why!.printed, '100.00');
  assert.equal(rows.Acc!.printed, '66.67');
  assert.match(report.notes.join('\n'), /1 results store an answer that differs from the CSV/);
});

test('a question without a result is a typed error naming the key; a missing CSV names the repository', async () => {
  const input = tinySplit(['1,10,640,480,why,0,1,CW,a,b,c,d,e'], {});
  await assert.rejects(scoreNextqaPredictions('val')(input), (error: unknown) => ConfigError.isInstance(error) && error.message.includes('"1_1"'));
  await assert.rejects(scoreNextqaPredictions('val')({ dataDir: os.tmpdir(), predictions: input.predictions }), (error: unknown) => NotFoundError.isInstance(error) && /doc-doc\/NExT-QA/.test(error.message));
});

test('the registered benchmark: five lettered options, letter scoring with unparsed answers counted apart, group metrics', async () => {
  assert.equal(getBenchmark('nextqa'), nextqaBenchmark);
  const docs = (await nextqaBenchmark.load({ dataDir: fixtures, limit: 3 })) as NextqaDoc[];
  const first = docs[0]!;
  assert.equal(first.key, '4010069381_6');
  assert.equal(nextqaBenchmark.docToPrompt(first).text, "how do the two man play the instrument?\nA. roll the handle\nB. tap their feet\nC. strum the string\nD. hit with sticks\nE. pat with hand\nAnswer with the option's letter from the given choices directly.");
  assert.equal(first.videoPath, path.join(fixtures, 'NExTVideo', '4010069381.mp4'));
  const scores = [nextqaBenchmark.scoreDoc(first, 'A'), nextqaBenchmark.scoreDoc(docs[1]!, 'B. approach lady'), nextqaBenchmark.scoreDoc(docs[2]!, 'maybe')];
  assert.deepEqual(scores[0], { accuracy: 1, 'Acc@C': 1 });
  assert.deepEqual(scores[1], { accuracy: 0, 'Acc@C': 0 });
  assert.equal(scores[2]!.accuracy, null);
  const accuracy = aggregateScores(nextqaBenchmark, scores).find((m) => m.name === 'accuracy')!;
  assert.equal(accuracy.unparsed, 1);
  assert.equal(accuracy.value, 1 / 3);
});

test('a run written in the result format scores the same through eval_mc.py rules as through the benchmark metrics', async () => {
  const docs = (await nextqaBenchmark.load({ dataDir: fixtures })) as NextqaDoc[];
  const outputs = docs.map((doc, i) => (i % 11 === 0 ? 'unsure' : 'ABCDE'[(doc.answer + (i % 3 === 0 ? 1 : 0)) % 5]!));
  const [file] = nextqaBenchmark.toSubmission!(docs, outputs);
  const predictions = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-nextqa-run-')), path.basename(file!.path));
  fs.writeFileSync(predictions, file!.content);
  const report = await scoreNextqaPredictions('val')({ dataDir: fixtures, predictions });
  const accuracy = aggregateScores(nextqaBenchmark, docs.map((doc, i) => nextqaBenchmark.scoreDoc(doc, outputs[i]!)));
  const overall = report.sections[1]!.rows[0]!.value!;
  assert.ok(Math.abs(overall - 100 * accuracy.find((m) => m.name === 'accuracy')!.value!) < 1e-9);
  assert.ok(Math.abs(printed(report).Acc_T! as unknown as number - 100 * accuracy.find((m) => m.name === 'Acc@T')!.value!) < 0.006);
});
