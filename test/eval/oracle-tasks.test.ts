/**
 * The oracle answering reelm's task prompts, end to end: a 12-second synthetic clip (a hand-written
 * scene script, two scenes, rendered by the generator at 640×360) goes through `runTask` with
 * `createLanguageModel('oracle:reference')` — the production OpenAI-compatible provider over loopback
 * HTTP to the oracle's server — and each task's parsed result is checked against the script's ground
 * truth: dense events (span, shape, colour), the caption paragraph, the chapter boundary at the scene
 * cut, highlight scores for a query, and the oracle's stated profile.
 */

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildGroundTruth } from '../../src/eval/synth/ground-truth.js';
import { oracleModelProfile } from '../../src/eval/synth/oracle/oracle-profile.js';
import { registerOracleProvider } from '../../src/eval/synth/oracle/provider.js';
import { renderVideo } from '../../src/eval/synth/render-video.js';
import type { SceneScript } from '../../src/eval/synth/scene-script.js';
import { createLanguageModel } from '../../src/models/create-model.js';
import type { LanguageModel } from '../../src/models/language-model.js';
import { resolveProfile } from '../../src/models/profiles/index.js';
import { registerBuiltinProviders } from '../../src/models/providers/builtin.js';
import { runTask } from '../../src/tasks/registry.js';

const script: SceneScript = {
  version: 1, id: 'oracle-tasks', seed: 9002, width: 640, height: 360, fps: 10, duration: 12,
  scenes: [{ start: 0, end: 6, texture: 'stripes', palette: 0 }, { start: 6, end: 12, texture: 'checker', palette: 1 }],
  quiet: [],
  items: [
    { id: 'i1', role: 'target', shape: 'circle', colour: 'red', size: 34, appear: 0.5, disappear: 5.5, x: 120, y: 150, motion: { direction: 'right', speed: 50 }, changes: [] },
    { id: 'i2', role: 'target', shape: 'square', colour: 'blue', size: 34, appear: 6.5, disappear: 11.5, x: 460, y: 120, motion: { direction: 'none', speed: 0 }, changes: [{ time: 9, colour: 'yellow' }] },
  ],
  texts: [{ id: 't1', kind: 'word', text: 'river', start: 1, end: 5, x: 260, y: 250, fontSize: 20 }],
};

let video = '';
let model: LanguageModel;

before(async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-oracle-tasks-'));
  video = path.join(dir, 'clip.mp4');
  await renderVideo(script, video);
  registerBuiltinProviders();
  registerOracleProvider();
  model = await createLanguageModel('oracle:reference', {}, { cache: null });
});

const truth = (): ReturnType<typeof buildGroundTruth> => buildGroundTruth(script, { set: 'test', video: 'clip.mp4', variant: 'base', questionsPerFamily: 1 });

function overlapRatio(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / (a.end - a.start + b.end - b.start - inter);
}

test('an oracle id naming no family plans with the stated Qwen2.5-VL-like profile, in plain text', () => {
  assert.equal(model.profile.family, 'oracle');
  assert.equal(model.profile.supportsJson, false);
  assert.equal(model.profile.imageTokens(1280, 720), 46 * 26);
  assert.equal(model.profile.maxImagesPerRequest, 64);
  // What a configuration overrides stays overridden; an id naming a family keeps that family.
  const configured = oracleModelProfile(resolveProfile('oracle:reference', { maxImagesPerRequest: 4 }));
  assert.equal(configured.maxImagesPerRequest, 4);
  assert.equal(configured.contextTokens, 32_768);
  assert.equal(oracleModelProfile(resolveProfile('oracle:gpt-4o')).family, 'gpt-4o');
});

test('ground: spans for what was seen, the prompt\'s "not found" for what was not', { timeout: 240_000 }, async () => {
  const seen = await runTask('ground', { video, query: 'When is the red circle on screen?' }, { model, cache: null });
  assert.equal(seen.detail.happens, true, seen.output);
  assert.ok(overlapRatio(seen.spans[0]!, { start: 0.5, end: 5.5 }) >= 0.8, seen.output);
  const unseen = await runTask('ground', { video, query: 'When is the green star on screen?' }, { model, cache: null });
  assert.equal(unseen.detail.happens, false, unseen.detail.answer);
  assert.deepEqual(unseen.spans, []);
});

