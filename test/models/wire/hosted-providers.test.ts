/**
 * The hosted providers (openai, anthropic, google, ollama) against a real HTTP server on loopback: every
 * request is checked against the provider's published request shape (Google's discovery schemas; the
 * documented shapes of the others, kept with their sources in fixtures/), and the server replays
 * captured real responses (plain answers, streams, a 429 and a 500) from the same fixtures.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { ApiCallError, ReelmError } from '../../../src/core/errors.js';
import { defaultCallPolicy, type CallPolicy } from '../../../src/models/call-policy.js';
import type { ImagePart, ModelMessage } from '../../../src/models/messages.js';
import { resolveProfile } from '../../../src/models/profiles/index.js';
import { anthropicProvider } from '../../../src/models/providers/anthropic.js';
import { googleProvider } from '../../../src/models/providers/google.js';
import { ollamaBaseURL, ollamaProvider } from '../../../src/models/providers/ollama.js';
import { openaiProvider } from '../../../src/models/providers/openai.js';
import type { ProviderDefinition } from '../../../src/models/providers/provider.js';
import { ResponseCache } from '../../../src/models/response-cache.js';
import { describeLanguageModelConformance, type ReceivedPart } from '../conformance.js';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const load = (name: string): any => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
const openaiFixture = load('openai.json');
const anthropicFixture = load('anthropic.json');
const googleFixture = load('google.json');
const ollamaFixture = load('ollama.json');
const geminiSchemas: Record<string, any> = load('gemini-v1beta-schemas.json').schemas;

interface Captured { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer; json: any }
type Reply = (request: Captured, response: http.ServerResponse) => void;

/** A loopback server answering with the queued replies in order, then with `fallback`. */
async function startServer(fallback: Reply): Promise<{ base: string; requests: Captured[]; queue: Reply[]; close(): Promise<void> }> {
  const requests: Captured[] = [];
  const queue: Reply[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let json: unknown;
      try { json = JSON.parse(body.toString('utf8')); } catch { json = undefined; }
      const captured = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, json };
      requests.push(captured);
      (queue.shift() ?? fallback)(captured, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = (): Promise<void> => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { base: `http://127.0.0.1:${port}`, requests, queue, close };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (_request, response) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};
const sse = (chunks: string[], withEvents = false, done = false): Reply => (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const chunk of chunks) response.write(`${withEvents ? `event: ${JSON.parse(chunk).type}\n` : ''}data: ${chunk}\n\n`);
  response.end(done ? 'data: [DONE]\n\n' : '');
};
const ndjson = (chunks: string[]): Reply => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(chunks.map((chunk) => `${chunk}\n`).join(''));
};

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9]);
const frame = (image: Uint8Array, mediaType: ImagePart['mediaType'], time: number): ImagePart => ({ type: 'image', image, mediaType, time, width: 64, height: 36 });
const messages: ModelMessage[] = [
  { role: 'system', content: 'You are reelm.' },
  { role: 'user', content: [
    { type: 'text', text: '[00:00:01.0]' }, frame(jpeg, 'image/jpeg', 1),
    { type: 'text', text: '[00:00:02.5]' }, frame(png, 'image/png', 2.5),
    { type: 'text', text: 'What happens?' },
  ] },
];
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const policy = { ...defaultCallPolicy, maxRetries: 2, initialBackoffMs: 1, timeoutMs: 10_000 };

function create(provider: ProviderDefinition, modelId: string, baseURL: string, options?: Record<string, unknown>, policyOverride: Partial<CallPolicy> = {}) {
  return provider.create({ modelId, baseURL, apiKey: 'test-key', profile: resolveProfile(`${provider.id}:${modelId}`), policy: { ...policy, ...policyOverride }, ...(options ? { options } : {}) });
}

function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) assert.ok(allowed.includes(key), `${where}: "${key}" is not in the documented request shape`);
}

