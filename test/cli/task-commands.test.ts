import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { formatSpanForPeople } from '../../src/cli/render-answer.js';
import { clipSpanFor } from '../../src/cli/write-answer-files.js';
import { probe } from '../../src/media/probe.js';
import { cliRunner } from '../support/run-cli.js';

// End to end through the real entry point: a synthetic clip from `reelm synth generate`, answered by the
// oracle:reference model (the synthetic benchmark's reference double, served on loopback).

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-task-cli-'));
// No config file is found from here, and REELM_MODEL is unset: "no model configured" is real.
const environment: NodeJS.ProcessEnv = { ...process.env, REELM_CACHE_DIR: path.join(work, 'cache'), XDG_CONFIG_HOME: path.join(work, 'config') };
delete environment.REELM_MODEL;
delete environment.REELM_CONFIG;
after(() => fs.rmSync(work, { recursive: true, force: true }));

const reelm = cliRunner({ cwd: work, env: environment, timeoutMs: 240_000 });

interface Question {
  form: string;
  question: string;
  options?: string[];
  answer: string;
  spans?: Array<{ start: number; end: number }>;
}
const video = path.join('synth', 'synth-small-001.mp4');
let questions: Question[] = [];

before(async () => {
  const generated = await reelm('synth', 'generate', '--set', 'synth-small', '--limit', '1', '--seed', '11', '--out', 'synth', '--json');
  assert.equal(generated.code, 0, generated.stderr);
  questions = (JSON.parse(fs.readFileSync(path.join(work, 'synth', 'synth-small-001.json'), 'utf8')) as { questions: Question[] }).questions;
});

test('with no model configured, a task command explains how to configure one and exits 1', async () => {
  const { code, stdout, stderr } = await reelm('ask', video, 'What happens?');
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^error: no model configured: answering needs a vision-language model/);
  for (const name of ['vLLM', 'Ollama', 'LM Studio', 'OpenAI', 'Gemini', 'Anthropic', 'reelm.config.json']) assert.ok(stderr.includes(name), name);
  assert.ok(stderr.split('\n').length <= 12);
});

test('bad flags exit 1 naming the flag, before any model is called', async () => {
  const clip = await reelm('ground', video, 'x', '--model', 'oracle:reference', '--export-clip', 'moment.gif');
  assert.equal(clip.code, 1);
  assert.match(clip.stderr, /flag --export-clip: "moment\.gif" must end in \.mp4/);
  const choices = await reelm('ask', video, 'x', '--model', 'oracle:reference', '--choices', 'only one');
  assert.equal(choices.code, 1);
  assert.match(choices.stderr, /flag --choices: "only one" has fewer than two options/);
});

test('ground through the oracle: the answer, the span with its #t= link, the cost line, and the clip, storyboard and page', { timeout: 300_000 }, async () => {
  const grounding = questions.find((question) => question.form === 'grounding')!;
  const truth = grounding.spans![0]!;
  const { code, stdout, stderr } = await reelm(
    'ground', video, grounding.question, '--model', 'oracle:reference',
    '--export-clip', 'out/moment.mp4', '--storyboard', 'out/seen.png', '--html', 'out/answer.html',
  );
  assert.equal(code, 0, stderr);
  const clock = (seconds: number): string => `00:00:${seconds.toFixed(1).padStart(4, '0')}`;
  // Snapshot of the output's shape; only the token counts and latency (which follow the prompts) are masked.
  const masked = stdout.replace(/^cost: .*$/m, (line) => line.replace(/\d[\d,.]*/g, 'N'));
  assert.equal(
    masked,
    [
      `It happens at ${clock(truth.start)}-${clock(truth.end)}.`,
      '',
      'times:',
      `  ${clock(truth.start)}–${clock(truth.end)}  ${video}#t=${truth.start}`,
      'evidence: 24 frames in 24 images, 00:00:00.2–00:00:11.7',
      'cost: oracle:reference · N request · N images · N visual tokens · N in / N out tokens · N s',
      'warning: the plan uses 38% of the image limit: the span is short: 2 frames per second is the most that adds information.',
      `storyboard → ${path.join(fs.realpathSync(work), 'out', 'seen.png')}`,
      `answer page → ${path.join(fs.realpathSync(work), 'out', 'answer.html')}`,
      `clip ${formatSpanForPeople(clipSpanFor({ spans: [truth] }, 12)!)} → ${path.join(fs.realpathSync(work), 'out', 'moment.mp4')}`,
      '',
    ].join('\n'),
  );
  const clip = await probe(path.join(work, 'out', 'moment.mp4'), { cache: null });
  assert.ok(Math.abs(clip.duration - Math.max(1, truth.end - truth.start)) < 0.15, `clip duration ${clip.duration}`);
  assert.equal(fs.readFileSync(path.join(work, 'out', 'seen.png')).subarray(1, 4).toString(), 'PNG');
  const page = fs.readFileSync(path.join(work, 'out', 'answer.html'), 'utf8');
  assert.match(page, /<video id="player" controls preload="metadata" src="\.\.\/synth\/synth-small-001\.mp4">/);
  assert.match(page, new RegExp(`data-time="${truth.start}"`));
  assert.match(page, /src="data:image\/jpeg;base64,/);
});

test('ask multiple choice with --json: the whole result, the letter and option as the answer', { timeout: 300_000 }, async () => {
  const question = questions.find((candidate) => candidate.form === 'multiple-choice' && candidate.options)!;
  const { code, stdout, stderr } = await reelm('ask', video, question.question, '--choices', question.options!.join('|'), '--model', 'oracle:reference', '--max-images', '4', '--json');
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout);
  assert.equal(result.task, 'ask');
  assert.equal(result.model.id, 'oracle:reference');
  // Whether the oracle picks the right letter is the benchmark's business; here: the letter and its option.
  const letterIndex = String(result.detail.choice).charCodeAt(0) - 65;
  assert.ok(letterIndex >= 0 && letterIndex < question.options!.length, `choice ${result.detail.choice}`);
  assert.equal(result.output, `${result.detail.choice}. ${question.options![letterIndex]}`);
  assert.ok(result.usage.images <= 4 && result.usage.images > 0);
  assert.ok(result.plan.estimate.images <= 4);
  assert.deepEqual(result.files, { skipped: [] });
});

