/**
 * `reelm eval score` readers of the wave-A benchmarks, each fed its official prediction format built from
 * ../shared/goldens and checked against the official outputs there: Video-MME's printed report, Charades-STA's
 * two lmms-eval scorers, NExT-GQA's printed line (seconds and gs), LVBench's compute_accuracy, MLVU's
 * final_res; EgoSchema on the fixture's public-subset answers.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { getPredictionScorer } from '../../../src/eval/predictions/index.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens');
const fixtures = path.resolve(import.meta.dirname, '../../fixtures/benchmarks');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-score-wave-a-'));
after(() => fs.rmSync(work, { recursive: true }));

const readGolden = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(goldens, name), 'utf8')) as T;
const write = (name: string, value: unknown): string => {
  const file = path.join(work, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const score = async (id: string, predictions: string, dataDir?: string) => (await getPredictionScorer(id).load())({ predictions, ...(dataDir ? { dataDir } : {}) });
const values = (report: { sections: Array<{ rows: Array<{ name: string; value: number | null }> }> }, section = 0) => Object.fromEntries(report.sections[section]!.rows.map((r) => [r.name, r.value]));

test('videomme: a results file in the template format prints the official report', async () => {
  const cases = readGolden<Array<Record<string, unknown> & { video_id: string }>>('videomme/cases.json');
  const videos = new Map<string, { video_id: string; duration: unknown; domain: unknown; sub_category: unknown; questions: unknown[] }>();
  for (const c of cases) {
    const video = videos.get(c.video_id) ?? { video_id: c.video_id, duration: c.duration, domain: c.domain, sub_category: c.sub_category, questions: [] };
    video.questions.push({ question_id: c.id, task_type: c.task_type, question: c.question, options: c.options, answer: c.answer, response: c.response });
    videos.set(c.video_id, video);
  }
  const report = await score('videomme', write('videomme/results.json', [...videos.values()]));
  assert.equal((report.official as { stdout: string }).stdout, readGolden<{ printed_stdout: string }>('videomme/aggregate.json').printed_stdout);
  assert.equal(report.sections[0]!.rows.at(-1)!.printed, ' 69.4%');
});

test('charades-sta: the combined submission under both lmms-eval scorers', async () => {
  const cases = readGolden<Array<{ lmms_eval_key: string; response: string }>>('charades_sta/cases.json');
  const submission: Record<string, string> = {};
  for (const c of cases) submission[c.lmms_eval_key] = c.response;
  const file = write('charades/submission.json', submission);
  const aggregate = readGolden<{ in_harness_utils_py: { values: Record<string, number> }; standalone_eval_tvg_py: { values: Record<string, number> } }>('charades_sta/aggregate.json');
  assert.deepEqual(values(await score('charades-sta', file)), aggregate.in_harness_utils_py.values);
  assert.deepEqual(values(await score('charades-sta:eval-tvg', file)), aggregate.standalone_eval_tvg_py.values);
});

test('nextgqa: grounding file and val-res.json, in seconds and normalised (gs)', async () => {
  const aggregate = readGolden<Record<string, { printed: string; predictions_file: unknown; qa_file: unknown }>>('nextgqa/aggregate.json');
  for (const [mode, name] of [['seconds_mode_gs_False', 'seconds/val_ground.json'], ['gaussian_mode_gs_True', 'gs/val_ground_gs.json']] as const) {
    const file = write(name, aggregate[mode]!.predictions_file);
    write(path.join(path.dirname(name), 'val-res.json'), aggregate[mode]!.qa_file);
    const report = await score('nextgqa:val', file, path.join(fixtures, 'nextgqa'));
    assert.equal((report.official as { printed: string }).printed, aggregate[mode]!.printed, mode);
  }
});

test('lvbench: an answer file against video_info.meta.jsonl', async () => {
  const aggregate = readGolden<{ compute_accuracy_return: Record<string, number>; result_json_for_leaderboard: Record<string, number>; answer_file_used: Record<string, string>; meta_jsonl_used: unknown[] }>('lvbench/aggregate.json');
  write('lvbench/data/video_info.meta.jsonl', aggregate.meta_jsonl_used.map((line) => JSON.stringify(line)).join('\n'));
  const report = await score('lvbench', write('lvbench/answers.json', aggregate.answer_file_used), path.join(work, 'lvbench'));
  assert.deepEqual(values(report), aggregate.compute_accuracy_return);
  assert.deepEqual(values(report, 1), aggregate.result_json_for_leaderboard);
});

test('mlvu: the saved res_list re-scored with check_ans, both copies', async () => {
  const cases = readGolden<Array<{ response: string; official_gt: string; task_type: string }>>('mlvu/cases.json');
  const aggregate = readGolden<{ final_res: Record<string, number>; videochat2_variant: { Avg: number } }>('mlvu/aggregate.json');
  const file = write('mlvu/test_all_choice.json', { acc_dict: {}, res_list: cases.map((c) => ({ pred: c.response, gt: c.official_gt, question_type: c.task_type })) });
  assert.deepEqual(values(await score('mlvu', file)), aggregate.final_res);
  assert.equal(values(await score('mlvu:videochat2', file)).Avg, aggregate.videochat2_variant.Avg);
});

test('egoschema: a submission scored on the public subset; missing uids counted apart', async () => {
  const file = write('egoschema/submission.json', { '0074f737-11cb-497d-8d07-77c3a8127391': 3, '00b9a0de-c59e-49cb-a127-6081e2fb8c8e': 0, 'not-in-subset': 1 });
  const report = await score('egoschema', file, path.join(fixtures, 'egoschema'));
  assert.equal(values(report).accuracy, 1 / 3);
  assert.match(report.notes[0]!, /^1 subset questions have no prediction/);
});

test('a run\'s submission files score to the run\'s own official report (toSubmission → eval score)', async () => {
  const { getBenchmark } = await import('../../../src/eval/benchmark-registry.js');
  const { resolveVariant } = await import('../../../src/eval/benchmark.js');
  const plans: Array<{ id: string; variant?: string; scorer: string; data: boolean; answer: (doc: never, i: number) => string }> = [
    { id: 'videomme', scorer: 'videomme', data: false, answer: (doc: { answer: string }, i) => (i % 3 === 0 ? 'I cannot tell' : i % 2 ? `The answer is ${doc.answer}` : 'A') },
    { id: 'charades-sta', scorer: 'charades-sta', data: false, answer: (doc: { timestamp: number[] }, i) => (i === 1 ? 'no idea' : `The event happens in ${doc.timestamp[0]! + i} - ${doc.timestamp[1]} seconds.`) },
    { id: 'lvbench', scorer: 'lvbench', data: true, answer: (doc: { answer: string }, i) => (i === 0 ? `(${doc.answer}) yes` : 'The answer is B') },
    { id: 'mlvu', scorer: 'mlvu', data: false, answer: (doc: { candidates: string[]; answer: string }, i) => (i % 2 ? `${String.fromCharCode(65 + doc.candidates.indexOf(doc.answer))}) x` : 'B.') },
    { id: 'egoschema', scorer: 'egoschema', data: true, answer: (doc: { answer: number }, i) => (i === 1 ? 'unsure' : String.fromCharCode(65 + doc.answer)) },
    { id: 'nextgqa', variant: 'val', scorer: 'nextgqa:val', data: true, answer: (doc: { answer: number; locations: number[][] }, i) => `${String.fromCharCode(65 + ((doc.answer + (i % 4 === 0 ? 1 : 0)) % 5))} ${doc.locations[0]![0]! + (i % 3)}-${doc.locations[0]![1]! + 1}` },
  ];
  for (const plan of plans) {
    const benchmark = resolveVariant(getBenchmark(plan.id), plan.variant);
    const dataDir = path.join(fixtures, plan.id);
    const docs = await benchmark.load({ dataDir });
    const outputs = docs.map((doc, i) => plan.answer(doc as never, i));
    const own = benchmark.aggregate!(docs, docs.map((doc, i) => benchmark.scoreDoc(doc, outputs[i]!)));
    const files = benchmark.toSubmission!(docs, outputs).map((file) => write(path.join(`${plan.id}-run`, file.path), file.content));
    const report = await score(plan.scorer, files[0]!, plan.data ? dataDir : undefined);
    const scored = values(report);
    for (const [name, value] of Object.entries(own.metrics)) {
      const key = plan.id === 'egoschema' && name === 'score' ? 'accuracy' : name;
      assert.equal(scored[key], value, `${plan.id} ${name}`);
    }
  }
});
