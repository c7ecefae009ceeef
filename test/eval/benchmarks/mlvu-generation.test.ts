/**
 * MLVU's generation tasks (`mlvu-generation`) and their `reelm eval score` reader, rule by rule against
 * JUNJIE99/MLVU @ fd060c10 `evaluation/generation_evaluation/`: the judge prompts of `evaluate_ssc.py` /
 * `evaluate_summary.py`, `extract_scores` and the averages of `calculate.py` / `calculate_sum.py`, the
 * `<video_name>_<n>` keys. The judge is the MLVU judge double (mlvu-judge-double.ts), an in-process
 * LanguageModel that scores from the prompt it receives. Annotations: the verbatim fixture excerpt.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../../../src/models/language-model.js';
import { resolveProfile } from '../../../src/models/profiles/index.js';
import { getBenchmark } from '../../../src/eval/benchmark-registry.js';
import { mlvuGeneration } from '../../../src/eval/benchmarks/mlvu/generation.js';
import { mlvuJudgeUserPrompt, pythonListRepr } from '../../../src/eval/benchmarks/mlvu/generation-judge.js';
import { mlvuJudgeRubrics } from '../../../src/eval/benchmarks/mlvu/generation-rubric.js';
import { averageJudgeScores, extractJudgeScores, pythonFloat } from '../../../src/eval/benchmarks/mlvu/generation-scores.js';
import { getPredictionScorer } from '../../../src/eval/predictions/index.js';
import { ConfigError, NotFoundError } from '../../../src/core/errors.js';
import { mlvuJudgeReply } from './mlvu-judge-double.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/mlvu');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-mlvu-generation-'));
after(() => fs.rmSync(work, { recursive: true }));
const write = (name: string, value: unknown): string => {
  const file = path.join(work, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};

function judgeDouble(): LanguageModel & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    id: 'double:mlvu-judge', profile: resolveProfile('double:mlvu-judge'), endpoint: { provider: 'double', modelId: 'mlvu-judge' }, requests,
    async generate(request: GenerateRequest): Promise<GenerateResponse> {
      requests.push(request);
      const user = request.messages.find((m) => m.role === 'user');
      return {
        text: mlvuJudgeReply(typeof user?.content === 'string' ? user.content : ''), finishReason: 'stop', usage: { inputTokens: null, outputTokens: null, images: 0 },
        parameters: request.parameters ?? {}, endpoint: this.endpoint, latencyMs: 0, fromCache: false, warnings: [],
      };
    },
  };
}

test('extract_scores of calculate.py: first key occurrence, two characters past the next ":", up to the next ","', () => {
  const keys = mlvuJudgeRubrics.subPlot.scoreKeys;
  assert.deepEqual(extractJudgeScores("Rationale…\n{'score_accuracy': 3.6666666666666665, 'score_relevance': 5, 'total_score': 8.67}", keys), { scores: [3.6666666666666665, 5], unreadable: false });
  assert.deepEqual(extractJudgeScores('{"score_accuracy": 4, "score_relevance": 2, "total_score": 6}', keys).scores, [4, 2], 'double quotes: the closing quote precedes ":"');
  // A key in the rationale comes first: the text after its next ":" is read, whatever it is.
  assert.deepEqual(extractJudgeScores("The score_accuracy is: 2, then {'score_accuracy': 5, 'score_relevance': 4, 'total_score': 9}", keys).scores, [2, 4]);
  // No space after ":" skips the first digit: ':4, ' gives float(''), which raises in Python.
  assert.deepEqual(extractJudgeScores("{'score_accuracy':4, 'score_relevance':5}", keys), { scores: [], unreadable: true });
  // ':45, ' gives '5': the script reads a wrong number without complaint.
  assert.deepEqual(extractJudgeScores("{'score_accuracy':45, 'score_relevance': 3, 'total_score': 8}", keys).scores, [5, 3]);
  // A missing key is skipped: relevance alone becomes the first score.
  assert.deepEqual(extractJudgeScores("{'score_relevance': 4, 'total_score': 4}", keys).scores, [4]);
  assert.deepEqual(extractJudgeScores('I cannot score this.', keys), { scores: [], unreadable: false });
  assert.deepEqual([pythonFloat(' 4.5 '), pythonFloat('1_0'), pythonFloat(''), pythonFloat('4/5'), pythonFloat('0x10')], [4.5, 10, undefined, undefined, undefined]);
});

test('extract_scores gives what the official function returns on every recorded reply (fixtures/benchmarks/mlvu/generation-judge)', () => {
  const { keys, cases } = JSON.parse(fs.readFileSync(path.join(fixture, 'generation-judge/extract-scores-cases.json'), 'utf8')) as { keys: string[]; cases: Array<{ text: string; official_scores: number[] | null }> };
  for (const c of cases) {
    const extracted = extractJudgeScores(c.text, keys);
    if (c.official_scores === null) assert.equal(extracted.unreadable, true, c.text);
    else assert.deepEqual(extracted, { scores: c.official_scores, unreadable: false }, c.text);
  }
  assert.ok(cases.some((c) => c.official_scores === null));
});

test('saved verdict folders score as calculate.py and calculate_sum.py printed for them', async () => {
  const printed = fs.readFileSync(path.join(fixture, 'generation-judge/calculate-output.txt'), 'utf8');
  const official = Object.fromEntries([...printed.matchAll(/^(\w+) \(\S+\): (\S+) (\S+) (\S+)$/gm)].map((m) => [m[1], [m[2], m[3], m[4]]]));
  const predictions = write('no-open-bench/summary_all.json', []);
  const report = await (await getPredictionScorer('mlvu-generation').load())({ predictions, dataDir: fixture, verdicts: path.join(fixture, 'generation-judge/output') });
  const printedRows = report.sections.map((s) => s.rows.map((r) => r.printed));
  assert.deepEqual(printedRows.slice(0, 2), [official.subplot, official.summary]);
  assert.equal(report.sections[2]!.rows[0]!.value, (Number(official.subplot![2]) + Number(official.summary![2])) / 2);
});

test('calculate.py averages over every judged item; a one-score reply adds to the first sum only', () => {
  const result = averageJudgeScores([[4, 5], [2], []]);
  assert.equal(result.first, 2);
  assert.equal(result.second, 5 / 3);
  assert.equal(result.total, 2 + 5 / 3);
});

test('the user prompt is the official f-string: question without newlines, scoring points as a Python list', () => {
  assert.equal(pythonListRepr(['a man', "the man's hat", 'say "hi"', `it's "both"`, 'back\\slash']), `['a man', "the man's hat", 'say "hi"', 'it\\'s "both"', 'back\\\\slash']`);
  const indent = ' '.repeat(28);
  assert.equal(
    mlvuJudgeUserPrompt({ task: 'subPlot', question: 'Describe\nthe scene.', answer: 'unused', prediction: 'He runs.', scoringPoints: ['He runs'] }),
    `\n${indent}Please score the respondent's answer according to the steps in the Instructions. You must end with a JSON dict to store the scores.\n${indent}Question: Describethe scene.\n${indent}Scoring Points: ['He runs']\n${indent}Respondent's Answer: He runs.\n${' '.repeat(24)}`,
  );
  assert.match(mlvuJudgeRubrics.summary.system, /^\n {28}##TASK DESCRIPTION: \n {28}You are required to evaluate the performance of the respondent in the video summarization task/);
  assert.match(mlvuJudgeRubrics.subPlot.system, /\{'score_accuracy': score_acc, 'score_relevance': score_rele, 'total_score': score_acc \+ score_rele\}\n {24}$/);
});

test('mlvu-generation loads 8_sub_scene and 9_summary; rules leave every answer to the judge; judgeDoc sends the rubric at temperature 0', async () => {
  const docs = await getBenchmark('mlvu-generation').load({ dataDir: fixture });
  assert.equal(docs.length, 6);
  const first = docs[0] as Awaited<ReturnType<typeof mlvuGeneration.load>>[number];
  assert.equal(first.task, 'subPlot');
  assert.deepEqual(first.scoringPoints, ['The man leads the football players with a swagger', 'A man in a suit runs to the three people on the field', 'The man in the suit introduces the man in the green plaid shirt']);
  assert.equal(mlvuGeneration.docToPrompt(first).text, `Carefully watch this video and pay attention to every detail. Based on your observations, answer the given questions.\n${first.question}`);
  assert.deepEqual(mlvuGeneration.scoreDoc(first, 'anything'), { accuracy: null, relevance: null });
  const judge = judgeDouble();
  const score = await mlvuGeneration.judgeDoc!(first, 'The man leads the football players with a swagger into the golf course.', judge);
  // Point 1 is fully said (5); points 2 and 3 share only "man" with the answer (3 each).
  assert.deepEqual(score, { accuracy: (5 + 3 + 3) / 3, relevance: 5, scoresRead: 2 });
  assert.equal(judge.requests[0]!.parameters?.temperature, 0);
  assert.equal(judge.requests[0]!.messages[0]!.content, mlvuJudgeRubrics.subPlot.system);
  const summaryDoc = docs[3] as typeof first;
  const summaryScore = await mlvuGeneration.judgeDoc!(summaryDoc, summaryDoc.answer, judge);
  assert.deepEqual(summaryScore, { completeness: 5, reliability: 5, scoresRead: 2 });
  const report = mlvuGeneration.aggregate!([first, summaryDoc], [score, summaryScore]);
  assert.equal(report.metrics.SSC, (5 + 3 + 3) / 3 + 5);
  assert.equal(report.metrics.VS, 10);
  assert.equal(report.metrics['G-Avg'], ((5 + 3 + 3) / 3 + 5 + 10) / 2);
  const files = mlvuGeneration.toSubmission!(docs as Array<typeof first>, docs.map(() => 'x'));
  assert.deepEqual(files.map((f) => f.path), ['subplot_all.json', 'summary_all.json']);
  assert.deepEqual(JSON.parse(files[0]!.content)[0], { video_name: 'subPlot_new_all_126.mp4', Q: first.question, A: first.answer, pred: 'x' });
});

test('mlvu-generation from a folder without MLVU names the missing file and where it is published', async () => {
  const empty = fs.mkdtempSync(path.join(work, 'empty-'));
  await assert.rejects(mlvuGeneration.load({ dataDir: empty }), (error: unknown) => NotFoundError.isInstance(error) && /8_sub_scene\.json/.test((error as Error).message) && /JUNJIE99\/MLVU/.test((error as Error).message));
});

/** open_bench.py's two output files for the fixture, with answers of varying quality. */
async function openBenchFiles(): Promise<string> {
  const docs = (await mlvuGeneration.load({ dataDir: fixture }));
  const answers = ['The man leads the football players with a swagger; a man in a suit runs over and introduces him.', 'A woman waits.', '', 'Waves, a boat, two men and whales.', 'Nothing.', 'A summary.'];
  const folder = path.join(work, 'open-bench');
  fs.mkdirSync(folder, { recursive: true });
  for (const file of mlvuGeneration.toSubmission!(docs, answers)) fs.writeFileSync(path.join(folder, file.path), file.content);
  return folder;
}

