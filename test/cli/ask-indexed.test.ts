/**
 * `reelm ask` with no model configured, end to end through the real CLI (a child process with no model
 * in its environment or config): on videos indexed through the library API with the fast offline
 * analyzers — the CenterNet detector on a shared clip of two people, the OCR on a generated clip of
 * words in known spans — it answers from the index and exits 0; a question outside the closed set says
 * it needs a model and lists the index's matches; a video that is not indexed keeps the setup help,
 * mentions `reelm index`, and exits 1.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { createAnalyzerRegistry } from '../../src/memory/ingest/analyzer-registry.js';
import { ingestVideo } from '../../src/memory/ingest/ingest-video.js';
import { signalsInSpan } from '../../src/memory/query/signals-in-span.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { perceptionAnalyzerEntries } from '../../src/perception/analyzers.js';
import { clipWords, wordsClip } from '../memory/support/clips.js';
import { createCliWorkspace, type CliWorkspace } from './library-cli-support.js';

const registry = createAnalyzerRegistry(perceptionAnalyzerEntries);
let workspace: CliWorkspace;
let library: string;
let peopleClip: string;
let wordsVideo: string;
/** The most people the detector stored for the people clip, read straight from the store. */
let storedMostPeople: number;

before(async () => {
  workspace = createCliWorkspace('ask-indexed');
  library = workspace.makeLibrary('library', ['people_skeleton_demo.mp4']);
  peopleClip = path.join(library, 'people_skeleton_demo.mp4');
  wordsVideo = await wordsClip(library);
  const cache = new ArtifactCache({ root: path.join(workspace.root, 'ingest-cache') });
  const store = openStore({ library });
  try {
    await ingestVideo(store, peopleClip, { analyzers: ['objects'], registry, cache });
    await ingestVideo(store, wordsVideo, { analyzers: ['ocr'], registry, cache });
    storedMostPeople = Math.max(...signalsInSpan(store, peopleClip, ['people']).map((hit) => Number(hit.value)));
  } finally {
    store.close();
  }
}, { timeout: 300_000 });

after(() => workspace?.dispose());

interface JsonAnswer {
  output: string;
  spans: Array<{ start: number; end: number; label?: string; confidence?: { value: number; source: string } }>;
  usage: { requests: number; images: number };
  detail: { mode: string; question: string | null; needsModel: boolean; signals: Array<{ kind: string; confidence: { source: string } | null }> };
}

test('how many people: the most the detector counted at once, with spans and their confidence source, exit 0', { timeout: 120_000 }, async () => {
  assert.ok(storedMostPeople >= 2 && storedMostPeople <= 3, `the detector stored up to ${storedMostPeople} people`);
  const { code, stdout, stderr } = await workspace.reelm(['ask', peopleClip, 'How many people are there?', '--json']);
  assert.equal(code, 0, stderr);
  const answer = JSON.parse(stdout) as JsonAnswer;
  assert.equal(answer.detail.mode, 'signals');
  assert.equal(answer.detail.question, 'count');
  assert.equal(answer.detail.needsModel, false);
  assert.match(answer.output, new RegExp(`^Up to ${storedMostPeople} people at once`));
  assert.ok(answer.spans.length >= 1);
  for (const span of answer.spans) {
    assert.equal(span.label, `${storedMostPeople} people`);
    assert.equal(span.confidence?.source, 'signal-score');
    assert.ok(span.confidence.value > 0 && span.confidence.value <= 1);
    assert.ok(span.start >= 0 && span.end <= 2.6 && span.end > span.start);
  }
  assert.ok(answer.detail.signals.every((signal) => signal.kind === 'people' && signal.confidence?.source === 'model-score'));
  assert.deepEqual([answer.usage.requests, answer.usage.images], [0, 0]);
});

test('what text appears: every word with the span it is on screen, printed like any answer', { timeout: 120_000 }, async () => {
  const { code, stdout, stderr } = await workspace.reelm(['ask', wordsVideo, 'What text appears?'], { cwd: library });
  assert.equal(code, 0, stderr);
  const lines = stdout.split('\n');
  assert.match(lines[0]!, /^On-screen text: "HARBOUR" \(00:00:00\.0-00:00:04\.0\); "ENGINE" \(00:00:04\.0-00:00:08\.0\); "SUNRISE" \(00:00:08\.0-00:00:1[12]\.\d\)/);
  for (const { word, start } of clipWords) {
    assert.ok(lines.some((line) => line.includes(`words.mp4#t=${start}`) && line.includes(`"${word}"`)), `${word} has a line with its link`);
  }
  assert.ok(lines.some((line) => line.startsWith('cost: signals:store (no model) · 0 requests · 0 images')));
});

test('a question outside the closed set: says it needs a model and lists the matches, exit 0', { timeout: 120_000 }, async () => {
  const { code, stdout, stderr } = await workspace.reelm(['ask', wordsVideo, 'Why is the engine card yellow?', '--json']);
  assert.equal(code, 0, stderr);
  const answer = JSON.parse(stdout) as JsonAnswer;
  assert.equal(answer.detail.needsModel, true);
  assert.equal(answer.detail.question, null);
  assert.match(answer.output, /needs a vision-language model/);
  assert.equal(answer.spans.length, 1);
  assert.match(answer.spans[0]!.label!, /^on-screen text: "ENGINE"/i);
  assert.deepEqual([answer.spans[0]!.start, answer.spans[0]!.end], [4, 8]);
});

test('a video that is not indexed: the setup help, a pointer to reelm index, exit 1', { timeout: 120_000 }, async () => {
  const outside = path.join(workspace.root, 'outside');
  fs.mkdirSync(outside, { recursive: true });
  const copy = path.join(outside, 'words.mp4');
  fs.copyFileSync(wordsVideo, copy);
  const { code, stdout, stderr } = await workspace.reelm(['ask', copy, 'What text appears?']);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^error: no model configured: answering needs a vision-language model/);
  assert.match(stderr, /reelm index <video>/);
  assert.ok(stderr.split('\n').length <= 12);
});
