/**
 * `ask` in memory mode, through the recording model double at the wire (a loopback OpenAI-compatible
 * server that records every request): a generated 70-second clip whose on-screen words sit in known
 * spans is indexed with the real offline OCR into a library beside it; a question about one word on a
 * budget too small to cover the whole clip retrieves that word's span, and every image sent lies inside
 * the retrieved spans, with the store's on-screen text for them in a delimited block. With an embedder
 * (the colour-signature double), a question naming no stored word finds its card by picture. The same question
 * with memory mode off spreads its images over the whole clip; a question the index cannot place falls
 * back to the whole clip with a warning; memory mode asked for on a video that is not indexed is an error.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { NotFoundError } from '../../src/core/errors.js';
import { ingestVideo } from '../../src/memory/ingest/ingest-video.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { runTask } from '../../src/tasks/registry.js';
import { createColourEmbedderDouble } from '../memory/support/embedder-double.js';
import { ffmpeg, x264 } from '../support/media-generators.js';
import { chatReply, recordingModel, sentRequests, startWireServer, type WireServer } from './support/recording-model.js';

const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** Cards in order; a card with a word shows it in large black letters. */
const cards = Object.freeze([
  { word: 'HARBOUR', colour: 'white', seconds: 15 },
  { word: '', colour: 'gray', seconds: 15 },
  { word: 'ENGINE', colour: 'yellow', seconds: 10 },
  { word: '', colour: 'darkgreen', seconds: 15 },
  { word: 'SUNRISE', colour: 'lightblue', seconds: 15 },
]);
const engineSpan = { start: 30, end: 40 };

async function cardsClip(file: string): Promise<void> {
  const inputs = cards.flatMap(({ colour, seconds }) => ['-f', 'lavfi', '-i', `color=c=${colour}:size=640x360:rate=10:duration=${seconds}`]);
  const graph = cards.map(({ word }, i) => `[${i}:v]${word ? `drawtext=fontfile=${font}:text=${word}:fontsize=48:fontcolor=black:x=(w-text_w)/2:y=(h-text_h)/2,` : ''}format=yuv420p[c${i}]`).join(';')
    + `;${cards.map((_, i) => `[c${i}]`).join('')}concat=n=${cards.length}:v=1:a=0[v]`;
  await ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', ...x264(['-g', '10']), file]);
}

let folder: string;
let library: string;
let video: string;
let server: WireServer;
let cache: ArtifactCache;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-memory-ask-'));
  library = path.join(folder, 'library');
  fs.mkdirSync(library);
  video = path.join(library, 'cards.mp4');
  await cardsClip(video);
  cache = new ArtifactCache({ root: path.join(folder, 'cache') });
  const store = openStore({ library });
  try {
    await ingestVideo(store, video, { analyzers: ['ocr'], embedder: createColourEmbedderDouble(), cache });
  } finally {
    store.close();
  }
  server = await startWireServer('openai');
}, { timeout: 300_000 });

