/**
 * `openai:` — OpenAI's Chat Completions API through the AI SDK (`createOpenAI(...).chat`), chosen over the
 * Responses API because it returns token log-probabilities per token (`logprobs: true`), the source of
 * reelm's confidences. Images go as base64 data URLs; native video is not accepted.
 */

import { createOpenAI } from '@ai-sdk/openai';
import { ConfigError } from '../../core/errors.js';
import type { TokenLogprob } from '../language-model.js';
import { apiKeyFrom, createAiSdkLanguageModel } from './ai-sdk-messages.js';
import type { ProviderDefinition, ProviderSettings } from './provider.js';

const apiKeyEnv = ['OPENAI_API_KEY'] as const;
const defaultBaseURL = 'https://api.openai.com/v1';

/** Chat Completions logprobs (`providerMetadata.openai.logprobs`: `{ token, logprob, top_logprobs }[]`). */
export function openaiLogprobs(metadata: Record<string, Record<string, unknown>> | undefined): TokenLogprob[] | undefined {
  const entries = metadata?.['openai']?.['logprobs'];
  if (!Array.isArray(entries)) return undefined;
  return entries.flatMap((entry: unknown) => {
    const { token, logprob } = (entry ?? {}) as { token?: unknown; logprob?: unknown };
    return typeof token === 'string' && typeof logprob === 'number' ? [{ token, logprob }] : [];
  });
}

/** The API key, or a ConfigError naming where to put one. */
export function requireApiKey(provider: string, settings: ProviderSettings, variables: readonly string[]): string {
  const key = apiKeyFrom(settings, variables);
  if (!key) throw new ConfigError(`model ${provider}:${settings.modelId}`, `no API key: set ${[...variables, 'REELM_API_KEY'].join(' or ')}, or apiKey in the model's config.`);
  return key;
}

export const openaiProvider: ProviderDefinition = {
  id: 'openai',
  description: 'OpenAI hosted models (Chat Completions API), images as frames and grids; log-probabilities supported.',
  apiKeyEnv,
  baseURLEnv: 'OPENAI_BASE_URL',
  defaultBaseURL,
  requiresBaseURL: false,
  create(settings) {
    const baseURL = settings.baseURL ?? defaultBaseURL;
    const openai = createOpenAI({
      baseURL,
      apiKey: requireApiKey('openai', settings, apiKeyEnv),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
    return createAiSdkLanguageModel({
      provider: 'openai',
      settings,
      baseURL,
      model: openai.chat(settings.modelId),
      providerOptions: (parameters) => (parameters.logprobs ? { openai: { logprobs: true } } : undefined),
      logprobs: openaiLogprobs,
    });
  },
};