test('ask: the answer, and the times it rests on as the prompt asks (where the things it names were seen); none when unseen', { timeout: 240_000 }, async () => {
  const seen = await runTask('ask', { video, query: 'What changes about the blue square while it is on screen?' }, { model, cache: null });
  assert.equal(seen.detail.answer, 'it turns yellow');
  assert.ok(seen.spans.length > 0 && overlapRatio(seen.spans[0]!, { start: 6.5, end: 11.5 }) >= 0.6, JSON.stringify(seen.spans));
  const unseen = await runTask('ask', { video, query: 'Does a green star appear at any time in the video?' }, { model, cache: null });
  assert.equal(unseen.detail.answer, 'no');
  assert.deepEqual(unseen.spans, []);
  // A budget that sees the clip thinly: a first look, then a closer one where the square was seen.
  const thin = await runTask('ask', { video, query: 'What changes about the blue square while it is on screen?', budget: { maxImages: 18 } }, { model, cache: null });
  assert.equal(thin.detail.search, 'look-closer');
  assert.deepEqual(thin.detail.passes.map((pass) => pass.pass), ['first', 'closer']);
  assert.ok(thin.detail.passes[1]!.spans.every((window) => window.start >= 6 - 1e-9 - 1.5 && window.end <= 12), JSON.stringify(thin.detail.passes[1]!.spans));
  assert.equal(thin.detail.answer, 'it turns yellow');
  // Both requests together within what one request would have sent.
  assert.ok(thin.plan!.estimate.frames <= 18, String(thin.plan!.estimate.frames));
});

test('caption --dense: each object and the word become events with their spans, shapes and colours', { timeout: 240_000 }, async () => {
  const result = await runTask('caption', { video, dense: true }, { model, cache: null });
  const events = result.detail.events ?? [];
  assert.ok(events.length >= 3, result.output);
  for (const expected of truth().events) {
    const words = expected.kind === 'text' ? ['river'] : expected.id.startsWith('i1') ? ['red', 'circle'] : ['blue', 'square'];
    const match = events.find((event) => words.every((word) => event.caption.toLowerCase().includes(word)) && overlapRatio(event, expected.span) >= 0.5);
    assert.ok(match, `no event for "${expected.caption}" (${expected.span.start}-${expected.span.end}) in:\n${result.output}`);
    assert.ok(match.salience !== null && match.salience >= 0 && match.salience <= 1);
  }
  assert.ok(events.some((event) => /red circle appears and moves right/i.test(event.caption)), result.output);
  assert.ok(events.some((event) => /blue square turns yellow/i.test(event.caption)), result.output);
  assert.deepEqual(result.detail.skippedLines, []);
});

test('caption: one paragraph naming what was seen, in order', { timeout: 240_000 }, async () => {
  const result = await runTask('caption', { video }, { model, cache: null });
  assert.doesNotMatch(result.output, /\n/);
  const red = result.output.indexOf('red circle');
  const blue = result.output.indexOf('blue square');
  assert.ok(red >= 0 && blue > red, result.output);
  assert.match(result.output, /"river"/);
});

test('summarize --chapters: a chapter boundary at the scene cut, titles naming what each scene shows', { timeout: 240_000 }, async () => {
  const result = await runTask('summarize', { video, chapters: true }, { model, cache: null });
  const chapters = result.detail.chapters ?? [];
  assert.equal(chapters.length, 2, JSON.stringify(chapters));
  assert.equal(chapters[0]!.span.start, 0);
  assert.ok(Math.abs(chapters[1]!.span.start - 6) <= 1, `boundary at ${chapters[1]!.span.start}`);
  assert.match(chapters[0]!.title, /red circle/);
  assert.match(chapters[1]!.title, /blue square/);
  assert.match(result.output, /2 scenes/);
});

test('summarize, hierarchical: chunk captions name the scene change, and the merge turns it into chapters', { timeout: 240_000 }, async () => {
  const result = await runTask('summarize', { video, chapters: true, chunkSeconds: 4 }, { model, cache: null });
  assert.equal(result.detail.path, 'hierarchical');
  assert.equal(result.detail.chunks?.length, 3);
  assert.match(result.detail.chunks![1]!.caption, /The scene changes at 00:00:0[5-7]\.\d\./);
  const chapters = result.detail.chapters ?? [];
  assert.equal(chapters.length, 2, JSON.stringify(result.detail));
  assert.ok(Math.abs(chapters[1]!.span.start - 6) <= 1, `boundary at ${chapters[1]!.span.start}`);
  assert.equal(chapters.at(-1)!.span.end, 12);
  assert.match(result.output, /red circle/);
});

test('highlights: clips showing the queried object score high, the others are left out', { timeout: 240_000 }, async () => {
  const result = await runTask('highlights', { video, query: 'the blue square is visible' }, { model, cache: null });
  const top = result.detail.topClip;
  assert.ok(top, result.output);
  assert.ok(top.start >= 6 && top.end <= 12, `top clip ${top.start}-${top.end}`);
  for (const clip of result.detail.clips) if (clip.end <= 6) assert.equal(clip.score, 0, `clip ${clip.start} scored ${clip.score}`);
  const text = await runTask('highlights', { video, query: 'on-screen text is shown' }, { model, cache: null });
  assert.ok(text.detail.topClip && text.detail.topClip.start >= 0 && text.detail.topClip.end <= 6, text.output);
});
