/**
 * The API embedder over real HTTP (embeddings-server.ts on loopback): texts batched through OpenAI's
 * `/embeddings` request, images one per vLLM chat-style request, both schema-checked by the server; the
 * vectors are the ones the server computed from what it received; retries on 429, typed errors for a
 * 500, a timeout, a refused key, a malformed body and vectors of the wrong size; `createEmbedder`'s
 * table and configuration errors; then the shared Embedder conformance suite.
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { ApiCallError, ConfigError, NotFoundError } from '../../../src/core/errors.js';
import { EmbeddingDimensionError } from '../../../src/models/embedder.js';
import { ApiEmbedder, type ApiEmbedderSettings } from '../../../src/models/embedders/api-embedder.js';
import { createEmbedder, embedderProviders } from '../../../src/models/embedders/index.js';
import { describeEmbedderConformance } from '../embedder-conformance.js';
import { imageVector, startEmbeddingServer, textVector, type EmbeddingServer } from './embeddings-server.js';

const model = 'openai/clip-vit-base-patch32';

function unit(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function assertNear(actual: Float32Array, expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, index) => assert.ok(Math.abs(value - expected[index]!) < 1e-5, `[${index}] ${value} vs ${expected[index]}`));
}

describe('API embedder over HTTP', () => {
  let server: EmbeddingServer;
  let png: Uint8Array;
  const open = (settings: Partial<ApiEmbedderSettings> = {}): Promise<ApiEmbedder> =>
    ApiEmbedder.open({ provider: 'vllm', modelId: model, baseURL: server.baseURL, apiKey: 'test-key', dimensions: 8, policy: { initialBackoffMs: 1, maxRetries: 2 }, ...settings });
  before(async () => {
    server = await startEmbeddingServer({ dimensions: 8, apiKey: 'test-key' });
    png = new Uint8Array(await sharp({ create: { width: 20, height: 12, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer());
  });
  after(() => server.close());

  test('texts go in batches as OpenAI CreateEmbeddingRequests with the key, and come back in order', async () => {
    const embedder = await open({ batchSize: 2 });
    const texts = ['a dog', 'a red car', 'two cats', 'the sea', 'a dog'];
    const sent = server.requests.length;
    const vectors = await embedder.embedTexts(texts);
    const requests = server.requests.slice(sent);
    assert.deepEqual(requests.map((request) => (request.body?.input as string[]).length).sort(), [1, 2, 2]);
    for (const request of requests) {
      assert.deepEqual(request.schemaErrors, []);
      assert.deepEqual(request.responseErrors, []);
      assert.equal(request.authorization, 'Bearer test-key');
      assert.equal(request.body?.model, model);
      assert.equal(request.body?.encoding_format, 'float');
    }
    texts.forEach((text, index) => assertNear(vectors[index]!, unit(textVector(text, 8))));
  });

  test('each image goes alone in vLLM\'s chat form as a data URL; the server decodes it', async () => {
    const embedder = await open();
    const sent = server.requests.length;
    const [vector] = await embedder.embedImages([png]);
    const request = server.requests.at(-1)!;
    assert.equal(server.requests.length, sent + 1);
    assert.equal(request.kind, 'image');
    assert.deepEqual(request.schemaErrors, []);
    assert.deepEqual(request.body, {
      model,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(png).toString('base64')}` } }] }],
      encoding_format: 'float',
    });
    assertNear(vector!, unit(await imageVector(`data:image/png;base64,${Buffer.from(png).toString('base64')}`, 8)));
  });

  test('normalize: false keeps the server\'s vectors; open() asks the size only when not configured', async () => {
    const raw = await open({ normalize: false });
    assertNear((await raw.embedTexts(['a dog']))[0]!, textVector('a dog', 8));
    const sent = server.requests.length;
    const probed = await open({ dimensions: undefined });
    assert.equal(probed.dimensions, 8);
    assert.equal(server.requests.length, sent + 1, 'one probe request');
  });

  test('an injected fetch carries every request', async () => {
    const urls: string[] = [];
    const embedder = await open({ fetch: (input, init) => (urls.push(String(input)), fetch(input, init)) });
    await embedder.embedImages([png, png]);
    assert.deepEqual(urls, [server.url, server.url]);
  });

  test('a 429 with Retry-After is retried and then succeeds', async () => {
    const embedder = await open();
    server.enqueue({ status: 429, headers: { 'retry-after': '0' }, json: { error: { message: 'rate limited' } } });
    const sent = server.requests.length;
    const [vector] = await embedder.embedTexts(['the sea']);
    assert.equal(server.requests.length, sent + 2);
    assertNear(vector!, unit(textVector('the sea', 8)));
  });

  test('a 500 that persists becomes an ApiCallError after the retries; a 400 is not retried', async () => {
    const embedder = await open();
    server.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    let sent = server.requests.length;
    await assert.rejects(embedder.embedTexts(['x']), (error) =>
      ApiCallError.isInstance(error) && error.statusCode === 500 && error.isRetryable && error.message.includes(server.url));
    assert.equal(server.requests.length, sent + 3, 'first try and two retries');
    server.enqueue({ status: 400, json: { error: { message: 'This model does not support images' } } });
    sent = server.requests.length;
    await assert.rejects(embedder.embedImages([png]), (error) =>
      ApiCallError.isInstance(error) && error.statusCode === 400 && !error.isRetryable && /does not support images/.test(error.message));
    assert.equal(server.requests.length, sent + 1);
  });

  test('vectors of another size, or ragged ones, are an EmbeddingDimensionError naming the server, not retried', async () => {
    const embedder = await open();
    server.enqueue({ dimensions: 7 });
    const sent = server.requests.length;
    await assert.rejects(embedder.embedTexts(['a dog', 'a cat']), (error) =>
      EmbeddingDimensionError.isInstance(error) && error.server === server.url && error.expected === 8 && error.actual.every((size) => size === 7)
      && error.message.includes(server.url) && error.message.includes(`vllm:${model}`));
    assert.equal(server.requests.length, sent + 1);
    server.enqueue({ ragged: true });
    await assert.rejects(embedder.embedTexts(['a dog', 'a cat']), (error) => EmbeddingDimensionError.isInstance(error) && error.actual.includes(9));
  });

  test('a timeout, a refused key and a malformed body are typed errors', async () => {
    server.enqueue({ hang: true });
    await assert.rejects((await open({ policy: { timeoutMs: 200, maxRetries: 0 } })).embedTexts(['slow']), (error) =>
      (error as Error).name === 'TimeoutError' && (error as Error).message.includes(server.url));
    await assert.rejects((await open({ apiKey: 'wrong' })).embedTexts(['x']), (error) => ApiCallError.isInstance(error) && error.statusCode === 401 && !error.isRetryable);
    server.enqueue({ status: 200, json: { data: [{ index: 0, embedding: 'AAAA' }] } });
    await assert.rejects((await open()).embedTexts(['x']), (error) => ApiCallError.isInstance(error) && !error.isRetryable && /not a float array/.test(error.message));
  });
});

describe('createEmbedder', () => {
  let server: EmbeddingServer;
  before(async () => {
    server = await startEmbeddingServer({ dimensions: 6, apiKey: 'from-env' });
  });
  after(() => server.close());

  test('a frozen table of transformers-clip, openai-compatible and vllm', () => {
    assert.ok(Object.isFrozen(embedderProviders));
    assert.deepEqual(Object.keys(embedderProviders).sort(), ['openai-compatible', 'transformers-clip', 'vllm']);
  });

  test('openai-compatible: and vllm: make API embedders; the key comes from apiKeyEnv, else REELM_API_KEY', async () => {
    const viaEnv = await createEmbedder(`openai-compatible:${model}`, { baseURL: server.baseURL, apiKeyEnv: 'EMBED_KEY' }, { env: { EMBED_KEY: 'from-env' } });
    assert.ok(viaEnv instanceof ApiEmbedder);
    assert.equal(viaEnv.id, `openai-compatible:${model}`);
    assert.equal(viaEnv.dimensions, 6, 'probed from the server');
    const viaDefault = await createEmbedder(`vllm:${model}`, { baseURL: server.baseURL, options: { dimensions: 6, batchSize: 4 } }, { env: { REELM_API_KEY: 'from-env' } });
    assert.equal(viaDefault.id, `vllm:${model}`);
    assert.equal((await viaDefault.embedTexts(['a b'])).length, 1);
    assert.equal(server.requests.at(-1)?.authorization, 'Bearer from-env');
  });

  test('configuration errors name the field to fix', async () => {
    const isConfig = (pattern: RegExp) => (error: unknown) => ConfigError.isInstance(error) && pattern.test(error.message);
    await assert.rejects(createEmbedder(`vllm:${model}`, {}, { env: {} }), isConfig(/models\.embedder\.baseURL/));
    await assert.rejects(createEmbedder('clip:model', {}, { env: {} }), isConfig(/unknown embedder provider "clip".*openai-compatible, transformers-clip, vllm/));
    await assert.rejects(createEmbedder('noprefix', {}, { env: {} }), (error) => ConfigError.isInstance(error));
    await assert.rejects(createEmbedder(`vllm:${model}`, { baseURL: server.baseURL, apiKeyEnv: 'MISSING' }, { env: {} }), isConfig(/MISSING, which is not set/));
    await assert.rejects(createEmbedder(`vllm:${model}`, { baseURL: server.baseURL, options: { batchSize: 0 } }, { env: {}, name: 'clip' }), isConfig(/models\.clip\.options.*batchSize/));
    await assert.rejects(createEmbedder(`vllm:${model}`, { baseURL: server.baseURL, options: { bogus: 1 } }, { env: {} }), isConfig(/bogus/));
    await assert.rejects(createEmbedder('transformers-clip:/nonexistent/clip', {}), (error) => NotFoundError.isInstance(error));
  });
});

let conformanceServer: EmbeddingServer | undefined;
describeEmbedderConformance('vllm: API embedder over HTTP (loopback)', async () => {
  conformanceServer = await startEmbeddingServer({ dimensions: 12 });
  const embedder = await createEmbedder(`vllm:${model}`, { baseURL: conformanceServer.baseURL, options: { batchSize: 2 } }, { env: {} });
  return {
    embedder,
    close: async () => {
      assert.deepEqual(conformanceServer!.requests.flatMap((request) => request.schemaErrors), [], 'every request the suite caused was valid');
      await conformanceServer!.close();
    },
  };
});
