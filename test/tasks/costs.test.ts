/**
 * Costs against the profiles' documented vectors: OpenAI's image rule (gpt-4o: 85 base + 170 per 512-px
 * tile; gpt-4o-mini: 2833 + 5667 per tile — a 455×256 frame is one tile) and list prices ($2.50/$10 and
 * $0.15/$0.60 per million input/output tokens), applied to the usage the server reports. Requests the
 * response cache answers add tokens but no dollars; a profile without prices reports none.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ResponseCache } from '../../src/models/response-cache.js';
import { runTask } from '../../src/tasks/registry.js';
import { chatReply, recordingModel, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

const video = sharedMedia('test_clip.mp4');
let server: WireServer;
let cacheDir: string;

before(async () => {
  server = await startWireServer('openai');
  cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-task-costs-'));
});
after(async () => {
  await server.close();
  await fs.rm(cacheDir, { recursive: true, force: true });
});

const documented = [
  { profile: 'openai:gpt-4o', tokensPerTile: { base: 85, tile: 170 }, usdPerMillion: { input: 2.5, output: 10 } },
  { profile: 'openai:gpt-4o-mini', tokensPerTile: { base: 2833, tile: 5667 }, usdPerMillion: { input: 0.15, output: 0.6 } },
];

for (const vector of documented) {
  test(`${vector.profile}: visual tokens from the tile rule, dollars from the list prices and the reported usage`, async () => {
    server.enqueue(chatReply('A pool.', { prompt: 4321, completion: 57 }));
    const result = await runTask('ask', { video, query: 'What is cleaned?', budget: { maxImages: 4 }, strategy: 'uniform', subtitles: false }, { model: recordingModel(server, vector.profile), cache: null });
    assert.equal(result.usage.images, 4);
    // The clip is 340×256 coded with a wide sample aspect: 455×256 on screen, inside one 512-px tile.
    for (const item of result.plan!.items) assert.deepEqual(item.kind === 'frame' && [item.width, item.height], [455, 256]);
    assert.equal(result.usage.visualTokens, 4 * (vector.tokensPerTile.base + vector.tokensPerTile.tile));
    assert.equal(result.usage.inputTokens, 4321);
    assert.equal(result.usage.outputTokens, 57);
    const expected = (4321 * vector.usdPerMillion.input + 57 * vector.usdPerMillion.output) / 1e6;
    assert.ok(Math.abs(result.usage.usd! - expected) < 1e-12, `${result.usage.usd} vs ${expected}`);
    assert.equal(result.plan!.estimate.usd, (result.usage.visualTokens * vector.usdPerMillion.input) / 1e6);
  });
}

test('a request answered by the response cache costs nothing the second time; its tokens still count', async () => {
  const model = recordingModel(server, 'openai:gpt-4o', { cache: new ResponseCache(cacheDir), cacheByDefault: true });
  const request = { video, query: 'What is cleaned?', budget: { maxImages: 2 }, strategy: 'uniform', subtitles: false };
  server.enqueue(chatReply('A pool.', { prompt: 1000, completion: 10 }));
  const first = await runTask('ask', request, { model, cache: null });
  const sent = server.chatRequests().length;
  const second = await runTask('ask', request, { model, cache: null });
  assert.equal(server.chatRequests().length, sent, 'the second answer came from the cache');
  assert.equal(first.usage.cachedRequests, 0);
  assert.equal(second.usage.cachedRequests, 1);
  assert.ok(Math.abs(first.usage.usd! - (1000 * 2.5 + 10 * 10) / 1e6) < 1e-12);
  assert.equal(second.usage.usd, 0);
  assert.equal(second.usage.inputTokens, 1000);
  assert.equal(second.output, 'A pool.');
});

test('without prices in the profile the price is null, not a guess', async () => {
  server.enqueue(chatReply('A pool.'));
  const result = await runTask('caption', { video, budget: { maxImages: 2 }, subtitles: false }, { model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), cache: null });
  assert.equal(result.usage.usd, null);
  assert.equal(result.plan!.estimate.usd, null);
  assert.equal(result.usage.inputTokens, 1000);
});

test('a hierarchical summary adds up every chunk request and the merge', async () => {
  server.enqueue(chatReply('one', { prompt: 100, completion: 10 }), chatReply('two', { prompt: 200, completion: 20 }), chatReply('sum', { prompt: 300, completion: 30 }));
  const result = await runTask('summarize', { video, chunkSeconds: 5, budget: { maxImages: 2 }, strategy: 'uniform', subtitles: false }, { model: recordingModel(server, 'openai:gpt-4o'), cache: null });
  assert.equal(result.detail.path, 'hierarchical');
  assert.equal(result.usage.requests, 3);
  assert.equal(result.usage.images, 4);
  assert.equal(result.usage.visualTokens, 4 * 255);
  assert.equal(result.usage.inputTokens, 600);
  assert.equal(result.usage.outputTokens, 60);
  assert.ok(Math.abs(result.usage.usd! - (600 * 2.5 + 60 * 10) / 1e6) < 1e-12);
});
