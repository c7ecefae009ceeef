/**
 * The provider registry, keyed by the prefix of `provider:model`. It is open: the built-in providers
 * are registered by the entry points, and higher layers add their own at start-up (the `oracle:`
 * reference model from eval/synth), never the other way round. A second registration of an id is an
 * error rather than a silent replacement.
 */

import { ConfigError, ReelmError } from '../../core/errors.js';
import type { ProviderDefinition } from './provider.js';

const providers = new Map<string, ProviderDefinition>();

export function registerProvider(definition: ProviderDefinition): void {
  const existing = providers.get(definition.id);
  if (existing && existing !== definition) throw new ReelmError(`provider "${definition.id}" is already registered`);
  providers.set(definition.id, definition);
}

export function getProvider(id: string): ProviderDefinition {
  const provider = providers.get(id);
  if (!provider) {
    throw new ConfigError('model id', `unknown provider "${id}"; known providers: ${[...providers.keys()].sort().join(', ') || '(none registered)'}.`);
  }
  return provider;
}

export function listProviders(): ProviderDefinition[] {
  return [...providers.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Splits `provider:model` (the model part may itself contain colons, e.g. `ollama:qwen2.5vl:7b`). */
export function splitModelId(id: string): { provider: string; modelId: string } {
  const colon = id.indexOf(':');
  if (colon <= 0) throw new ConfigError('model id', `"${id}" must look like provider:model, e.g. ollama:qwen2.5vl:7b or openai:gpt-4o.`);
  return { provider: id.slice(0, colon), modelId: id.slice(colon + 1) };
}
