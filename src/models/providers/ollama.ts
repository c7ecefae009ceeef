/**
 * `ollama:` — a local Ollama server through ollama-ai-provider-v2 (`/api/chat`). That provider puts
 * temperature, top-p and the output limit at the top level of the request, where `/api/chat` ignores them
 * (Ollama reads them from `options`), so reelm sends every generation parameter in `options` instead:
 * `temperature`, `top_p`, `num_predict`, `seed`, `stop`.
 *
 * `/api/chat` carries images in a message's `images` array, apart from its text, and the provider joins a
 * message's text parts with nothing between them; so each image goes in a user message of its own, after
 * the text that labels it (its time), as base64 — the provider would send raw bytes as a JSON object.
 */

import type { ModelMessage as AiSdkMessage } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import type { ModelMessage } from '../messages.js';
import { createAiSdkLanguageModel, toHostedMessages, unsupportedVideoError } from './ai-sdk-messages.js';
import type { ProviderDefinition } from './provider.js';

const defaultBaseURL = 'http://127.0.0.1:11434/api';

/**
 * The `/api` base from OLLAMA_HOST-style values (`0.0.0.0:11434`, `http://host:11434`, `…/api`).
 * @example ollamaBaseURL('localhost:11434') // 'http://localhost:11434/api'
 */
export function ollamaBaseURL(value: string | undefined): string {
  if (!value) return defaultBaseURL;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const trimmed = withScheme.replace(/\/+$/, '');
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

/**
 * reelm messages for `/api/chat`: a user message with images becomes one user message per image (the
 * text before the image, then the image), so every label stays next to its image.
 * @example toOllamaMessages([{ role: 'user', content: [label1, frame1, label2, frame2, question] }]) // 3 user messages
 */
export function toOllamaMessages(messages: readonly ModelMessage[]): AiSdkMessage[] {
  return messages.flatMap((message): AiSdkMessage[] => {
    if (message.role !== 'user' || typeof message.content === 'string') return toHostedMessages([message], 'ollama');
    const out: AiSdkMessage[] = [];
    let texts: string[] = [];
    for (const part of message.content) {
      if (part.type === 'video') throw unsupportedVideoError('ollama');
      if (part.type === 'text') {
        texts.push(part.text);
        continue;
      }
      const image = { type: 'image' as const, image: Buffer.from(part.image).toString('base64'), mediaType: part.mediaType };
      out.push({ role: 'user', content: [{ type: 'text', text: texts.length > 0 ? texts.join('\n') : 'Image:' }, image] });
      texts = [];
    }
    if (texts.length > 0) out.push({ role: 'user', content: texts.join('\n') });
    return out;
  });
}

export const ollamaProvider: ProviderDefinition = {
  id: 'ollama',
  description: 'A local Ollama server (/api/chat), images as frames and grids.',
  apiKeyEnv: [],
  baseURLEnv: 'OLLAMA_HOST',
  defaultBaseURL,
  requiresBaseURL: false,
  create(settings) {
    const baseURL = ollamaBaseURL(settings.baseURL ?? process.env['OLLAMA_BASE_URL'] ?? process.env['OLLAMA_HOST']);
    const ollama = createOllama({
      baseURL,
      ...(settings.headers ? { headers: settings.headers } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
    return createAiSdkLanguageModel({
      provider: 'ollama',
      settings,
      baseURL,
      model: ollama(settings.modelId),
      messages: toOllamaMessages,
      callSettings: () => ({}),
      providerOptions: ({ temperature, topP, maxOutputTokens, seed, stopSequences }) => {
        const entries = Object.entries({ temperature, top_p: topP, num_predict: maxOutputTokens, seed, stop: stopSequences });
        const options = Object.fromEntries(entries.filter(([, value]) => value !== undefined));
        return Object.keys(options).length > 0 ? { ollama: { options } } : undefined;
      },
    });
  },
};