/** Checks a value against the discovery schemas: known properties only, types, enums; `$ref`s resolved. */
function validateGemini(value: unknown, schema: any, where: string): void {
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    assert.ok(geminiSchemas[name], `${where}: uses ${name}, which the fixture does not hold`);
    return validateGemini(value, geminiSchemas[name], where);
  }
  if (schema.type === 'object') {
    assert.equal(typeof value, 'object', `${where}: expected an object`);
    for (const [key, item] of Object.entries(value as object)) {
      assert.ok(schema.properties?.[key], `${where}.${key} is not in the discovery schema`);
      validateGemini(item, schema.properties[key], `${where}.${key}`);
    }
  } else if (schema.type === 'array') {
    assert.ok(Array.isArray(value), `${where}: expected an array`);
    (value as unknown[]).forEach((item, index) => validateGemini(item, schema.items, `${where}[${index}]`));
  } else if (schema.type === 'string') {
    assert.equal(typeof value, 'string', `${where}: expected a string`);
    if (schema.enum) assert.ok(schema.enum.includes(value), `${where}: ${String(value)} is not one of ${schema.enum}`);
  } else if (schema.type === 'integer' || schema.type === 'number') {
    assert.equal(typeof value, 'number', `${where}: expected a number`);
  } else if (schema.type === 'boolean') assert.equal(typeof value, 'boolean', `${where}: expected a boolean`);
}

function assertTypedApiError(error: unknown, status: number, retryable: boolean): true {
  assert.ok(ApiCallError.isInstance(error), `expected an ApiCallError, got ${String(error)}`);
  assert.equal(error.statusCode, status);
  assert.equal(error.isRetryable, retryable);
  assert.ok(error.responseBody && error.responseBody.length > 0);
  return true;
}

describe('openai: (Chat Completions)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => { server = await startServer(json(200, openaiFixture.textResponse.body)); });
  after(() => server.close());

  function checkRequest(body: any): void {
    const shape = openaiFixture.requestShape;
    onlyKeys(body, shape.properties, 'request');
    for (const key of shape.required) assert.ok(key in body, `request lacks ${key}`);
    for (const message of body.messages) {
      assert.ok(shape.messageRoles.includes(message.role));
      if (Array.isArray(message.content)) for (const part of message.content) onlyKeys(part, shape.userContentParts[part.type], `part ${part.type}`);
    }
  }

  it('sends a valid request with the images in order after their time labels', async () => {
    const response = await create(openaiProvider, 'gpt-4o', `${server.base}/v1`).generate({ messages, parameters: { temperature: 0, maxOutputTokens: 50 } });
    const request = server.requests.at(-1)!;
    assert.equal(request.url, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer test-key');
    checkRequest(request.json);
    const parts = request.json.messages[1].content;
    assert.deepEqual(parts.map((part: any) => part.text ?? part.image_url.url), [
      '[00:00:01.0]', `data:image/jpeg;base64,${b64(jpeg)}`, '[00:00:02.5]', `data:image/png;base64,${b64(png)}`, 'What happens?']);
    assert.equal(response.text, openaiFixture.textResponse.body.choices[0].message.content);
    assert.equal(response.finishReason, 'stop');
    assert.deepEqual([response.usage.inputTokens, response.usage.images], [16, 2]);
    assert.deepEqual(response.parameters, { temperature: 0, maxOutputTokens: 50 });
  });

  it('asks for and returns log-probabilities', async () => {
    server.queue.push(json(200, openaiFixture.logprobsResponse.body));
    const response = await create(openaiProvider, 'gpt-4o', `${server.base}/v1`).generate({ messages, parameters: { logprobs: true } });
    assert.equal(server.requests.at(-1)!.json.logprobs, true);
    assert.deepEqual(response.logprobs?.[0], { token: 'Hello', logprob: -0.31725305 });
  });

  it('streams the recorded chunks', async () => {
    server.queue.push(sse(openaiFixture.streamChunks.chunks, false, true));
    const deltas: string[] = [];
    const response = await create(openaiProvider, 'gpt-4o', `${server.base}/v1`).generate({ messages, onTextDelta: (delta) => deltas.push(delta) });
    assert.equal(server.requests.at(-1)!.json.stream, true);
    checkRequest(server.requests.at(-1)!.json);
    assert.ok(deltas.length > 3);
    assert.equal(response.text, deltas.join(''));
    assert.equal(response.usage.outputTokens, 300);
  });

  it('retries a 429 and a 500, then answers', async () => {
    const before = server.requests.length;
    server.queue.push(json(429, openaiFixture.rateLimited.body), json(500, openaiFixture.serverError.body));
    const response = await create(openaiProvider, 'gpt-4o', `${server.base}/v1`).generate({ messages });
    assert.equal(server.requests.length - before, 3);
    assert.equal(response.finishReason, 'stop');
  });

  it('gives up with a typed error after the retries, and at once on a 400', async () => {
    server.queue.push(...Array.from({ length: 3 }, () => json(500, openaiFixture.serverError.body)));
    await assert.rejects(create(openaiProvider, 'gpt-4o', `${server.base}/v1`).generate({ messages }), (error) => assertTypedApiError(error, 500, true));
    const before = server.requests.length;
    server.queue.push(json(400, { error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } }));
    await assert.rejects(create(openaiProvider, 'gpt-4o', `${server.base}/v1`).generate({ messages }), (error) => assertTypedApiError(error, 400, false));
    assert.equal(server.requests.length - before, 1);
  });

  it('refuses a native video part with a typed error naming the providers that take one', async () => {
    const video: ModelMessage[] = [{ role: 'user', content: [{ type: 'video', path: '/tmp/x.mp4', mediaType: 'video/mp4' }] }];
    await assert.rejects(create(openaiProvider, 'gpt-4o', `${server.base}/v1`).generate({ messages: video }), (error) => {
      assert.ok(ReelmError.isInstance(error) && error.name === 'UnsupportedInputError');
      assert.match(error.message, /google:/);
      assert.match(error.message, /vllm:/);
      return true;
    });
  });
});

