import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { readingJudgeReply } from '../eval/benchmarks/tempcompass-judge-double.js';
import { mlvuJudgeReply } from '../eval/benchmarks/mlvu-judge-double.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/benchmarks');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-eval-score-'));
const environment: NodeJS.ProcessEnv = { ...process.env, REELM_CACHE_DIR: path.join(work, 'cache') };

async function reelm(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return reelmWith(environment, ...args);
}

async function reelmWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs'), path.join(repoRoot, 'src/cli/main.ts'), ...args], {
      cwd: work, env, timeout: 120_000, maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

test('qvhighlights: --json reproduces standalone_eval/sample_val_preds_metrics_raw.json', async () => {
  const run = await reelm('eval', 'score', '--benchmark', 'qvhighlights', '--data', path.join(fixtures, 'qvhighlights'), '--predictions', path.join(fixtures, 'qvhighlights/standalone_eval/sample_val_preds.jsonl'), '--json');
  assert.equal(run.code, 0, run.stderr);
  const published = JSON.parse(fs.readFileSync(path.join(fixtures, 'qvhighlights/standalone_eval/sample_val_preds_metrics_raw.json'), 'utf8'));
  assert.deepEqual(JSON.parse(run.stdout).official, published);
});

test('ovobench: a results folder split per task prints what score.py prints', async () => {
  const run = await reelm('eval', 'score', '--benchmark', 'ovobench', '--predictions', path.join(fixtures, 'ovobench/results/Gemini'));
  assert.equal(run.code, 0, run.stderr);
  const official = fs.readFileSync(path.join(fixtures, 'ovobench/official-score-output.txt'), 'utf8');
  const lines = [...official.matchAll(/(?:Task: (\w+), Acc|(\w+ Avg\.)): ([\d.]+)/g)].map((m) => ({ name: (m[1] ?? m[2])!, value: m[3]! }));
  assert.equal(lines.length, 16);
  for (const { name, value } of lines) {
    assert.match(run.stdout, new RegExp(`^  ${name.replace('.', '\\.')}\\s+${value.replace('.', '\\.')}(\\s|$)`, 'm'), `${name} ${value}`);
  }
});

test('tempcompass: predictions with the published verdicts give print_result\'s numbers; without them the rules-only count is printed', async () => {
  const args = ['eval', 'score', '--benchmark', 'tempcompass', '--data', path.join(fixtures, 'tempcompass'), '--predictions', path.join(fixtures, 'tempcompass/predictions/gemini')];
  const run = await reelm(...args, '--verdicts', path.join(fixtures, 'tempcompass/auto_eval_results/gemini'), '--json');
  assert.equal(run.code, 0, run.stderr);
  const official = JSON.parse(run.stdout).official;
  assert.deepEqual([official['multi-choice'].accuracy.avg, official.yes_no.accuracy.avg, official.caption_matching.accuracy.avg, official.captioning.accuracy.avg], [63.9, 70.3, 77.4, 57.9]);
  const rulesOnly = await reelm(...args);
  assert.equal(rulesOnly.code, 0, rulesOnly.stderr);
  assert.match(rulesOnly.stdout, /note: multi-choice: 110 of 1580 answers needed a judge: rated 0 \(rules only\)/);
});

test('nextqa: the example result file prints the README row', async () => {
  const run = await reelm('eval', 'score', '--benchmark', 'nextqa', '--data', path.join(fixtures, 'nextqa'), '--predictions', path.join(fixtures, 'nextqa/results/HGA-bert-ft-h256-val-example.json'));
  assert.equal(run.code, 0, run.stderr);
  for (const [name, value] of [['Acc_C', '46.26'], ['Acc_T', '50.74'], ['Acc_D', '59.33'], ['Acc', '49.74']] as const) assert.match(run.stdout, new RegExp(`^  ${name}\\s+${value.replace('.', '\\.')}`, 'm'));
});

test('bad input exits 1 with a message naming the input and what to do', async () => {
  const noData = await reelm('eval', 'score', '--benchmark', 'nextqa', '--predictions', 'x.json');
  assert.equal(noData.code, 1);
  assert.match(noData.stderr, /--data: is required for nextqa: a checkout of doc-doc\/NExT-QA/);
  const unknown = await reelm('eval', 'score', '--benchmark', 'no-such', '--predictions', 'x.json');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /cannot read predictions for "no-such"; it can for: tempcompass, nextqa/);
  const missing = await reelm('eval', 'score', '--benchmark', 'qvhighlights', '--data', path.join(fixtures, 'qvhighlights'), '--predictions', path.join(work, 'none.jsonl'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /none\.jsonl: not found/);
  const action = await reelm('eval', 'frobnicate');
  assert.equal(action.code, 1);
  assert.match(action.stderr, /unknown action; one of score/);
});

