/**
 * `openai-compatible:` — any server speaking OpenAI's Chat Completions API (vLLM, SGLang, llama.cpp's
 * server, LM Studio, hosted gateways), through the AI SDK's `createOpenAICompatible`. Images go as `data:`
 * URLs; a native video is refused with a typed error (it needs `vllm:`). The server's base URL is
 * required; a key is sent when one is configured (most local servers take none).
 *
 * `createCompatibleModel` is shared with `vllm:`, which adds its video part through `videoSubstitution`
 * and its frame-count inference through `finish`.
 */

import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { TextPart as AiTextPart } from 'ai';
import { Semaphore, runWithPolicy } from '../call-policy.js';
import type { GenerateRequest, GenerateResponse, LanguageModel, ModelEndpoint } from '../language-model.js';
import type { VideoPart } from '../messages.js';
import { responseCacheKey } from '../response-cache.js';
import { toModelError } from './api-errors.js';
import { callAiSdkModel, logprobsExtractor } from './compatible-call.js';
import { countImages, toAiSdkMessages } from './compatible-messages.js';
import { discoverServer } from './discovery.js';
import type { ProviderDefinition, ProviderSettings } from './provider.js';

/** Per call: what stands in for each video in the AI SDK's messages, and the body rewrite that puts the real part back. */
export interface VideoSubstitution {
  placeholder(part: VideoPart): AiTextPart;
  /** Reads what the parts need (a file as a data URL) before the request body is built. */
  load(signal?: AbortSignal): Promise<void>;
  rewrite(body: Record<string, unknown>): Record<string, unknown>;
}

export interface CompatibleModelOptions<S extends VideoSubstitution = VideoSubstitution> {
  providerId: string;
  videoSubstitution?: () => S;
  /** Adjusts a fresh (not cached) response, e.g. vLLM's inferred frame count; gets the call's substitution. */
  finish?: (request: GenerateRequest, response: GenerateResponse, signal: AbortSignal, substitution: S | undefined) => Promise<GenerateResponse>;
}

/**
 * A LanguageModel for an OpenAI-compatible chat-completions endpoint.
 * @example const model = createCompatibleModel({ modelId: 'qwen2.5-vl-7b', baseURL: 'http://gpu:8000/v1', profile, policy }, { providerId: 'openai-compatible' });
 */
export function createCompatibleModel<S extends VideoSubstitution>(settings: ProviderSettings, options: CompatibleModelOptions<S>): LanguageModel {
  const { providerId } = options;
  const baseURL = (settings.baseURL ?? '').replace(/\/+$/, '');
  const url = `${baseURL}/chat/completions`;
  const endpoint: ModelEndpoint = Object.freeze({
    provider: providerId,
    modelId: settings.modelId,
    baseURL,
    ...(settings.engine ? { engine: settings.engine } : {}),
  });
  // 'openai-compatible' is the AI SDK's deprecated options key; its camel-case form is the current one.
  const optionsName = providerId === 'openai-compatible' ? 'openaiCompatible' : providerId;
  const semaphore = new Semaphore(settings.policy.concurrency);

  async function generate(request: GenerateRequest): Promise<GenerateResponse> {
    const parameters = { ...(request.parameters ?? {}) };
    const substitution = options.videoSubstitution?.();
    // Translate before queueing, so input the provider cannot send fails at once and is never retried.
    const messages = toAiSdkMessages(request.messages, providerId, substitution ? (part) => substitution.placeholder(part) : undefined);
    const cacheKey = responseCacheKey(endpoint, parameters, request.messages);
    return runWithPolicy(settings.policy, semaphore, request, cacheKey, url, async (signal) => {
      const started = performance.now();
      try {
        await substitution?.load(signal);
        const provider = createOpenAICompatible({
          name: optionsName,
          baseURL,
          ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
          ...(settings.headers ? { headers: settings.headers } : {}),
          ...(settings.fetch ? { fetch: settings.fetch } : {}),
          includeUsage: true,
          supportsStructuredOutputs: true,
          metadataExtractor: logprobsExtractor,
          ...(substitution ? { transformRequestBody: (body: Record<string, unknown>) => substitution.rewrite(body) } : {}),
        });
        const raw = await callAiSdkModel(provider.chatModel(settings.modelId), optionsName, messages, parameters, signal, request.onTextDelta);
        const response: GenerateResponse = {
          text: raw.text,
          finishReason: raw.finishReason,
          usage: { inputTokens: raw.inputTokens, outputTokens: raw.outputTokens, images: countImages(request.messages) },
          ...(raw.logprobs ? { logprobs: raw.logprobs } : {}),
          parameters,
          endpoint,
          latencyMs: Math.round(performance.now() - started),
          fromCache: false,
          warnings: raw.warnings,
        };
        return options.finish ? await options.finish(request, response, signal, substitution) : response;
      } catch (error) {
        throw toModelError(error, url);
      }
    });
  }

  return Object.freeze({ id: `${providerId}:${settings.modelId}`, profile: settings.profile, endpoint, generate });
}

/** Discovery for servers that list their models under `/v1/models` (vLLM, SGLang, llama.cpp, LM Studio). */
export function discoverCompatibleServer(settings: Parameters<NonNullable<ProviderDefinition['discover']>>[0]): ReturnType<NonNullable<ProviderDefinition['discover']>> {
  return discoverServer(settings.baseURL, settings.fetch ?? fetch, {
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    ...(settings.signal ? { signal: settings.signal } : {}),
  });
}

export const openaiCompatibleProvider: ProviderDefinition = Object.freeze({
  id: 'openai-compatible',
  description: 'Any OpenAI-compatible server (vLLM, SGLang, llama.cpp server, LM Studio): base URL and optional key; images as data URLs.',
  // REELM_API_KEY only: falling back to OPENAI_API_KEY would send an OpenAI key to whatever server is configured.
  apiKeyEnv: ['REELM_API_KEY'],
  baseURLEnv: 'REELM_BASE_URL',
  requiresBaseURL: true,
  create: (settings: ProviderSettings) => createCompatibleModel(settings, { providerId: 'openai-compatible' }),
  discover: discoverCompatibleServer,
});