describe('anthropic: (Messages API)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => { server = await startServer(json(200, anthropicFixture.textResponse.body)); });
  after(() => server.close());

  function checkRequest(request: Captured): void {
    const shape = anthropicFixture.requestShape;
    assert.equal(request.url, '/v1/messages');
    assert.equal(request.headers['x-api-key'], 'test-key');
    assert.ok(request.headers['anthropic-version']);
    onlyKeys(request.json, shape.properties, 'request');
    for (const key of shape.required) assert.ok(key in request.json, `request lacks ${key}`);
    for (const message of request.json.messages) {
      assert.ok(shape.messageRoles.includes(message.role));
      for (const block of message.content) {
        onlyKeys(block, shape.contentBlocks[block.type], `block ${block.type}`);
        if (block.type === 'image') {
          assert.equal(block.source.type, shape.imageSource.type);
          assert.ok(shape.imageSource.mediaTypes.includes(block.source.media_type));
        }
      }
    }
  }

  it('sends a valid request with the images in order after their time labels', async () => {
    const response = await create(anthropicProvider, 'claude-sonnet-4-5', `${server.base}/v1`).generate({ messages });
    const request = server.requests.at(-1)!;
    checkRequest(request);
    assert.equal(request.json.system[0].text, 'You are reelm.');
    assert.deepEqual(request.json.messages[0].content.map((block: any) => block.text ?? block.source.data), ['[00:00:01.0]', b64(jpeg), '[00:00:02.5]', b64(png), 'What happens?']);
    assert.equal(typeof request.json.max_tokens, 'number');
    assert.equal(response.text, anthropicFixture.textResponse.body.content[0].text);
    assert.deepEqual([response.finishReason, response.usage.inputTokens, response.usage.outputTokens], ['stop', 12, 29]);
  });

  it('streams the recorded events', async () => {
    server.queue.push(sse(anthropicFixture.streamChunks.chunks, true));
    const deltas: string[] = [];
    const response = await create(anthropicProvider, 'claude-sonnet-4-5', `${server.base}/v1`).generate({ messages, onTextDelta: (delta) => deltas.push(delta) });
    checkRequest(server.requests.at(-1)!);
    assert.equal(response.text, "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    assert.equal(deltas.length, 6);
  });

  it('retries a 429 and a 500, then answers; a 401 is a typed, final error', async () => {
    const before = server.requests.length;
    server.queue.push(json(429, anthropicFixture.rateLimited.body), json(500, anthropicFixture.serverError.body));
    assert.equal((await create(anthropicProvider, 'claude-sonnet-4-5', `${server.base}/v1`).generate({ messages })).finishReason, 'stop');
    assert.equal(server.requests.length - before, 3);
    server.queue.push(json(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    await assert.rejects(create(anthropicProvider, 'claude-sonnet-4-5', `${server.base}/v1`).generate({ messages }), (error) => assertTypedApiError(error, 401, false));
  });
});

describe('google: (Gemini)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let video: string;
  before(async () => {
    server = await startServer(json(200, googleFixture.textResponse.body));
    video = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-gemini-')), 'clip.mp4');
    fs.writeFileSync(video, Buffer.alloc(2048, 7));
  });
  after(() => server.close());
  const model = () => create(googleProvider, 'gemini-2.5-flash', `${server.base}/v1beta`, { pollIntervalMs: 1 });

  it('sends a generateContent request valid against the discovery schema, images in order', async () => {
    const response = await model().generate({ messages, parameters: { temperature: 0.2, maxOutputTokens: 64 } });
    const request = server.requests.at(-1)!;
    assert.equal(request.url, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(request.headers['x-goog-api-key'], 'test-key');
    validateGemini(request.json, geminiSchemas['GenerateContentRequest'], 'GenerateContentRequest');
    assert.deepEqual(request.json.contents[0].parts.map((part: any) => part.text ?? part.inlineData.data), ['[00:00:01.0]', b64(jpeg), '[00:00:02.5]', b64(png), 'What happens?']);
    assert.equal(response.text, googleFixture.textResponse.body.candidates[0].content.parts[0].text);
    assert.equal(response.usage.inputTokens, 9);
  });

  it('streams the recorded chunks', async () => {
    server.queue.push(sse(googleFixture.streamChunks.chunks));
    const deltas: string[] = [];
    const response = await model().generate({ messages, onTextDelta: (delta) => deltas.push(delta) });
    assert.match(server.requests.at(-1)!.url, /:streamGenerateContent\?alt=sse$/);
    validateGemini(server.requests.at(-1)!.json, geminiSchemas['GenerateContentRequest'], 'GenerateContentRequest');
    assert.equal(response.text, deltas.join(''));
    assert.match(response.text, /strawberry/);
  });

  it('retries a 429 and a 500; a 400 is a typed, final error', async () => {
    const before = server.requests.length;
    server.queue.push(json(429, googleFixture.rateLimited.body), json(500, googleFixture.serverError.body));
    assert.equal((await model().generate({ messages })).finishReason, 'stop');
    assert.equal(server.requests.length - before, 3);
    server.queue.push(json(400, { error: { code: 400, message: 'Invalid argument', status: 'INVALID_ARGUMENT' } }));
    await assert.rejects(model().generate({ messages }), (error) => assertTypedApiError(error, 400, false));
  });

  it('uploads a video (resumable), polls it until ACTIVE and references it with fileData', async () => {
    const file = googleFixture.upload.file;
    const before = server.requests.length;
    server.queue.push(
      json(200, {}, { 'x-goog-upload-url': `${server.base}/upload/session-1`, 'x-goog-upload-status': 'active' }),
      json(200, { file }),
      json(200, file),
      json(200, { ...file, state: 'ACTIVE' }),
      json(200, googleFixture.textResponse.body),
    );
    const gemini = model();
    const videoMessages: ModelMessage[] = [{ role: 'system', content: 'You are reelm.' }, { role: 'user', content: [
      { type: 'video', path: video, mediaType: 'video/mp4', span: { start: 72, end: 95 } }, { type: 'text', text: 'When does it start?' }] }];
    const response = await gemini.generate({ messages: videoMessages });
    const [start, upload, poll1, poll2, generate] = server.requests.slice(before);
    assert.equal(start!.url, '/upload/v1beta/files');
    assert.equal(start!.headers['x-goog-upload-protocol'], 'resumable');
    assert.equal(start!.headers['x-goog-upload-command'], 'start');
    assert.equal(start!.headers['x-goog-upload-header-content-length'], '2048');
    assert.equal(start!.headers['x-goog-upload-header-content-type'], 'video/mp4');
    validateGemini(start!.json, geminiSchemas['CreateFileRequest'], 'CreateFileRequest');
    assert.equal(upload!.url, '/upload/session-1');
    assert.equal(upload!.headers['x-goog-upload-command'], 'upload, finalize');
    assert.equal(upload!.headers['x-goog-upload-offset'], '0');
    assert.equal(upload!.body.length, 2048);
    assert.deepEqual([poll1!.method, poll1!.url, poll2!.url], ['GET', '/v1beta/files/abc-123', '/v1beta/files/abc-123']);
    validateGemini(generate!.json, geminiSchemas['GenerateContentRequest'], 'GenerateContentRequest');
    const parts = generate!.json.contents[0].parts;
    assert.deepEqual(parts[1], { fileData: { mimeType: 'video/mp4', fileUri: file.uri } });
    assert.match(parts[0].text, /01:12-01:35/, 'the span is labelled in MM:SS, the Gemini profile’s style');
    assert.equal(response.text, googleFixture.textResponse.body.candidates[0].content.parts[0].text);

    const again = server.requests.length;
    await gemini.generate({ messages: videoMessages });
    assert.equal(server.requests.length - again, 1, 'a second question about the same video reuses the upload');
  });

  it('reports a file that failed processing as a MediaError naming the video', async () => {
    const file = { ...googleFixture.upload.file, name: 'files/bad-1' };
    fs.appendFileSync(video, 'x');
    server.queue.push(json(200, {}, { 'x-goog-upload-url': `${server.base}/upload/session-2` }), json(200, { file }), json(200, { ...file, state: 'FAILED', error: { message: 'unsupported codec' } }));
    await assert.rejects(model().generate({ messages: [{ role: 'user', content: [{ type: 'video', path: video, mediaType: 'video/mp4' }] }] }),
      (error) => ReelmError.isInstance(error) && error.name === 'MediaError' && /unsupported codec/.test(error.message) && error.message.includes(video));
  });
});

describe('ollama: (/api/chat)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => { server = await startServer(json(200, ollamaFixture.textResponse.body)); });
  after(() => server.close());

  function checkRequest(body: any): void {
    const shape = ollamaFixture.requestShape;
    onlyKeys(body, shape.properties, 'request');
    for (const key of shape.required) assert.ok(key in body, `request lacks ${key}`);
    for (const message of body.messages) onlyKeys(message, shape.messageFields, 'message');
    if (body.options) onlyKeys(body.options, shape.options, 'options');
  }

  it('sends generation parameters in options and images in order', async () => {
    const response = await create(ollamaProvider, 'qwen2.5vl:7b', `${server.base}/api`).generate({ messages, parameters: { temperature: 0, seed: 7, maxOutputTokens: 40, stopSequences: ['END'] } });
    const request = server.requests.at(-1)!;
    assert.equal(request.url, '/api/chat');
    checkRequest(request.json);
    assert.deepEqual(request.json.options, { temperature: 0, seed: 7, num_predict: 40, stop: ['END'] });
    assert.deepEqual(request.json.messages.slice(1).map((message: any) => [message.role, message.content, message.images]), [
      ['user', '[00:00:01.0]', [b64(jpeg)]], ['user', '[00:00:02.5]', [b64(png)]], ['user', 'What happens?', undefined]]);
    assert.equal(response.text, ollamaFixture.textResponse.body.message.content);
    assert.deepEqual([response.usage.inputTokens, response.usage.outputTokens], [26, 83]);
  });

  it('streams NDJSON, retries a 500, and reads OLLAMA_HOST-style base URLs', async () => {
    server.queue.push(json(500, ollamaFixture.serverError.body), ndjson(ollamaFixture.streamChunks.chunks));
    const deltas: string[] = [];
    const response = await create(ollamaProvider, 'qwen2.5vl:7b', `${server.base}/api`).generate({ messages, onTextDelta: (delta) => deltas.push(delta) });
    assert.equal(response.text, 'The');
    checkRequest(server.requests.at(-1)!.json);
    assert.equal(ollamaBaseURL('0.0.0.0:11434'), 'http://0.0.0.0:11434/api');
    assert.equal(ollamaBaseURL('http://gpu:11434/'), 'http://gpu:11434/api');
  });
});

// The shared conformance suite, once per provider: what each server received, normalised to reelm's names.
const sha = (base64: string): ReceivedPart => ({ type: 'image', sha256: createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex') });
const pick = (values: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));

interface Wire { provider: ProviderDefinition; modelId: string; path: string; reply: Reply; fail: Reply; normalise(body: any): { parts: ReceivedPart[]; parameters: Record<string, unknown> } }
const wires: Wire[] = [
  { provider: openaiProvider, modelId: 'gpt-4o', path: '/v1', reply: json(200, openaiFixture.textResponse.body), fail: json(400, { error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } }),
    normalise: (body) => ({
      parts: body.messages.filter((message: any) => message.role === 'user').flatMap((message: any) => message.content.map((part: any) =>
        (part.type === 'text' ? { type: 'text', text: part.text } : sha(part.image_url.url.split(',')[1])))),
      parameters: pick({ temperature: body.temperature, maxOutputTokens: body.max_tokens ?? body.max_completion_tokens, seed: body.seed }),
    }) },
  { provider: anthropicProvider, modelId: 'claude-sonnet-4-5', path: '/v1', reply: json(200, anthropicFixture.textResponse.body), fail: json(400, { type: 'error', error: { type: 'invalid_request_error', message: 'bad' } }),
    normalise: (body) => ({
      parts: body.messages.flatMap((message: any) => message.content.map((block: any) => (block.type === 'text' ? { type: 'text', text: block.text } : sha(block.source.data)))),
      parameters: pick({ temperature: body.temperature, maxOutputTokens: body.max_tokens, seed: body.seed }),
    }) },
  { provider: googleProvider, modelId: 'gemini-2.5-flash', path: '/v1beta', reply: json(200, googleFixture.textResponse.body), fail: json(400, { error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT' } }),
    normalise: (body) => ({
      parts: body.contents.flatMap((content: any) => content.parts.map((part: any) => (part.text !== undefined ? { type: 'text', text: part.text } : sha(part.inlineData.data)))),
      parameters: pick({ temperature: body.generationConfig?.temperature, maxOutputTokens: body.generationConfig?.maxOutputTokens, seed: body.generationConfig?.seed }),
    }) },
  { provider: ollamaProvider, modelId: 'qwen2.5vl:7b', path: '/api', reply: json(200, ollamaFixture.textResponse.body), fail: json(400, { error: 'bad request' }),
    normalise: (body) => ({
      // reelm joins the texts before an image with a newline (toOllamaMessages); split them back.
      parts: body.messages.filter((message: any) => message.role === 'user').flatMap((message: any) => [
        ...String(message.content).split('\n').map((text): ReceivedPart => ({ type: 'text', text })), ...(message.images ?? []).map(sha)]),
      parameters: pick({ temperature: body.options?.temperature, maxOutputTokens: body.options?.num_predict, seed: body.options?.seed }),
    }) },
];

for (const wire of wires) {
  describeLanguageModelConformance(`${wire.provider.id}: over loopback HTTP`, async () => {
    const server = await startServer(wire.reply);
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-hosted-cache-'));
    const model = create(wire.provider, wire.modelId, `${server.base}${wire.path}`, undefined, { cache: new ResponseCache(cacheDir) });
    return {
      model,
      hasCache: true,
      received: () => server.requests.map((request) => wire.normalise(request.json)),
      stallNext: () => server.queue.push(() => undefined),
      failNext: () => server.queue.push(wire.fail),
      close: async () => {
        await server.close();
        fs.rmSync(cacheDir, { recursive: true, force: true });
      },
    };
  });
}
