/**
 * Models wired to the loopback server, and the conformance subjects built from them.
 */

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultCallPolicy, type CallPolicy } from '../../../src/models/call-policy.js';
import type { LanguageModel } from '../../../src/models/language-model.js';
import { resolveProfile } from '../../../src/models/profiles/index.js';
import { openaiCompatibleProvider } from '../../../src/models/providers/openai-compatible.js';
import { vllmProvider } from '../../../src/models/providers/vllm.js';
import { ResponseCache } from '../../../src/models/response-cache.js';
import type { ConformanceSubject } from '../conformance.js';
import { normaliseChatRequest, startWireServer, vllmReplies, type WireServer } from './chat-completions-server.js';

export type WireProvider = 'openai-compatible' | 'vllm';

export const modelName = 'Qwen/Qwen2.5-VL-7B-Instruct';

/** A model of the given provider talking to `server`, with fast retries and an optional cache folder. */
export function wireModel(server: WireServer, provider: WireProvider, policy: Partial<CallPolicy> = {}, options: Record<string, unknown> = {}): LanguageModel {
  const definition = provider === 'vllm' ? vllmProvider : openaiCompatibleProvider;
  return definition.create({
    modelId: modelName,
    baseURL: server.baseURL,
    apiKey: 'test-key',
    profile: resolveProfile(`${provider}:qwen2.5-vl-7b`),
    policy: { ...defaultCallPolicy, initialBackoffMs: 1, maxRetries: 2, ...policy },
    options,
  });
}

/** A conformance subject over a fresh server, with a response cache in a temporary folder. */
export async function wireSubject(provider: WireProvider): Promise<ConformanceSubject> {
  const server = await startWireServer(provider === 'vllm' ? 'vllm' : 'openai');
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-wire-cache-'));
  const model = wireModel(server, provider, { cache: new ResponseCache(cacheDir) });
  return {
    model,
    hasCache: true,
    received: () => server.chatRequests().map((request) => {
      if (request.schemaErrors.length > 0) throw new Error(`request violates the schema:\n${request.schemaErrors.join('\n')}`);
      return normaliseChatRequest(request.body);
    }),
    stallNext: () => server.enqueue({ hang: true }),
    failNext: () => server.enqueue({ status: 400, json: vllmReplies.contextOverflow!.body }),
    close: async () => {
      await server.close();
      await fs.rm(cacheDir, { recursive: true, force: true });
    },
  };
}
