import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../../src/core/errors.js';
import { getBenchmark } from '../../../src/eval/benchmark-registry.js';
import { ovobenchBenchmark, type OvoDoc } from '../../../src/eval/benchmarks/ovobench/index.js';
import { ovoPrompt } from '../../../src/eval/benchmarks/ovobench/prompts.js';
import { loadOvoItems } from '../../../src/eval/benchmarks/ovobench/records.js';
import { scoreChoice, scoreCount, scoreYesNo } from '../../../src/eval/benchmarks/ovobench/rules.js';
import { scoreOvobenchPredictions } from '../../../src/eval/benchmarks/ovobench/score-predictions.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/benchmarks/ovobench');

/** "Task: X, Acc: N" and "<Mode> Avg.: N" lines of the official score.py output. */
function officialPrinted(): Record<string, string> {
  const text = fs.readFileSync(path.join(fixtures, 'official-score-output.txt'), 'utf8');
  const entries = [...text.matchAll(/Task: (\w+), Acc: ([\d.]+)/g)].map((m) => [m[1]!, m[2]!]);
  entries.push(...[...text.matchAll(/^(\w+ Avg\.): ([\d.]+)/gm)].map((m) => [m[1]!, m[2]!]));
  return Object.fromEntries(entries);
}

test("reproduces score.py on the published results/Gemini folder (split per task), every printed number", async () => {
  const report = await scoreOvobenchPredictions({ predictions: path.join(fixtures, 'results/Gemini') });
  const ours = Object.fromEntries(report.sections.flatMap((s) => s.rows.map((r) => [r.name, r.printed])));
  const official = officialPrinted();
  assert.equal(Object.keys(official).length, 12 + 4);
  for (const [name, value] of Object.entries(official)) assert.equal(ours[name], value, name);
  assert.equal(ours['Total Avg.'], '63.00');
  assert.match(report.notes.join('\n'), /read 6 result file/);
});

test('one result file scores alone; Total needs all three modes', async () => {
  const report = await scoreOvobenchPredictions({ predictions: path.join(fixtures, 'results/Gemini/Gemini_ASI_offline.json') });
  assert.deepEqual(report.sections.map((s) => s.title), ['Backward Tracing']);
  assert.match(report.notes.join('\n'), /Total Avg\. needs results of all three modes/);
});

test('a results file without the mode lists is a typed error', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-ovo-')), 'bad.json');
  fs.writeFileSync(file, JSON.stringify({ backward: [] }));
  await assert.rejects(scoreOvobenchPredictions({ predictions: file }), (error: unknown) => ConfigError.isInstance(error) && /"realtime"/.test(error.message));
});

// utils/OVOBenchScore.py, case by case.
test('official rules: letter anywhere, digits joined, exact N/Y or Yes/No contained, None wrong', () => {
  assert.equal(scoreChoice('The answer is C', 'C'), 1);
  assert.equal(scoreChoice('b', 'B'), 0); // case-sensitive substring
  assert.equal(scoreChoice('A or B', 'B'), 1); // a hedge counts: the letter occurs
  assert.equal(scoreChoice(null, 'A'), 0);
  assert.equal(scoreCount('3', 3), 1);
  assert.equal(scoreCount('1 and 2', 12), 1); // all digits concatenated
  assert.equal(scoreCount('They did it 3 times in 2 scenes', 3), 0);
  assert.equal(scoreYesNo('N', 0), 1);
  assert.equal(scoreYesNo('Y', 1), 1);
  assert.equal(scoreYesNo('No.', 0), 1);
  assert.equal(scoreYesNo('yes', 1), 0); // "Yes" is matched case-sensitively
  assert.equal(scoreYesNo('Not yet', 0), 1); // "No" is a substring of "Not"
  assert.equal(scoreYesNo(undefined, 0), 0);
});

test('prompts equal what the official build_prompt produces for every task', async () => {
  const items = await loadOvoItems(fixtures);
  const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'official-prompts.json'), 'utf8')) as Array<{ id: number; probe: number | null; prompt: string }>;
  assert.equal(expected.length, 12);
  for (const sample of expected) {
    const item = items.find((i) => i.id === sample.id)!;
    assert.equal(ovoPrompt(item, sample.probe ?? 0), sample.prompt, `item ${sample.id}`);
  }
});