after(async () => {
  await server?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const question = 'When is the ENGINE card on screen?';

describe('ask in memory mode', { timeout: 300_000 }, () => {
  test('a thin budget over an indexed video: images only inside the retrieved spans, their on-screen text as data', async () => {
    server.enqueue(chatReply('From 00:00:30.0 to 00:00:40.0.\nTimes: 00:00:30.0-00:00:40.0'));
    const result = await runTask('ask', { video, query: question, budget: { maxImages: 4 }, strategy: 'uniform' }, { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), cache });
    const memory = result.detail.memory;
    assert.ok(memory, 'memory mode ran');
    assert.equal(memory.reason, 'long-video');
    assert.ok(memory.wholeSpanDensity !== null && memory.wholeSpanDensity < memory.minDensity, `whole-clip density ${memory.wholeSpanDensity}`);
    assert.ok(memory.words.includes('engine'));
    assert.ok(memory.spans.length >= 1);
    // The word's span is retrieved, and only because of its on-screen text.
    const engine = memory.spans.find((entry) => entry.span.start <= engineSpan.start + 1 && entry.span.end >= engineSpan.end - 1);
    assert.ok(engine, `ENGINE span retrieved: ${JSON.stringify(memory.spans.map((entry) => entry.span))}`);
    assert.ok(engine.reasons.some((reason) => reason.source === 'text-search' && /ENGINE/i.test(reason.match)));
    for (const entry of memory.spans) assert.ok(entry.span.end <= 45 && entry.span.start >= 25, `retrieved ${JSON.stringify(entry.span)} lies near the word`);

    // What was sent: every image inside a retrieved span, as many as the plan says.
    const [request] = sentRequests(server).slice(-1);
    const images = request!.parts.filter((part) => part.type === 'image');
    assert.ok(images.length >= 1 && images.length <= 4);
    assert.equal(images.length, result.plan!.estimate.images);
    assert.ok(result.plan!.strategy.startsWith('memory:'));
    assert.ok(result.evidence.length >= 1);
    for (const { time } of result.evidence) {
      assert.ok(memory.spans.some((entry) => time >= entry.span.start - 0.1 && time <= entry.span.end + 0.1), `image at ${time} s outside the retrieved spans`);
    }
    const block = request!.parts.find((part) => part.type === 'text' && part.text.includes('<untrusted-data source="on-screen text">'));
    assert.ok(block?.type === 'text', 'the stored on-screen text travels in a delimited block');
    assert.match(block.text, /ENGINE/i);
    assert.doesNotMatch(block.text, /HARBOUR|SUNRISE/i);
    const last = request!.parts.at(-1);
    assert.ok(last?.type === 'text' && last.text.includes('The images show only the parts of the video an index matched to the question'));
    assert.deepEqual(result.spans.map((span) => [span.start, span.end]), [[30, 40]]);
  });

  test('with an embedder: a question no stored text answers finds the card by its picture', async () => {
    server.enqueue(chatReply('The yellow card.\nTimes: 00:00:30.0-00:00:40.0'));
    const result = await runTask('ask', { video, query: 'When is the yellow card shown?', budget: { maxImages: 4 }, strategy: 'uniform' }, { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), cache, embedder: createColourEmbedderDouble() });
    const memory = result.detail.memory;
    assert.ok(memory?.visual, 'nearest keyframes took part');
    assert.deepEqual(memory.spans.map((entry) => entry.span), [{ start: 28, end: 42 }]);
    assert.deepEqual(memory.spans[0]!.reasons.map((reason) => reason.source), ['visual-similarity']);
    for (const { time } of result.evidence) assert.ok(time >= 28 && time <= 42, `image at ${time} s`);
  });

  test('memory mode off: the same budget spreads over the whole clip', async () => {
    server.enqueue(chatReply('Around the middle.\nTimes: 00:00:35.0'));
    const result = await runTask('ask', { video, query: question, budget: { maxImages: 4 }, strategy: 'uniform', memory: 'never' }, { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), cache });
    assert.equal(result.detail.memory, undefined);
    const times = result.evidence.map((entry) => entry.time);
    assert.ok(times.some((time) => time < 25) && times.some((time) => time > 45), `spread: ${times.join(', ')}`);
  });

  test('asked for, with an explicit library: a question the index cannot place looks at the whole clip and says so', async () => {
    server.enqueue(chatReply('No idea.\nTimes:'));
    const result = await runTask('ask', { video, query: 'Who painted the hull?', budget: { maxImages: 4 }, strategy: 'uniform', memory: 'always' }, { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), cache, library });
    assert.equal(result.detail.memory, undefined);
    assert.ok(result.warnings.some((warning) => warning.startsWith('memory mode: nothing in the index matched')), result.warnings.join('\n'));
    const times = result.evidence.map((entry) => entry.time);
    assert.ok(times.some((time) => time < 25) && times.some((time) => time > 45));
  });

  test('asked for on a video that is not indexed: a NotFoundError that says to index it', async () => {
    const elsewhere = path.join(folder, 'elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    const copy = path.join(elsewhere, 'cards.mp4');
    fs.copyFileSync(video, copy);
    await assert.rejects(
      runTask('ask', { video: copy, query: question, memory: 'always' }, { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), cache }),
      (error: unknown) => NotFoundError.isInstance(error) && /reelm index/.test((error as Error).message),
    );
  });
});
