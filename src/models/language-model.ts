/**
 * The language-model interface every provider implements (HTTP and in-process alike): one `generate`
 * call taking reelm's messages (text, images with their times, native video) and generation parameters,
 * returning the text, usage, what was actually sent, and where it came from. Providers built on the AI
 * SDK translate to and from it; providers outside the AI SDK (vLLM's `video_url`, Gemini file uploads,
 * transformers.js) implement it directly. Retries, concurrency, timeouts and the response cache wrap
 * every provider the same way (see call-policy.ts).
 */

import type { ModelMessage } from './messages.js';
import type { ModelProfile } from './profile.js';

export interface GenerationParameters {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  seed?: number;
  stopSequences?: string[];
  /** Ask for token log-probabilities where the provider returns them (the source of confidences). */
  logprobs?: boolean;
  /** Structured output: a JSON schema the answer must follow, where the provider enforces one. */
  jsonSchema?: Record<string, unknown>;
}

export interface GenerateRequest {
  messages: ModelMessage[];
  parameters?: GenerationParameters;
  signal?: AbortSignal;
  /** Receives text as it streams, where the provider streams. */
  onTextDelta?: (delta: string) => void;
  /** Read and write the response cache for this call (default: the model's setting). */
  cache?: boolean;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
}

export interface GenerateUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  /** Images sent (frames and grids). */
  images: number;
  /**
   * vLLM native video: the frame count the server really used, inferred from the prompt-token usage
   * (its per-request frame settings are not reliably honoured), or null when it cannot be inferred.
   */
  inferredVideoFrames?: { requested: number | null; inferred: number | null; source: 'prompt-token usage' };
}

/** Which model answered, precisely enough to key a cache and reproduce a number. */
export interface ModelEndpoint {
  provider: string;
  modelId: string;
  baseURL?: string;
  /** Serving engine and version when the server reports them (e.g. `vllm 0.9.1`). */
  engine?: string;
  revision?: string;
}

export interface GenerateResponse {
  text: string;
  finishReason: 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' | 'unknown';
  usage: GenerateUsage;
  /** Present when requested and returned. */
  logprobs?: TokenLogprob[];
  /** The parameters actually sent. */
  parameters: GenerationParameters;
  endpoint: ModelEndpoint;
  latencyMs: number;
  fromCache: boolean;
  /** What the provider could not honour (e.g. seed unsupported), as text. */
  warnings: string[];
}

export interface LanguageModel {
  /** `provider:model`. */
  readonly id: string;
  readonly profile: ModelProfile;
  readonly endpoint: ModelEndpoint;
  generate(request: GenerateRequest): Promise<GenerateResponse>;
}
