/**
 * From a configured model to a LanguageModel: the provider from the registry (`provider:model`), the
 * base URL and API key from the config entry, the environment or the provider's default, the profile
 * from its family rule plus the entry's overrides, and — for self-hosted servers — what the server
 * reports about itself: its context length fills `contextTokens` when the config does not set it, and its
 * engine and version join the response-cache key.
 *
 * Keys never sit in the config file: an entry names the variable holding one (`apiKeyEnv`), else the
 * provider's own variables are read in order.
 */

import { ConfigError } from '../core/errors.js';
import type { ModelEntry } from '../core/config.js';
import { defaultCallPolicy, type CallPolicy } from './call-policy.js';
import type { LanguageModel } from './language-model.js';
import { resolveProfile } from './profiles/index.js';
import type { DiscoveredServer, ProviderDefinition } from './providers/provider.js';
import { getProvider, splitModelId } from './providers/registry.js';
import type { ResponseCache } from './response-cache.js';

export interface CreateModelOptions {
  fetch?: typeof fetch;
  cache?: ResponseCache | null;
  /** Overrides of the call policy (concurrency, timeout, retries…). */
  policy?: Partial<Omit<CallPolicy, 'cache'>>;
  /** The entry's name in `models.<name>`, for messages that say which field to set. Default `default`. */
  name?: string;
  env?: NodeJS.ProcessEnv;
  /** Ask a self-hosted server what it serves before creating the model. Default true. */
  discover?: boolean;
  signal?: AbortSignal;
}

/** The API key: the entry's `apiKeyEnv` (which must then be set), else the provider's variables in order. */
function apiKeyFor(definition: ProviderDefinition, entry: Partial<ModelEntry>, env: NodeJS.ProcessEnv, field: string): string | undefined {
  if (entry.apiKeyEnv) {
    const key = env[entry.apiKeyEnv];
    if (!key) throw new ConfigError(`${field}.apiKeyEnv`, `names the environment variable ${entry.apiKeyEnv}, which is not set; export ${entry.apiKeyEnv}=<key> or remove apiKeyEnv.`);
    return key;
  }
  return definition.apiKeyEnv.map((name) => env[name]).find((value) => value !== undefined && value !== '');
}

/** The listed model this id names: an exact match, else the one whose id ends with it (`Qwen/Qwen2.5-VL-7B` for `Qwen2.5-VL-7B`). */
function listedModel(server: DiscoveredServer | undefined, modelId: string): { id: string; maxModelLen?: number } | undefined {
  return server?.models.find((model) => model.id === modelId) ?? server?.models.find((model) => model.id.endsWith(`/${modelId}`));
}

/**
 * Creates the language model a config entry describes.
 * @example const model = await createLanguageModel('vllm:Qwen/Qwen2.5-VL-7B-Instruct', { baseURL: 'http://gpu:8000/v1' });
 * @example const model = await createLanguageModel('openai:gpt-4o', {}, { cache: new ResponseCache(cacheDir) });
 */
export async function createLanguageModel(id: string, entry: Partial<ModelEntry> = {}, options: CreateModelOptions = {}): Promise<LanguageModel> {
  const env = options.env ?? process.env;
  const field = `models.${options.name ?? 'default'}`;
  const { provider, modelId } = splitModelId(id);
  const definition = getProvider(provider);

  const baseURL = entry.baseURL ?? (definition.baseURLEnv ? env[definition.baseURLEnv] : undefined) ?? definition.defaultBaseURL;
  if (definition.requiresBaseURL && !baseURL) {
    const variable = definition.baseURLEnv ? ` or the environment variable ${definition.baseURLEnv}` : '';
    throw new ConfigError(`model ${id}`, `${provider}: needs the server's base URL (e.g. http://localhost:8000/v1): set ${field}.baseURL in the config${variable}.`);
  }
  const apiKey = apiKeyFor(definition, entry, env, field);

  const server = definition.discover && baseURL && options.discover !== false
    ? await definition.discover({
      baseURL,
      ...(apiKey ? { apiKey } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    : undefined;
  const served = listedModel(server, modelId);
  const overrides: Record<string, unknown> = { ...(entry.profile ?? {}) };
  // The server's --max-model-len is the real limit; the config still wins when it says otherwise.
  if (overrides.contextTokens === undefined && served?.maxModelLen !== undefined) overrides.contextTokens = served.maxModelLen;
  const profile = resolveProfile(id, overrides, `${field}.profile`);

  const policy: CallPolicy = { ...defaultCallPolicy, ...options.policy, cache: options.cache ?? null };
  return definition.create({
    modelId,
    profile,
    policy,
    ...(baseURL ? { baseURL } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(server?.engine ? { engine: server.engine } : {}),
  });
}
