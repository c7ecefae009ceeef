/**
 * `vllm:` over real HTTP: the `video_url` part as vLLM documents it (data URL by default, `file://` on
 * request), the frame-sampling fields, the frame count inferred from prompt-token usage (or null), the
 * delegation of image-only requests to the OpenAI-compatible path, discovery through createLanguageModel,
 * then the shared conformance suite.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '../../../src/core/errors.js';
import { createLanguageModel } from '../../../src/models/create-model.js';
import type { VideoPart } from '../../../src/models/messages.js';
import { qwenVideoFrameTokens } from '../../../src/models/profiles/qwen2-5-vl.js';
import { registerProvider } from '../../../src/models/providers/registry.js';
import { openaiCompatibleProvider } from '../../../src/models/providers/openai-compatible.js';
import { inferFramesFromTokens, requestedFrames, vllmProvider } from '../../../src/models/providers/vllm.js';
import { describeLanguageModelConformance } from '../conformance.js';
import { readFixture, startWireServer, type WireServer } from './chat-completions-server.js';
import { modelName, wireModel, wireSubject } from './subjects.js';

const videoBytes = Buffer.from('not really an mp4, but bytes the server must receive intact');

function replyWithPromptTokens(promptTokens: number): { json: unknown } {
  const body = JSON.parse(readFixture('openai-chat-default.json')) as { usage: Record<string, unknown> };
  body.usage = { prompt_tokens: promptTokens, completion_tokens: 10, total_tokens: promptTokens + 10 };
  return { json: body };
}

describe('vllm over HTTP', () => {
  let server: WireServer;
  let dir: string;
  let video: VideoPart;
  before(async () => {
    server = await startWireServer('vllm');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-vllm-'));
    const file = path.join(dir, 'clip.mp4');
    await fs.writeFile(file, videoBytes);
    video = { type: 'video', path: file, mediaType: 'video/mp4', fps: 2, span: { start: 0, end: 8 }, width: 640, height: 360 };
  });
  after(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('sends the video as a video_url data URL with the sampling requests, valid against the vLLM schema', async () => {
    const model = wireModel(server, 'vllm');
    await model.generate({ messages: [{ role: 'user', content: [video, { type: 'text', text: 'What happens?' }] }] });
    const sent = server.chatRequests().at(-1)!;
    assert.deepEqual(sent.schemaErrors, []);
    const content = (sent.body?.messages as Array<{ content: unknown }>)[0]!.content as Array<Record<string, unknown>>;
    assert.deepEqual(content[0], { type: 'video_url', video_url: { url: `data:video/mp4;base64,${videoBytes.toString('base64')}` } });
    assert.deepEqual(content[1], { type: 'text', text: 'What happens?' });
    assert.deepEqual(sent.body?.media_io_kwargs, { video: { fps: 2 } });
    assert.deepEqual(sent.body?.mm_processor_kwargs, { fps: 2 });
  });

  test('a video alone in its message still becomes a content part; file:// when configured', async () => {
    const model = wireModel(server, 'vllm', {}, { videoUrl: 'file' });
    await model.generate({ messages: [{ role: 'user', content: [video] }] });
    const sent = server.chatRequests().at(-1)!;
    assert.deepEqual(sent.schemaErrors, []);
    assert.deepEqual((sent.body?.messages as Array<{ content: unknown }>)[0]!.content, [{ type: 'video_url', video_url: { url: pathToFileURL(video.path).href } }]);
  });

  test('infers the frames the server used from the prompt tokens, beside what was asked', async () => {
    const model = wireModel(server, 'vllm');
    const perFrame = qwenVideoFrameTokens(640, 360);
    server.tokenizeCount = 172;
    server.enqueue(replyWithPromptTokens(172 + Math.round(32 * perFrame)));
    const response = await model.generate({ messages: [{ role: 'user', content: [video, { type: 'text', text: 'What happens?' }] }] });
    assert.deepEqual(response.usage.inferredVideoFrames, { requested: 16, inferred: 32, source: 'prompt-token usage' });
    const tokenize = server.requests.filter((request) => request.path === '/tokenize').at(-1)!;
    assert.equal(JSON.stringify(tokenize.body).includes('video_url'), false, 'the text-only count leaves the video out');
  });

  test('records null when the frames cannot be inferred (no /tokenize, or no frame size)', async () => {
    const model = wireModel(server, 'vllm');
    server.tokenizeCount = null;
    const response = await model.generate({ messages: [{ role: 'user', content: [video] }] });
    assert.deepEqual(response.usage.inferredVideoFrames, { requested: 16, inferred: null, source: 'prompt-token usage' });
    server.tokenizeCount = 100;
    const { width: _w, height: _h, ...sizeless } = video;
    const again = await model.generate({ messages: [{ role: 'user', content: [{ ...sizeless, numFrames: 8 }] }] });
    assert.deepEqual(again.usage.inferredVideoFrames, { requested: 8, inferred: null, source: 'prompt-token usage' });
  });

  test('image-only requests take the OpenAI-compatible path, with no video fields', async () => {
    const model = wireModel(server, 'vllm');
    const response = await model.generate({ messages: [{ role: 'user', content: 'Hello' }] });
    const sent = server.chatRequests().at(-1)!;
    assert.deepEqual(sent.schemaErrors, []);
    assert.equal(sent.body?.media_io_kwargs, undefined);
    assert.equal(response.usage.inferredVideoFrames, undefined);
  });

  test('frame arithmetic: requested from numFrames or fps × span; inferred only when it makes sense', () => {
    assert.equal(requestedFrames({ ...video, numFrames: 24 }), 24);
    assert.equal(requestedFrames({ type: 'video', path: 'a.mp4', mediaType: 'video/mp4' }), null);
    assert.equal(inferFramesFromTokens({ promptTokens: 1000, textTokens: 1000, tokensPerFrame: 149.5 }), null);
    assert.equal(inferFramesFromTokens({ promptTokens: null, textTokens: 10, tokensPerFrame: 149.5 }), null);
  });

  test('createLanguageModel discovers the server: context length, engine in the endpoint; config wins', async () => {
    registerProvider(vllmProvider);
    registerProvider(openaiCompatibleProvider);
    const model = await createLanguageModel(`vllm:${modelName}`, { baseURL: server.baseURL }, { env: {} });
    assert.equal(model.profile.contextTokens, 32768);
    assert.equal(model.profile.family, 'qwen2.5-vl');
    assert.equal(model.endpoint.engine, 'vllm 0.9.1');
    const configured = await createLanguageModel(`vllm:${modelName}`, { baseURL: server.baseURL, profile: { contextTokens: 8192 } }, { env: {} });
    assert.equal(configured.profile.contextTokens, 8192);
    const fromEnv = await createLanguageModel(`openai-compatible:${modelName}`, {}, { env: { REELM_BASE_URL: server.baseURL }, discover: false });
    assert.equal(fromEnv.endpoint.baseURL, server.baseURL);
  });

  test('createLanguageModel says which setting is missing', async () => {
    registerProvider(vllmProvider);
    await assert.rejects(createLanguageModel('vllm:qwen2.5-vl-7b', {}, { env: {}, name: 'subject' }),
      (error) => ConfigError.isInstance(error) && /models\.subject\.baseURL/.test(error.message) && /REELM_BASE_URL/.test(error.message));
    await assert.rejects(createLanguageModel('vllm:qwen2.5-vl-7b', { baseURL: server.baseURL, apiKeyEnv: 'MY_VLLM_KEY' }, { env: {} }),
      (error) => ConfigError.isInstance(error) && /MY_VLLM_KEY/.test(error.message));
  });
});

describeLanguageModelConformance('vllm over HTTP', () => wireSubject('vllm'));
