/**
 * The bridge between reelm's language-model interface and the AI SDK for the hosted providers built on it
 * (openai, anthropic, google, ollama): reelm messages → AI SDK messages, an AI SDK result →
 * GenerateResponse, and `createAiSdkLanguageModel`, which runs `generateText`/`streamText` under the call
 * policy. Errors become reelm's through api-errors.ts (`toModelError`), the one place shared with the
 * OpenAI-compatible providers. The AI SDK's own retries are off (`maxRetries: 0`): retries, timeouts and
 * the cache belong to runWithPolicy.
 */

import type { LanguageModelV3, SharedV3ProviderOptions, SharedV3Warning } from '@ai-sdk/provider';
import { generateText, jsonSchema, NoObjectGeneratedError, Output, streamText, type ModelMessage as AiSdkMessage } from 'ai';
import { runWithPolicy, Semaphore } from '../call-policy.js';
import type { GenerateRequest, GenerateResponse, GenerationParameters, LanguageModel, ModelEndpoint, TokenLogprob } from '../language-model.js';
import type { ModelMessage, VideoPart } from '../messages.js';
import { nativeVideoProviders } from '../profiles/index.js';
import { responseCacheKey } from '../response-cache.js';
import { toModelError, UnsupportedInputError } from './api-errors.js';
import type { ProviderSettings } from './provider.js';

/** The typed error for a video part sent to a provider without native video, naming those that have it. */
export function unsupportedVideoError(provider: string): UnsupportedInputError {
  const supportedBy = [...new Set(Object.values(nativeVideoProviders).flat())].sort();
  return new UnsupportedInputError(provider, `${provider}: this request holds a native video part, which the ${provider}: provider cannot send; `
    + `use ${supportedBy.map((id) => `${id}:`).join(' or ')} for native video, or plan frames instead.`);
}

export function videoParts(messages: readonly ModelMessage[]): VideoPart[] {
  return messages.flatMap((message) =>
    message.role === 'user' && typeof message.content !== 'string' ? message.content.filter((part): part is VideoPart => part.type === 'video') : []);
}

export function countImages(messages: readonly ModelMessage[]): number {
  return messages.reduce((count, message) =>
    count + (message.role === 'user' && typeof message.content !== 'string' ? message.content.filter((part) => part.type === 'image').length : 0), 0);
}

/**
 * reelm messages as AI SDK messages: text and image parts pass through in order (an image's time stays
 * behind; the text label before it carries the time to the model); a video part is an error.
 * @example toHostedMessages([{ role: 'user', content: [{ type: 'text', text: '[00:00:01.0]' }, frame] }], 'openai')
 */
export function toHostedMessages(messages: readonly ModelMessage[], provider: string): AiSdkMessage[] {
  return messages.map((message): AiSdkMessage => {
    if (message.role !== 'user') return { role: message.role, content: message.content };
    if (typeof message.content === 'string') return { role: 'user', content: message.content };
    return {
      role: 'user',
      content: message.content.map((part) => {
        if (part.type === 'text') return { type: 'text' as const, text: part.text };
        if (part.type === 'image') return { type: 'image' as const, image: part.image, mediaType: part.mediaType };
        throw unsupportedVideoError(provider);
      }),
    };
  });
}

/** One AI SDK warning as text. */
export function formatWarning(warning: SharedV3Warning): string {
  if (warning.type === 'other') return warning.message;
  const verb = warning.type === 'unsupported' ? 'is not supported' : 'is used in compatibility mode';
  return `${warning.feature} ${verb}${warning.details ? `: ${warning.details}` : ''}`;
}

