/**
 * What a provider is: a factory that, given a model id and its settings, returns a LanguageModel.
 * Each provider declares the environment variables it reads (its usual API-key variable, a base URL)
 * so `reelm models` can say where each setting came from.
 */

import type { CallPolicy } from '../call-policy.js';
import type { LanguageModel } from '../language-model.js';
import type { ModelProfile } from '../profile.js';

export interface ProviderSettings {
  /** The part after `provider:`. */
  modelId: string;
  baseURL?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** The resolved profile (family rule plus config overrides). */
  profile: ModelProfile;
  policy: CallPolicy;
  /** Injected so tests need no network; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Provider-specific options from the config (e.g. a local model folder for transformers). */
  options?: Record<string, unknown>;
  /** Serving engine and version, when discovery found them (`vllm 0.9.1`); part of the cache key. */
  engine?: string;
}

/** What a self-hosted server says about itself (see discovery.ts). */
export interface DiscoveredServer {
  models: Array<{ id: string; maxModelLen?: number }>;
  engine?: string;
}

export interface ProviderDefinition {
  /** The prefix before `:` in model ids. */
  readonly id: string;
  readonly description: string;
  /** Environment variables holding the API key, in order of preference. */
  readonly apiKeyEnv: readonly string[];
  /** Environment variable for the base URL, if the provider has one. */
  readonly baseURLEnv?: string;
  readonly defaultBaseURL?: string;
  /** True when the provider cannot work without a base URL (self-hosted servers). */
  readonly requiresBaseURL: boolean;
  create(settings: ProviderSettings): LanguageModel;
  /**
   * Asks a self-hosted server what it serves (context length, engine and version) before the model is
   * created; absent for hosted APIs whose limits are known. Failures resolve to undefined.
   */
  discover?(settings: { baseURL: string; apiKey?: string; fetch?: typeof fetch; signal?: AbortSignal }): Promise<DiscoveredServer | undefined>;
}