test('ask an open question: the streamed answer is printed once, then the times, the plan under --show-plan and the cost', { timeout: 300_000 }, async () => {
  const question = questions.find((candidate) => candidate.form === 'open')!;
  const { code, stdout, stderr } = await reelm('ask', video, question.question, '--model', 'oracle:reference', '--show-plan');
  assert.equal(code, 0, stderr);
  // The model's answer streams as written, its Times: line too; the times then come formatted, with links.
  const [answer, timesLine, blank, ...rest] = stdout.split('\n');
  assert.ok(answer!.length > 0 && !answer!.startsWith('Times:'), answer);
  assert.match(timesLine!, /^Times: \d\d:\d\d:\d\d\.\d/);
  assert.equal(blank, '');
  assert.equal(stdout.split(answer!).length - 1, 1, 'the answer appears once');
  const tail = rest.join('\n');
  assert.match(tail, /^times:\n(?: {2}[\d:.–]+ {2}\S+#t=[\d.]+(?:,[\d.]+)?\n)+evidence: \d+ frames in \d+ images, [\d:.]+–[\d:.]+\nplan for oracle:reference \(\w+\), strategy [\w-]+, span 00:00:00\.0–00:00:12\.0\n/);
  assert.match(tail, /\nlimits: .*binding: .*\n(?:warning: .*\n)*cost: oracle:reference · 1 request · \d+ images · [\d,]+ visual tokens · [\d,]+ in \/ [\d,]+ out tokens · [\d.]+ s\n$/);
});

test('demo: renders a clip, asks, grounds and summarizes through the oracle, and writes the storyboard and answer pages', { timeout: 300_000 }, async () => {
  const started = process.hrtime.bigint();
  const { code, stdout, stderr } = await reelm('demo', '--out', 'demo');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  assert.equal(code, 0, stderr);
  assert.match(stdout, /1\. rendered a 12 s clip/);
  assert.match(stdout, /2\. reelm ask demo-clip\.mp4 "What colour is the triangle on screen at 00:00:01\.5\?"/);
  assert.match(stdout, /ground truth: yellow \(the answer matches\)/);
  assert.match(stdout, /3\. reelm ground .*\n[^]*times:\n {2}00:00:05\.0–00:00:05\.5 {2}demo\/demo-clip\.mp4#t=5\n/);
  assert.match(stdout, /ground truth: 00:00:05\.0–00:00:05\.5 \(the answer matches\)/);
  assert.match(stdout, /4\. reelm summarize/);
  assert.equal((stdout.match(/^cost: oracle:reference · 1 request/gm) ?? []).length, 3);
  for (const file of ['demo-clip.mp4', 'demo-clip.json', 'storyboard.jpg', 'answer.html', 'ground.html', 'ground-clip.mp4']) {
    assert.ok(fs.statSync(path.join(work, 'demo', file)).size > 1000, file);
  }
  // Reported, not asserted: the machine is shared and wall time is noisy.
  console.log(`demo wall time ${seconds.toFixed(1)} s`);
});

test('demo --video without a model fails fast with the configuration help', async () => {
  const { code, stderr } = await reelm('demo', '--video', video, '--out', 'demo-own');
  assert.equal(code, 1);
  assert.match(stderr, /flag --video: needs a model to answer about your video/);
  assert.ok(!fs.existsSync(path.join(work, 'demo-own', 'demo-clip.mp4')));
});
