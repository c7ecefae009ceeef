/**
 * The hierarchical summary's chunk captions live in the core artifact cache, keyed by the video's
 * content hash, the chunk's span, the model and the prompt: a second summary of the same video makes
 * only the merge request, and the stored records name the model that wrote them. Another model (or
 * other evidence settings) does not reuse them. Progress is reported per chunk.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import type { ProgressEvent } from '../../src/core/progress.js';
import { probe } from '../../src/media/probe.js';
import { runTask } from '../../src/tasks/registry.js';
import { chunkCaptionNamespace, type ChunkCaptionRecord } from '../../src/tasks/summarize/chunk-captions.js';
import { chatReply, recordingModel, sentRequests, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

const video = sharedMedia('structuralize.mp4');
let server: WireServer;
let root: string;
let cache: ArtifactCache;

before(async () => {
  server = await startWireServer('openai');
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-chunk-captions-'));
  cache = new ArtifactCache({ root });
});
after(async () => {
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

const request = { video, chunkSeconds: 4, chapters: true, budget: { maxImages: 2 }, strategy: 'uniform', subtitles: false };
const captions = ['People pass a ball near a hoop.', 'A player runs to the left.', 'Two players stand under the hoop.'];
const merged = 'A ball drill in a gym.\nChapters:\n00:00:00.0-00:00:05.0 | Passing\n00:00:05.0-00:00:10.0 | Under the hoop';

test('the first summary captions every chunk with progress, then merges; the second makes only the merge request', async () => {
  const model = recordingModel(server, 'openai-compatible:qwen2.5-vl-7b');
  const events: ProgressEvent[] = [];
  server.enqueue(...captions.map((caption) => chatReply(caption)), chatReply(merged));
  const first = await runTask('summarize', request, { model, cache, onProgress: (event) => events.push(event) });
  assert.equal(first.detail.path, 'hierarchical');
  const duration = (await probe(video, { cache: null })).duration;
  assert.deepEqual(first.detail.chunks!.map((chunk) => [chunk.span.start, chunk.span.end, chunk.cached]), [[0, 4, false], [4, 8, false], [8, duration, false]]);
  assert.deepEqual(new Set(first.detail.chunks!.map((chunk) => chunk.caption)), new Set(captions));
  assert.equal(first.usage.requests, 4);
  assert.equal(sentRequests(server).length, 4);
  const progress = events.filter((event) => event.stage === 'caption chunks');
  assert.deepEqual(progress[0], { type: 'stage', stage: 'caption chunks', total: 3 });
  assert.equal(progress.at(-1)!.type, 'done');
  assert.deepEqual(first.detail.chapters, [{ title: 'Passing', span: { start: 0, end: 5 } }, { title: 'Under the hoop', span: { start: 5, end: 10 } }]);
  assert.equal(first.evidence.length, 6, 'two images from each of three chunks');

  server.enqueue(chatReply(merged));
  const second = await runTask('summarize', request, { model, cache });
  assert.equal(sentRequests(server).length, 5, 'only the merge request');
  assert.equal(second.usage.requests, 1);
  assert.ok(second.detail.chunks!.every((chunk) => chunk.cached));
  assert.deepEqual(second.detail.chunks!.map((chunk) => chunk.caption), first.detail.chunks!.map((chunk) => chunk.caption));
  // The merge request carries the same captions, in chunk order, and no images.
  const [firstMerge, secondMerge] = [sentRequests(server)[3]!, sentRequests(server)[4]!];
  assert.deepEqual(secondMerge.parts, firstMerge.parts);
  assert.ok(!secondMerge.parts.some((part) => part.type === 'image'));
  assert.equal(second.output, 'A ball drill in a gym.');
});

test('the stored records name the model that wrote them; another model does not reuse them', async () => {
  const info = await probe(video, { cache: null });
  const folder = path.join(cache.videoDir(info.contentHash), chunkCaptionNamespace);
  const files = await fs.readdir(folder);
  assert.equal(files.length, 3);
  for (const file of files) {
    const record = JSON.parse(await fs.readFile(path.join(folder, file), 'utf8')) as ChunkCaptionRecord;
    assert.equal(record.model.id, 'openai-compatible:test-model');
    assert.equal(record.model.baseURL, server.baseURL);
    assert.ok(captions.includes(record.caption));
    assert.match(record.promptSha256, /^[0-9a-f]{64}$/);
  }

  // Another model, or the same model with other evidence settings, makes a different key: the chunks are captioned again.
  const variants = [
    { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b', {}, 'another-model'), budget: request.budget },
    { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), budget: { maxImages: 3 } },
  ];
  for (const variant of variants) {
    const before = sentRequests(server).length;
    server.enqueue(...captions.map((caption) => chatReply(caption)), chatReply(merged));
    const result = await runTask('summarize', { ...request, budget: variant.budget }, { model: variant.model, cache });
    assert.equal(sentRequests(server).length - before, 4);
    assert.ok(result.detail.chunks!.every((chunk) => !chunk.cached && chunk.model.id === variant.model.id));
  }
});