test('eval --help lists the actions', async () => {
  const help = await reelm('eval', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /score\s+score predictions made elsewhere/);
});

/** A loopback chat-completions server whose answers come from a judge double (the TempCompass reading judge by default); it records each request body. */
async function startJudgeServer(reply: (prompt: string) => string = readingJudgeReply): Promise<{ baseURL: string; bodies: Array<Record<string, any>>; close(): Promise<void> }> {
  const bodies: Array<Record<string, any>> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, json: unknown): void => { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json)); };
      if (req.method === 'GET' && req.url === '/v1/models') return send(200, { object: 'list', data: [{ id: 'reading-judge', object: 'model', owned_by: 'test' }] });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'not found' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>;
      bodies.push(body);
      const user = body.messages.find((m: { role: string }) => m.role === 'user');
      const prompt = typeof user.content === 'string' ? user.content : user.content.map((part: { text?: string }) => part.text ?? '').join('');
      send(200, { id: `judge-${bodies.length}`, object: 'chat.completion', created: 0, model: 'reading-judge', choices: [{ index: 0, message: { role: 'assistant', content: reply(prompt) }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    bodies,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

test('tempcompass with the configured judge (roles.judge): unmatched answers go to the judge over HTTP with the official system prompt and settings', async () => {
  const folder = path.join(work, 'judged', 'gemini');
  fs.mkdirSync(folder, { recursive: true });
  const all = JSON.parse(gunzipSync(fs.readFileSync(path.join(fixtures, 'tempcompass/predictions/gemini/multi-choice.json.gz'))).toString('utf8'));
  fs.writeFileSync(path.join(folder, 'multi-choice.json'), JSON.stringify(Object.fromEntries(Object.entries(all).slice(0, 60))));
  const judge = await startJudgeServer();
  try {
    // The judge as a configured model under the judge role: `--judge` is not needed then.
    const config = path.join(work, 'judge.config.json');
    fs.writeFileSync(config, JSON.stringify({ models: { grader: { model: 'openai-compatible:reading-judge', baseURL: judge.baseURL } }, roles: { judge: 'grader' } }));
    const run = await reelmWith({ ...environment, REELM_CONFIG: config }, 'eval', 'score', '--benchmark', 'tempcompass', '--data', path.join(fixtures, 'tempcompass'), '--predictions', folder, '--json');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    const judged = report.official['multi-choice'].neededJudge as number;
    assert.ok(judged > 0);
    assert.equal(judge.bodies.length, judged);
    const first = judge.bodies[0]!;
    assert.equal(first.messages[0].content, 'You are an AI assistant for question answering.');
    assert.equal(first.temperature, 1);
    assert.equal(first.top_p, 1);
    assert.equal(first.max_tokens ?? first.max_completion_tokens, 128);
    assert.match(report.notes.join('\n'), new RegExp(`multi-choice: ${judged} of \\d+ answers needed a judge: ${judged} judged by openai-compatible:reading-judge`));
  } finally {
    await judge.close();
  }
});

/** Writes a predictions file for the CLI runs below. */
function writePredictions(name: string, value: unknown): string {
  const file = path.join(work, 'predictions', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

test('mvbench: the notebook\'s saved test.json prints final_res', async () => {
  const file = writePredictions('mvbench/test.json', { acc_dict: { 'Action Sequence': [1, 2], 'Action Prediction': [1, 1] }, res_list: [{ pred: '(A) a cup', gt: '(A) a cup' }, { pred: '(B', gt: '(C) a book' }, { pred: '(D)', gt: '(D) a towel' }] });
  const run = await reelm('eval', 'score', '--benchmark', 'mvbench', '--predictions', file);
  assert.equal(run.code, 0, run.stderr);
  for (const [name, value] of [['Action Sequence', '50.0'], ['Action Prediction', '100.0'], ['Avg', '66.66666666666666']] as const) assert.match(run.stdout, new RegExp(`^  ${name}\\s+${value.replace('.', '\\.')}\\s+\\(n=`, 'm'));
});

test('tvbench: a results file with totals that do not add up exits 1 naming the file', async () => {
  const file = writePredictions('tvbench/test.json', { acc_dict: { 'Action Count': [1, 2] }, res_list: [{ pred: '(A)', gt: '(A) 3' }] });
  const run = await reelm('eval', 'score', '--benchmark', 'tvbench', '--predictions', file);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /tvbench\/test\.json: acc_dict counts 2 questions but res_list holds 1/);
});

test('longvideobench: a submission {id: response} is scored against lvb_val.json, --json', async () => {
  const file = writePredictions('longvideobench/submission.json', { '86CxyhFV9MI_0': 'C', Qd3sKUJ7mLk_1: 'A.', Zz9Yk1mQ0aA_2: 'The best answer is A' });
  const run = await reelm('eval', 'score', '--benchmark', 'longvideobench', '--data', path.join(fixtures, 'longvideobench'), '--predictions', file, '--json');
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.sections[0].rows[0].value, 0.66667);
});

test('perception-test: a per-video answer list prints top-1 accuracy', async () => {
  const file = writePredictions('perception-test/submission.json', { video_10909: [{ id: 0, answer_id: 2 }, { id: 1, answer_id: 0 }], video_7806: [{ id: 0, answer_id: 1 }] });
  const run = await reelm('eval', 'score', '--benchmark', 'perception-test', '--data', path.join(fixtures, 'perception-test'), '--predictions', file);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^  accuracy\s+1\.0\s+\(n=3\)/m);
});

test('mlvu-generation: rules only counts answers needing a judge; the configured judge scores them over HTTP with the official rubric at temperature 0', async () => {
  const answers = [{ video_name: 'subPlot_new_all_126.mp4', Q: 'Please describe the scene when the man in the green plaid shirt, wearing sunglasses, leads the football players into the golf course.', A: 'unused', pred: 'The man leads the football players with a swagger.' }];
  const file = writePredictions('mlvu/subplot_all.json', answers);
  const args = ['eval', 'score', '--benchmark', 'mlvu-generation', '--data', path.join(fixtures, 'mlvu'), '--predictions', file];
  const rulesOnly = await reelm(...args);
  assert.equal(rulesOnly.code, 0, rulesOnly.stderr);
  assert.match(rulesOnly.stdout, /note: 1 of 1 answers need a judge/);
  const judge = await startJudgeServer(mlvuJudgeReply);
  try {
    const config = path.join(work, 'mlvu-judge.config.json');
    fs.writeFileSync(config, JSON.stringify({ models: { grader: { model: 'openai-compatible:mlvu-judge', baseURL: judge.baseURL } } }));
    const run = await reelmWith({ ...environment, REELM_CONFIG: config }, ...args, '--judge', 'grader');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(judge.bodies.length, 1);
    assert.equal(judge.bodies[0]!.temperature, 0);
    assert.match(judge.bodies[0]!.messages[0].content, /##TASK DESCRIPTION: \n {28}You are required to evaluate a respondent's answer based on a provided question, some scoring points/);
    // One of three points fully said (5), two share only "man" (3 each): accuracy 11/3, relevance 5.
    assert.match(run.stdout, /^  score_accuracy\s+3\.6666666666666665\s+\(n=1\)/m);
    assert.match(run.stdout, /^  SSC\s+8\.666666666666666\s+\(n=1\)/m);
  } finally {
    await judge.close();
  }
});

test('mvbench:lmms-eval: a --log_samples file prints the subtask accuracy', async () => {
  const line = (pred: string, gt: string) => JSON.stringify({ doc_id: 0, doc: {}, target: 'x', arguments: [], resps: [[pred]], filtered_resps: [pred], mvbench_accuracy: { pred_answer: pred, gt_answer: gt, score: 0 } });
  const file = path.join(work, 'predictions', 'lmms-eval', '20260101_samples_mvbench_action_sequence.jsonl');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, [line('(B) Took the cup.', 'B'), line('The answer is A', 'B'), line('', 'A')].join('\n'));
  const run = await reelm('eval', 'score', '--benchmark', 'mvbench:lmms-eval', '--predictions', file);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^  mvbench_action_sequence\s+50\.0\s+\(n=2\)/m);
});