const finishReasons = new Set<GenerateResponse['finishReason']>(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other']);

export function toFinishReason(reason: unknown): GenerateResponse['finishReason'] {
  return finishReasons.has(reason as GenerateResponse['finishReason']) ? (reason as GenerateResponse['finishReason']) : 'unknown';
}

export interface StandardSettings {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  seed?: number;
  stopSequences?: string[];
}

/** The generation parameters the AI SDK takes as call settings, unset ones left out. */
export function standardSettings(parameters: GenerationParameters): StandardSettings {
  const { temperature, topP, maxOutputTokens, seed, stopSequences } = parameters;
  return Object.fromEntries(Object.entries({ temperature, topP, maxOutputTokens, seed, stopSequences }).filter(([, value]) => value !== undefined));
}

type ProviderMetadata = Record<string, Record<string, unknown>>;

/** What a provider adds to the shared AI SDK model. */
export interface AiSdkModelConfig {
  provider: string;
  settings: ProviderSettings;
  baseURL: string;
  model: LanguageModelV3;
  /** reelm messages as AI SDK messages; the default is toHostedMessages. */
  messages?(messages: readonly ModelMessage[]): AiSdkMessage[];
  /** Generation parameters as AI SDK call settings; the default passes the standard ones through. */
  callSettings?(parameters: GenerationParameters): StandardSettings;
  providerOptions?(parameters: GenerationParameters): SharedV3ProviderOptions | undefined;
  /** Token log-probabilities from the provider metadata, where the provider returns them. */
  logprobs?(metadata: ProviderMetadata | undefined): TokenLogprob[] | undefined;
  /** Requests holding a video part go here; without it they are an UnsupportedInputError. */
  generateVideo?(request: GenerateRequest, signal: AbortSignal): Promise<Omit<GenerateResponse, 'latencyMs' | 'fromCache' | 'endpoint'>>;
}

interface AiSdkOutcome {
  usage: { inputTokens?: number | undefined; outputTokens?: number | undefined };
  finishReason: unknown;
  warnings?: SharedV3Warning[] | undefined;
  providerMetadata?: ProviderMetadata | undefined;
}

/**
 * A reelm LanguageModel over an AI SDK model: streams when the caller wants deltas, generates otherwise,
 * every call through runWithPolicy.
 * @example createAiSdkLanguageModel({ provider: 'openai', settings, baseURL, model: createOpenAI({ baseURL, fetch }).chat('gpt-4o') })
 */
export function createAiSdkLanguageModel(config: AiSdkModelConfig): LanguageModel {
  const { provider, settings, baseURL } = config;
  const endpoint: ModelEndpoint = { provider, modelId: settings.modelId, baseURL };
  const semaphore = new Semaphore(settings.policy.concurrency);

  async function call(request: GenerateRequest, signal: AbortSignal): Promise<Omit<GenerateResponse, 'latencyMs' | 'fromCache'>> {
    if (videoParts(request.messages).length > 0) {
      if (!config.generateVideo) throw unsupportedVideoError(provider);
      return { ...(await config.generateVideo(request, signal)), endpoint };
    }
    const parameters = request.parameters ?? {};
    const common = {
      model: config.model,
      messages: config.messages ? config.messages(request.messages) : toHostedMessages(request.messages, provider),
      ...(config.callSettings ?? standardSettings)(parameters),
      maxRetries: 0,
      abortSignal: signal,
      ...(settings.headers ? { headers: settings.headers } : {}),
      providerOptions: config.providerOptions?.(parameters) ?? {},
    };
    let text = '';
    let outcome: AiSdkOutcome;
    const warnings: string[] = [];
    if (request.onTextDelta && !parameters.jsonSchema) {
      const stream = streamText({ ...common, onError: () => undefined });
      for await (const part of stream.fullStream) {
        if (part.type === 'text-delta') {
          text += part.text;
          request.onTextDelta(part.text);
        } else if (part.type === 'error') throw part.error;
      }
      if (signal.aborted) throw signal.reason;
      const [usage, finishReason, streamWarnings, providerMetadata] = await Promise.all([stream.usage, stream.finishReason, stream.warnings, stream.providerMetadata]);
      outcome = { usage, finishReason, warnings: streamWarnings, providerMetadata };
    } else {
      try {
        const output = parameters.jsonSchema ? { output: Output.object({ schema: jsonSchema(parameters.jsonSchema) }) } : {};
        const generated = await generateText({ ...common, ...output });
        text = generated.text;
        outcome = generated;
      } catch (error) {
        if (!NoObjectGeneratedError.isInstance(error)) throw error;
        text = error.text ?? '';
        warnings.push(`the answer does not follow the JSON schema: ${error.message}`);
        outcome = { usage: error.usage ?? {}, finishReason: error.finishReason };
      }
      if (text) request.onTextDelta?.(text);
    }
    const logprobs = parameters.logprobs ? config.logprobs?.(outcome.providerMetadata) : undefined;
    return {
      text,
      finishReason: toFinishReason(outcome.finishReason),
      usage: { inputTokens: outcome.usage.inputTokens ?? null, outputTokens: outcome.usage.outputTokens ?? null, images: countImages(request.messages) },
      ...(logprobs ? { logprobs } : {}),
      parameters,
      endpoint,
      warnings: [...(outcome.warnings ?? []).map(formatWarning), ...warnings],
    };
  }

  return {
    id: `${provider}:${settings.modelId}`,
    profile: settings.profile,
    endpoint,
    generate(request) {
      const key = responseCacheKey(endpoint, request.parameters ?? {}, request.messages);
      return runWithPolicy(settings.policy, semaphore, request, key, baseURL, async (signal) => {
        const started = performance.now();
        try {
          const response = await call(request, signal);
          return { ...response, latencyMs: Math.round(performance.now() - started), fromCache: false };
        } catch (error) {
          throw toModelError(error, baseURL);
        }
      });
    },
  };
}

/** The API key from the settings, else the provider's variables, else REELM_API_KEY. */
export function apiKeyFrom(settings: ProviderSettings, variables: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (settings.apiKey) return settings.apiKey;
  for (const name of [...variables, 'REELM_API_KEY']) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}
