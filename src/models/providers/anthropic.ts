/**
 * `anthropic:` — Claude through the AI SDK's Anthropic provider (the Messages API). Images go as base64
 * `image` blocks; Claude returns no log-probabilities and accepts no video. The Messages API requires
 * `max_tokens`, so the profile's output limit is sent when the caller sets none.
 */

import { createAnthropic } from '@ai-sdk/anthropic';
import { createAiSdkLanguageModel, type StandardSettings } from './ai-sdk-messages.js';
import { requireApiKey } from './openai.js';
import type { ProviderDefinition } from './provider.js';

const apiKeyEnv = ['ANTHROPIC_API_KEY'] as const;
const defaultBaseURL = 'https://api.anthropic.com/v1';

export const anthropicProvider: ProviderDefinition = {
  id: 'anthropic',
  description: 'Anthropic Claude (Messages API), images as frames and grids.',
  apiKeyEnv,
  baseURLEnv: 'ANTHROPIC_BASE_URL',
  defaultBaseURL,
  requiresBaseURL: false,
  create(settings) {
    const baseURL = settings.baseURL ?? defaultBaseURL;
    const anthropic = createAnthropic({
      baseURL,
      apiKey: requireApiKey('anthropic', settings, apiKeyEnv),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
    return createAiSdkLanguageModel({
      provider: 'anthropic',
      settings,
      baseURL,
      model: anthropic(settings.modelId),
      callSettings: ({ temperature, topP, maxOutputTokens, seed, stopSequences }) => {
        const chosen: StandardSettings = { maxOutputTokens: maxOutputTokens ?? settings.profile.maxOutputTokens };
        if (temperature !== undefined) chosen.temperature = temperature;
        if (topP !== undefined) chosen.topP = topP;
        if (seed !== undefined) chosen.seed = seed;
        if (stopSequences !== undefined) chosen.stopSequences = stopSequences;
        return chosen;
      },
    });
  },
};