test('the protocol: one doc per backward/real-time item cut at ceil(realtime), one per forward probe cut at its time', async () => {
  assert.equal(getBenchmark('ovobench'), ovobenchBenchmark);
  const docs = (await ovobenchBenchmark.load({ dataDir: fixtures })) as OvoDoc[];
  const items = await loadOvoItems(fixtures);
  const probes = items.reduce((n, item) => n + (item.test_info?.length ?? 0), 0);
  assert.equal(docs.length, items.filter((i) => !i.test_info).length + probes);
  assert.equal(probes, 698 + 629 + 240);
  const fpd = docs.find((d) => d.id === '1109')!;
  assert.equal(fpd.cutAt, 89); // realtime 88.43
  assert.deepEqual(ovobenchBenchmark.docToVisual(fpd).span, { start: 0, end: 89 });
  assert.equal(fpd.video, path.join(fixtures, 'data/src_videos/Ego4D/video/005efbab-c314-48d8-8dd9-bfc1263ec5df.mp4'));
  const rec = docs.filter((d) => d.item.id === 1558);
  assert.deepEqual(rec.map((d) => [d.id, d.cutAt]), [['1558_0', 17], ['1558_1', 19], ['1558_2', 32]]);
  assert.deepEqual(ovobenchBenchmark.scoreDoc(rec[0]!, '1'), { REC: 1 });
  assert.deepEqual(ovobenchBenchmark.scoreDoc(fpd, `${String.fromCharCode(65 + fpd.item.gt!)}`), { FPD: 1 });
});

test('aggregate gives per-task accuracy, the mean per mode and the total, as score.py', async () => {
  const docs = (await ovobenchBenchmark.load({ dataDir: fixtures })) as OvoDoc[];
  // An answerer that is right on backward tasks, wrong on real-time ones, and says "No" to every forward probe.
  const scores = docs.map((doc) => ovobenchBenchmark.scoreDoc(doc, doc.mode === 'backward' ? String.fromCharCode(65 + doc.item.gt!) : doc.mode === 'realtime' ? 'Z' : 'No'));
  const report = ovobenchBenchmark.aggregate!(docs, scores);
  assert.equal(report.metrics.Backward, 100);
  assert.equal(report.metrics.Realtime, 0);
  const forward = ['REC', 'SSR', 'CRR'].map((task) => report.breakdowns!.task![task]!);
  assert.equal(forward[0], 0);
  assert.ok(Math.abs(report.metrics.Forward! - forward.reduce((a, b) => a + b, 0) / 3) < 1e-9);
  assert.ok(Math.abs(report.metrics.Total! - (100 + 0 + report.metrics.Forward!) / 3) < 1e-9);
});

test('a run written in the official result format scores the same through score.py rules as through aggregate', async () => {
  const docs = (await ovobenchBenchmark.load({ dataDir: fixtures })) as OvoDoc[];
  const outputs = docs.map((doc, i) => (i % 7 === 0 ? null : doc.mode === 'forward' ? (i % 2 ? 'Yes' : 'No, 2') : i % 3 ? String.fromCharCode(65 + doc.item.gt!) : 'D'));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-ovo-run-'));
  for (const file of ovobenchBenchmark.toSubmission!(docs, outputs)) {
    fs.mkdirSync(path.dirname(path.join(folder, file.path)), { recursive: true });
    fs.writeFileSync(path.join(folder, file.path), file.content);
  }
  assert.equal(fs.readdirSync(path.join(folder, 'results/reelm')).length, 12);
  const scored = await scoreOvobenchPredictions({ predictions: path.join(folder, 'results/reelm') });
  const aggregated = ovobenchBenchmark.aggregate!(docs, docs.map((doc, i) => ovobenchBenchmark.scoreDoc(doc, outputs[i] ?? '')));
  const total = scored.sections.find((s) => s.title === 'Total')!.rows[0]!;
  assert.ok(Math.abs(total.value! - aggregated.metrics.Total!) < 1e-9);
  for (const r of scored.sections.flatMap((s) => s.rows).filter((r) => r.count !== undefined)) assert.ok(Math.abs(r.value! - aggregated.breakdowns!.task![r.name]!) < 1e-9, r.name);
});
