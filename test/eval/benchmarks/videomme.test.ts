/**
 * Video-MME against the official outputs in ../shared/goldens/videomme (thanku-all/parse_answer
 * `eval_your_results.py` @ afd52cf, run through its CLI): every case's extracted letter and score, and
 * the whole printed report, string for string. The loader reads the verbatim BradyFU/Video-MME template.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { videoMme } from '../../../src/eval/benchmarks/videomme/index.js';
import { subtitlesAtFrames, videoMmePrompt } from '../../../src/eval/benchmarks/videomme/prompt.js';
import { extractVideoMmeLetter, videoMmeReport } from '../../../src/eval/benchmarks/videomme/score.js';
import { resolveVariant } from '../../../src/eval/benchmark.js';

const goldens = path.resolve(import.meta.dirname, '../../../../shared/goldens/videomme');
const fixture = path.resolve(import.meta.dirname, '../../fixtures/benchmarks/videomme');

interface Case { id: string; duration: string; domain: string; sub_category: string; task_type: string; answer: string; response: string; official_parsed: string; official_score: number | null }
const cases = JSON.parse(fs.readFileSync(path.join(goldens, 'cases.json'), 'utf8')) as Case[];
const aggregate = JSON.parse(fs.readFileSync(path.join(goldens, 'aggregate.json'), 'utf8')) as {
  printed_stdout: string;
  derived_counts_check: { overall: { accuracy: number; not_official_accuracy_if_every_question_counted: number } };
};

test('every golden case: the official extraction and score', () => {
  for (const c of cases) {
    const parsed = extractVideoMmeLetter(c.response);
    assert.equal(parsed, c.official_parsed, `${c.id}: ${JSON.stringify(c.response)}`);
    assert.equal(parsed === '' ? null : parsed === c.answer ? 1 : 0, c.official_score, c.id);
  }
});

const scored = cases.map((c) => {
  const parsed = extractVideoMmeLetter(c.response);
  return { duration: c.duration, domain: c.domain, subCategory: c.sub_category, taskType: c.task_type, score: parsed === '' ? null : parsed === c.answer ? 1 : 0 };
});

test('the printed report equals the official stdout, line for line', () => {
  const report = videoMmeReport(scored);
  assert.equal(report.printed, aggregate.printed_stdout);
  assert.equal(report.metrics.overall, aggregate.derived_counts_check.overall.accuracy);
  assert.equal(report.unparsed, cases.filter((c) => c.official_score === null).length);
});

test('the all-questions denominator is the lmms-eval convention, available by name', () => {
  const report = videoMmeReport(scored, { denominator: 'all-questions' });
  assert.equal(report.metrics.overall, aggregate.derived_counts_check.overall.not_official_accuracy_if_every_question_counted);
});

test('loads the published template (trailing commas and all) and scores its responses', async () => {
  const docs = await videoMme.load({ dataDir: fixture });
  assert.equal(docs.length, 9);
  assert.deepEqual(docs[0]?.options, ['A. Apples.', 'B. Candles.', 'C. Berries.', 'D. The three kinds are of the same number.']);
  assert.equal(docs[0]?.video, path.join(fixture, 'data/001.mp4'));
  const template = JSON.parse(fs.readFileSync(path.join(fixture, 'evaluation/output_test_template.json'), 'utf8').replace(/,(\s*[}\]])/g, '$1')) as Array<{ questions: Array<{ response: string }> }>;
  const responses = template.flatMap((v) => v.questions.map((q) => q.response));
  const scores = docs.map((doc, i) => videoMme.scoreDoc(doc, responses[i] ?? ''));
  const report = videoMme.aggregate!(docs, scores);
  assert.equal(report.total, 9);
  assert.equal(report.counted + report.unparsed, 9);
  assert.match(report.printed ?? '', /Evaluation on the entire dataset/);
});

test('a missing annotation file names the file and where it comes from', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-videomme-'));
  await assert.rejects(videoMme.load({ dataDir: empty }), /videomme\/test-00000-of-00001\.json.*lmms-lab\/Video-MME/s);
  fs.rmSync(empty, { recursive: true });
});

test('the published prompt, and the subtitles of the sampled frames only', () => {
  const doc = { question: 'What is the color of the clothing worn by the persons in the video?', options: ['A. Black.', 'B. Gray.', 'C. Green.', 'D. Brown.'] };
  assert.equal(videoMmePrompt(doc).text, 'Select the best answer to the following multiple-choice question based on the video. Respond with only the letter (A, B, C, or D) of the correct option.\nWhat is the color of the clothing worn by the persons in the video?\nA. Black.\nB. Gray.\nC. Green.\nD. Brown.\nThe best answer is:');
  const cues = [{ start: 0, end: 2, text: 'Hi guys,' }, { start: 2, end: 4, text: 'ignored' }, { start: 4, end: 6, text: 'the end' }];
  assert.deepEqual(subtitlesAtFrames(cues, [1, 5, 5.5]), ['Hi guys,', 'the end']);
  const variant = resolveVariant(videoMme, 'subtitles');
  assert.match(variant.docToPromptAtFrames!({ ...doc, cues } as never, [1]).text, /^This video's subtitles are listed below:\nHi guys,\nSelect the best answer/);
});

test('the subtitles variant reads subtitle/<video>.srt and keeps the cues at the sampled frames', async () => {
  const variant = resolveVariant(videoMme, 'subtitles');
  const docs = await variant.load({ dataDir: fixture });
  const first = docs[0]!;
  assert.equal(variant.docToVisual(first).subtitles, path.join(fixture, 'subtitle/001.srt'));
  assert.deepEqual(first.cues?.map((cue) => cue.text), ['Hi guys, today we decorate the tree.', 'First the apples.', 'Then candles and berries.']);
  const text = variant.docToPromptAtFrames!(first, [1, 6, 7]).text;
  assert.ok(text.startsWith("This video's subtitles are listed below:\nHi guys, today we decorate the tree.\nThen candles and berries.\nSelect the best answer"), text);
  // A video without a subtitle file gets an empty block, as 156 of the 900 videos do.
  assert.deepEqual(docs.find((d) => d.videoId === '002')?.cues, []);
});

test('the benchmark route (scoreDoc per doc, then aggregate) prints the official report', () => {
  const docs = cases.map((c) => ({ id: c.id, videoId: c.id.split('-')[0]!, videoName: '', duration: c.duration, domain: c.domain, subCategory: c.sub_category, taskType: c.task_type, question: '', options: [], answer: c.answer, video: '', subtitles: '' }));
  const report = videoMme.aggregate!(docs, docs.map((doc, i) => videoMme.scoreDoc(doc, cases[i]!.response)));
  assert.equal(report.printed, aggregate.printed_stdout);
  const all = resolveVariant(videoMme, 'all-questions');
  assert.equal(all.aggregate!(docs, docs.map((doc, i) => all.scoreDoc(doc, cases[i]!.response))).metrics.overall, aggregate.derived_counts_check.overall.not_official_accuracy_if_every_question_counted);
});
