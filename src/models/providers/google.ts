/**
 * `google:` — Gemini through the AI SDK's Google Generative AI provider for text and images, and through
 * the Files API (google-files.ts) when the plan sends a whole video: a request holding a VideoPart is
 * uploaded, polled until ACTIVE and answered by a `generateContent` call built here. Uploads are kept per
 * model instance, so retries and repeated questions about one video upload it once.
 */

import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createAiSdkLanguageModel } from './ai-sdk-messages.js';
import { generateWithGeminiFiles, type GeminiFile } from './google-files.js';
import { requireApiKey } from './openai.js';
import type { ProviderDefinition } from './provider.js';

const apiKeyEnv = ['GOOGLE_GENERATIVE_AI_API_KEY', 'GEMINI_API_KEY'] as const;
const defaultBaseURL = 'https://generativelanguage.googleapis.com/v1beta';

export const googleProvider: ProviderDefinition = {
  id: 'google',
  description: 'Google Gemini (Generative Language API), images as frames and grids, or whole videos through the Files API.',
  apiKeyEnv,
  baseURLEnv: 'GOOGLE_GENERATIVE_AI_BASE_URL',
  defaultBaseURL,
  requiresBaseURL: false,
  create(settings) {
    const baseURL = (settings.baseURL ?? defaultBaseURL).replace(/\/+$/, '');
    const apiKey = requireApiKey('google', settings, apiKeyEnv);
    const fetchFunction = settings.fetch ?? globalThis.fetch;
    const google = createGoogleGenerativeAI({ baseURL, apiKey, fetch: fetchFunction, ...(settings.headers ? { headers: settings.headers } : {}) });
    const uploads = new Map<string, Promise<GeminiFile>>();
    const pollIntervalMs = typeof settings.options?.['pollIntervalMs'] === 'number' ? settings.options['pollIntervalMs'] : undefined;
    return createAiSdkLanguageModel({
      provider: 'google',
      settings,
      baseURL,
      model: google(settings.modelId),
      generateVideo: (request, signal) => generateWithGeminiFiles({
        baseURL,
        apiKey,
        modelId: settings.modelId,
        fetch: fetchFunction,
        timestampStyle: settings.profile.timestampStyle,
        ...(settings.headers ? { headers: settings.headers } : {}),
        ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      }, uploads, request, signal),
    });
  },
};
