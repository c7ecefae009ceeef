/**
 * One raw model call through the AI SDK (`generateText`, or `streamText` when the caller wants deltas),
 * shared by the providers built on it. It sets the AI SDK's own retries to zero — retries, timeouts and
 * the cache belong to the call policy — and maps the result back to reelm's shape: text, finish reason,
 * token usage, log-probabilities (read from the raw body by a metadata extractor, since the
 * OpenAI-compatible provider does not surface them) and warnings as text.
 */

import type { JSONValue, SharedV3ProviderMetadata } from '@ai-sdk/provider';
import { generateText, streamText, type LanguageModel as AiLanguageModel, type ModelMessage as AiModelMessage } from 'ai';
import type { GenerateResponse, GenerationParameters, TokenLogprob } from '../language-model.js';

/** The metadata key reelm's extractor writes under. */
const metadataKey = 'reelm';

export interface RawCallResult {
  text: string;
  finishReason: GenerateResponse['finishReason'];
  inputTokens: number | null;
  outputTokens: number | null;
  logprobs?: TokenLogprob[];
  warnings: string[];
}

function logprobsOf(choice: unknown): TokenLogprob[] {
  const content = (choice as { logprobs?: { content?: unknown } } | undefined)?.logprobs?.content;
  if (!Array.isArray(content)) return [];
  return content.flatMap((entry: { token?: unknown; logprob?: unknown }) =>
    typeof entry?.token === 'string' && typeof entry.logprob === 'number' ? [{ token: entry.token, logprob: entry.logprob }] : []);
}

function firstChoice(body: unknown): unknown {
  const choices = (body as { choices?: unknown } | undefined)?.choices;
  return Array.isArray(choices) ? choices[0] : undefined;
}

/**
 * Reads `choices[0].logprobs.content` from chat-completions bodies and chunks, which the
 * OpenAI-compatible provider parses but drops; pass it as the provider's `metadataExtractor`.
 */
export const logprobsExtractor = {
  extractMetadata: async ({ parsedBody }: { parsedBody: unknown }): Promise<SharedV3ProviderMetadata | undefined> => {
    const logprobs = logprobsOf(firstChoice(parsedBody));
    return logprobs.length > 0 ? { [metadataKey]: { logprobs: logprobs as unknown as JSONValue } } : undefined;
  },
  createStreamExtractor: () => {
    const collected: TokenLogprob[] = [];
    return {
      processChunk: (chunk: unknown): void => {
        collected.push(...logprobsOf(firstChoice(chunk)));
      },
      buildMetadata: (): SharedV3ProviderMetadata | undefined => (collected.length > 0 ? { [metadataKey]: { logprobs: collected as unknown as JSONValue } } : undefined),
    };
  },
};

function readLogprobs(metadata: SharedV3ProviderMetadata | undefined): TokenLogprob[] | undefined {
  const logprobs = metadata?.[metadataKey]?.logprobs;
  return Array.isArray(logprobs) ? (logprobs as unknown as TokenLogprob[]) : undefined;
}

function warningText(warning: { type: string; feature?: string; details?: string; message?: string }): string {
  const what = warning.feature ?? warning.message ?? '';
  return `${warning.type}${what ? `: ${what}` : ''}${warning.details ? ` (${warning.details})` : ''}`;
}

function finishReasonOf(reason: string): GenerateResponse['finishReason'] {
  const known = ['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other'] as const;
  return (known as readonly string[]).includes(reason) ? (reason as GenerateResponse['finishReason']) : 'unknown';
}

/** The chat-completions fields reelm sets beyond the AI SDK's standard settings (logprobs, a JSON schema). */
export function extraBodyFields(parameters: GenerationParameters): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (parameters.logprobs) extra.logprobs = true;
  if (parameters.jsonSchema) {
    extra.response_format = { type: 'json_schema', json_schema: { name: 'answer', schema: parameters.jsonSchema, strict: true } };
  }
  return extra;
}

/**
 * Calls the model once, streaming when `onTextDelta` is given.
 * @example const result = await callAiSdkModel(chatModel, 'vllm', messages, { temperature: 0 }, signal);
 */
export async function callAiSdkModel(
  model: AiLanguageModel,
  providerOptionsName: string,
  messages: AiModelMessage[],
  parameters: GenerationParameters,
  signal: AbortSignal,
  onTextDelta?: (delta: string) => void,
): Promise<RawCallResult> {
  const settings = {
    model,
    messages,
    maxRetries: 0,
    abortSignal: signal,
    // reelm's system message is its own prompt, never user input: no injection risk to warn about.
    allowSystemInMessages: true,
    ...(parameters.temperature === undefined ? {} : { temperature: parameters.temperature }),
    ...(parameters.topP === undefined ? {} : { topP: parameters.topP }),
    ...(parameters.maxOutputTokens === undefined ? {} : { maxOutputTokens: parameters.maxOutputTokens }),
    ...(parameters.seed === undefined ? {} : { seed: parameters.seed }),
    ...(parameters.stopSequences === undefined ? {} : { stopSequences: parameters.stopSequences }),
    providerOptions: { [providerOptionsName]: extraBodyFields(parameters) as Record<string, never> },
  };
  if (!onTextDelta) {
    const result = await generateText(settings);
    const logprobs = readLogprobs(result.providerMetadata);
    return {
      text: result.text,
      finishReason: finishReasonOf(result.finishReason),
      inputTokens: result.usage.inputTokens ?? null,
      outputTokens: result.usage.outputTokens ?? null,
      ...(logprobs ? { logprobs } : {}),
      warnings: (result.warnings ?? []).map(warningText),
    };
  }
  // Errors arrive as stream parts; rethrow the first so the policy sees it, and keep the SDK from logging it.
  const result = streamText({ ...settings, onError: () => undefined });
  let text = '';
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') {
      text += part.text;
      onTextDelta(part.text);
    } else if (part.type === 'error') {
      throw part.error;
    } else if (part.type === 'abort') {
      throw signal.reason ?? new DOMException('aborted', 'AbortError');
    }
  }
  const [usage, finishReason, metadata, warnings] = await Promise.all([result.usage, result.finishReason, result.providerMetadata, result.warnings]);
  const logprobs = readLogprobs(metadata);
  return {
    text,
    finishReason: finishReasonOf(finishReason),
    inputTokens: usage.inputTokens ?? null,
    outputTokens: usage.outputTokens ?? null,
    ...(logprobs ? { logprobs } : {}),
    warnings: (warnings ?? []).map(warningText),
  };
}
