/**
 * The oracle's cached answers are keyed by its model id and the request, not by the loopback port its
 * server happens to get in this process: a key computed from the port-free endpoint before the server
 * ever started is the key the model reads and writes, so an answer cached in one run is found in the
 * next. Real oracle server over HTTP, real response cache on disk.
 */

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLanguageModel } from '../../src/models/create-model.js';
import type { GenerateResponse, ModelEndpoint } from '../../src/models/language-model.js';
import type { ModelMessage } from '../../src/models/messages.js';
import { registerBuiltinProviders } from '../../src/models/providers/builtin.js';
import { ResponseCache, responseCacheKey } from '../../src/models/response-cache.js';
import { oracleBaseURL, oracleServer, registerOracleProvider, routeToServer } from '../../src/eval/synth/oracle/provider.js';

let dir = '';

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-oracle-cache-'));
  process.env.REELM_ORACLE_OCR_CACHE = path.join(dir, 'ocr-regions.jsonl');
  registerBuiltinProviders();
  registerOracleProvider();
});

const question = (text: string): ModelMessage[] => [{ role: 'user', content: [{ type: 'text', text }] }];
/** What any run's oracle:reference presents, written down without starting a server. */
const portFree: ModelEndpoint = { provider: 'oracle', modelId: 'reference', baseURL: oracleBaseURL };

test('an answer cached under the port-free key is found; a fresh answer is stored under it', async () => {
  const cache = new ResponseCache(path.join(dir, 'responses'));
  const parameters = { temperature: 0 };
  // A cached answer from an "earlier run": keyed before this process's server exists.
  const earlierMessages = question('How many red circles appear? Answer with a number.');
  const earlier: GenerateResponse = {
    text: 'answer recorded by an earlier run', finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 6, images: 0 },
    parameters, endpoint: portFree, latencyMs: 5, fromCache: false, warnings: [],
  };
  await cache.put(responseCacheKey(portFree, parameters, earlierMessages), earlier);

  const model = await createLanguageModel('oracle:reference', {}, { cache, policy: { cacheByDefault: true } });
  const hit = await model.generate({ messages: earlierMessages, parameters });
  assert.equal(hit.fromCache, true);
  assert.equal(hit.text, earlier.text);

  // A miss goes to the live server (on a real port) and is stored under the port-free key.
  const messages = question('Which shapes appear? Answer in one sentence.');
  const fresh = await model.generate({ messages, parameters });
  assert.equal(fresh.fromCache, false);
  const { baseURL: live } = await oracleServer();
  const port = new URL(live).port;
  assert.match(port, /^\d+$/);
  assert.ok(!JSON.stringify(fresh.endpoint).includes(`:${port}`), `the endpoint ${JSON.stringify(fresh.endpoint)} names the port`);
  assert.deepEqual(await cache.get(responseCacheKey(portFree, parameters, messages)).then((stored) => stored?.text), fresh.text);
});

test('routeToServer sends the fixed base URL to the live server and leaves other URLs alone', async () => {
  const seen: string[] = [];
  const recording: typeof fetch = async (input) => {
    seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return new Response('{}');
  };
  const routed = routeToServer('http://127.0.0.1:40123/v1/', recording);
  await routed(`${oracleBaseURL}/chat/completions`, { method: 'POST' });
  await routed(new Request(`${oracleBaseURL}/models`));
  await routed('http://example.invalid/v1/models');
  assert.deepEqual(seen, ['http://127.0.0.1:40123/v1/chat/completions', 'http://127.0.0.1:40123/v1/models', 'http://example.invalid/v1/models']);
});