test('eval score: rules only counts the answers needing a judge; --judge scores them; saved verdicts give calculate.py\'s numbers', async () => {
  const folder = await openBenchFiles();
  const scorer = await getPredictionScorer('mlvu-generation').load();
  const rulesOnly = await scorer({ predictions: folder, dataDir: fixture });
  assert.deepEqual(rulesOnly.sections, []);
  assert.match(rulesOnly.notes.join('\n'), /6 of 6 answers need a judge/);

  const judge = judgeDouble();
  const judged = await scorer({ predictions: folder, dataDir: fixture, judge });
  assert.equal(judge.requests.length, 6);
  const subPlotReplies = judge.requests.slice(0, 3).map((r) => extractJudgeScores(mlvuJudgeReply(String(r.messages[1]!.content)), mlvuJudgeRubrics.subPlot.scoreKeys).scores);
  const expected = averageJudgeScores(subPlotReplies);
  const ssc = judged.sections[0]!.rows.find((r) => r.name === 'SSC')!;
  assert.equal(ssc.value, expected.total);
  assert.equal(judged.sections.at(-1)!.rows[0]!.name, 'G-Avg');

  // The evaluate scripts' --output_json, keyed <video_name>_<n>: one verdict per file; one prediction left unjudged.
  const verdicts = {
    'subPlot_new_all_126.mp4_0': [{ explain: "…{'score_accuracy': 4, 'score_relevance': 5, 'total_score': 9}" }, { q: 'q', a: 'a', pred: 'p', scoring_points: ['x'] }],
    'subPlot_new_all_151.mp4_0': [{ explain: "{'score_relevance': 3, 'total_score': 3}" }, { q: 'q', a: 'a', pred: 'p', scoring_points: ['x'] }],
    '217.mp4_0': [{ explain: "{'score_completeness': 2, 'score_reliability': 3, 'total_score': 5}" }, { q: 'q', a: 'a', pred: 'p' }],
  };
  const reused = await scorer({ predictions: folder, dataDir: fixture, verdicts: write('verdicts.json', verdicts) });
  const rows = Object.fromEntries(reused.sections.flatMap((s) => s.rows.map((r) => [r.name, r.printed])));
  assert.deepEqual(rows, { score_accuracy: '3.5', score_relevance: '2.5', SSC: '6.0', score_completeness: '2.0', score_reliability: '3.0', VS: '5.0', 'G-Avg': '5.5' });
  assert.match(reused.notes.join('\n'), /3 predictions have no verdict/);

  // The same verdicts as evaluate_ssc.py's --output_dir: one <key>.json per judged item.
  for (const [key, value] of Object.entries(verdicts)) write(`output_dir/${key}.json`, value);
  const fromFolder = await scorer({ predictions: folder, dataDir: fixture, verdicts: path.join(work, 'output_dir') });
  assert.deepEqual(fromFolder.sections, reused.sections);
  write('output_dir/broken.json', { explain: 'not a pair' });
  await assert.rejects(scorer({ predictions: folder, dataDir: fixture, verdicts: path.join(work, 'output_dir') }), (error: unknown) => ConfigError.isInstance(error) && /output_dir \(broken\): is not the judge output of evaluate_ssc\.py/.test((error as Error).message));
});

test('eval score: a malformed predictions file is a ConfigError naming it and open_bench.py\'s format', async () => {
  const scorer = await getPredictionScorer('mlvu-generation').load();
  const bad = write('subplot_all.json', [{ video_name: 'v.mp4', question: 'q', pred: 'p' }]);
  await assert.rejects(scorer({ predictions: bad, dataDir: fixture }), (error: unknown) => ConfigError.isInstance(error) && /subplot_all\.json: is not open_bench\.py's output/.test((error as Error).message));
  const unknownQuestion = write('x/subplot_all.json', [{ video_name: 'v.mp4', Q: 'Not an MLVU question', A: 'a', pred: 'p' }]);
  const judge = judgeDouble();
  await assert.rejects(scorer({ predictions: unknownQuestion, dataDir: fixture, judge }), /its question is not in .*8_sub_scene\.json/);
  assert.equal(judge.requests.length, 0, 'checked before any judge call');
});
