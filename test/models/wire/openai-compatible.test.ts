/**
 * `openai-compatible:` over real HTTP: request shape against OpenAI's published schema, retries on 429
 * and 500, the timeout, cancellation, streaming, log-probabilities, discovery and limit errors, then the
 * shared conformance suite.
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AbortedError, ApiCallError, ReelmError } from '../../../src/core/errors.js';
import { ModelApiCallError, UnsupportedInputError } from '../../../src/models/providers/api-errors.js';
import { discoverServer, explainServerError } from '../../../src/models/providers/discovery.js';
import { describeLanguageModelConformance } from '../conformance.js';
import { startWireServer, vllmReplies, type WireServer } from './chat-completions-server.js';
import { modelName, wireModel, wireSubject } from './subjects.js';

const question = { messages: [{ role: 'system' as const, content: 'Answer briefly.' }, { role: 'user' as const, content: 'Say hello.' }] };

describe('openai-compatible over HTTP', () => {
  let server: WireServer;
  before(async () => {
    server = await startWireServer('openai');
  });
  after(() => server.close());

  test('sends a request that satisfies the Chat Completions schema, with the parameters used', async () => {
    const model = wireModel(server, 'openai-compatible');
    const parameters = { temperature: 0, topP: 0.9, maxOutputTokens: 64, seed: 1, stopSequences: ['\n\n'] };
    const response = await model.generate({ ...question, parameters });
    const sent = server.chatRequests().at(-1)!;
    assert.deepEqual(sent.schemaErrors, []);
    assert.equal(sent.body?.model, modelName);
    assert.equal(response.text, 'Hello! How can I assist you today?');
    assert.deepEqual(response.parameters, parameters);
    assert.deepEqual(response.usage, { inputTokens: 19, outputTokens: 10, images: 0 });
    assert.equal(response.endpoint.baseURL, server.baseURL);
  });

  test('retries a 429 (honouring Retry-After) and a 500, then succeeds', async () => {
    const model = wireModel(server, 'openai-compatible');
    const before = server.chatRequests().length;
    const rate = vllmReplies.rateLimited!;
    server.enqueue({ status: 429, headers: rate.headers!, json: rate.body }, { status: 500, json: vllmReplies.serverError!.body });
    const response = await model.generate(question);
    assert.equal(response.text, 'Hello! How can I assist you today?');
    assert.equal(server.chatRequests().length - before, 3);
  });

  test('gives up after the retries with a typed, retryable ApiCallError', async () => {
    const model = wireModel(server, 'openai-compatible', { maxRetries: 1 });
    server.enqueue({ status: 500, json: vllmReplies.serverError!.body }, { status: 500, json: vllmReplies.serverError!.body });
    await assert.rejects(model.generate(question), (error) => ApiCallError.isInstance(error) && error.statusCode === 500 && error.isRetryable);
  });

  test('a request past the timeout fails with a typed TimeoutError', async () => {
    const model = wireModel(server, 'openai-compatible', { timeoutMs: 100, maxRetries: 0 });
    server.enqueue({ hang: true });
    await assert.rejects(model.generate(question), (error) => ReelmError.isInstance(error) && error.name === 'TimeoutError');
  });

  test('cancellation while waiting for the answer rejects with AbortedError', async () => {
    const model = wireModel(server, 'openai-compatible');
    server.enqueue({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(model.generate({ ...question, signal: controller.signal }), (error) => AbortedError.isInstance(error));
  });

  test('streams deltas to onTextDelta (recorded SSE) and reports usage', async () => {
    const model = wireModel(server, 'openai-compatible');
    const deltas: string[] = [];
    const response = await model.generate({ ...question, onTextDelta: (delta) => deltas.push(delta) });
    const sent = server.chatRequests().at(-1)!;
    assert.deepEqual(sent.schemaErrors, []);
    assert.equal(sent.body?.stream, true);
    assert.deepEqual(sent.body?.stream_options, { include_usage: true });
    assert.deepEqual(deltas.filter((delta) => delta !== ''), ['Hello', ' World']);
    assert.equal(response.text, 'Hello World');
    assert.equal(response.usage.inputTokens, 15);
  });

  test('asks for and parses log-probabilities', async () => {
    const model = wireModel(server, 'openai-compatible');
    const response = await model.generate({ ...question, parameters: { logprobs: true } });
    assert.equal(server.chatRequests().at(-1)!.body?.logprobs, true);
    assert.deepEqual(server.chatRequests().at(-1)!.schemaErrors, []);
    assert.deepEqual(response.logprobs?.slice(0, 2), [{ token: 'Hello', logprob: -0.31725305 }, { token: '!', logprob: -0.02380986 }]);
  });

  test('refuses a native video with a typed error naming the vllm: provider, sending nothing', async () => {
    const model = wireModel(server, 'openai-compatible');
    const before = server.chatRequests().length;
    const video = { type: 'video' as const, path: '/tmp/clip.mp4', mediaType: 'video/mp4' };
    await assert.rejects(model.generate({ messages: [{ role: 'user', content: [video] }] }),
      (error) => UnsupportedInputError.isInstance(error) && /vllm:/.test(error.message));
    assert.equal(server.chatRequests().length, before);
  });

  test('explains the server\'s limit errors, naming the setting to change', async () => {
    const model = wireModel(server, 'openai-compatible');
    server.enqueue({ status: 400, json: vllmReplies.tooManyImages!.body });
    await assert.rejects(model.generate(question), (error) => error instanceof ModelApiCallError && error.serverLimit?.kind === 'too-many-images'
      && error.serverLimit.limit === 1 && /maxImagesPerRequest to 1/.test(error.message) && /--limit-mm-per-prompt/.test(error.message) && !error.isRetryable);
    server.enqueue({ status: 400, json: vllmReplies.contextOverflow!.body });
    await assert.rejects(model.generate(question), (error) => error instanceof ModelApiCallError && error.serverLimit?.kind === 'context-overflow'
      && /contextTokens to 16384/.test(error.message) && /--max-model-len/.test(error.message));
    assert.equal(explainServerError(500, JSON.stringify(vllmReplies.contextOverflow!.body)), undefined);
  });

  test('discovery reads /v1/models (context length) and /version only from vLLM', async () => {
    assert.deepEqual(await discoverServer(server.baseURL, fetch), { models: [{ id: modelName, maxModelLen: 32768 }], engine: 'vllm' });
    assert.equal(await discoverServer('http://127.0.0.1:9/v1', fetch), undefined);
  });
});

describeLanguageModelConformance('openai-compatible over HTTP', () => wireSubject('openai-compatible'));
