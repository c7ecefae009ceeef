/**
 * The providers reelm ships, registered by the entry points (CLI, server) at start-up. One line per
 * provider file; a provider whose model library is heavy loads it lazily inside `create`, so registering
 * costs nothing.
 */

import { anthropicProvider } from './anthropic.js';
import { googleProvider } from './google.js';
import { ollamaProvider } from './ollama.js';
import { openaiCompatibleProvider } from './openai-compatible.js';
import { openaiProvider } from './openai.js';
import type { ProviderDefinition } from './provider.js';
import { registerProvider } from './registry.js';
import { transformersProvider } from './transformers.js';
import { vllmProvider } from './vllm.js';

export const builtinProviders: readonly ProviderDefinition[] = Object.freeze([
  openaiCompatibleProvider,
  vllmProvider,
  openaiProvider,
  anthropicProvider,
  googleProvider,
  ollamaProvider,
  transformersProvider,
]);

/**
 * Registers every built-in provider; safe to call more than once.
 * @example registerBuiltinProviders(); const model = await createLanguageModel('vllm:qwen2.5-vl-7b', { baseURL });
 */
export function registerBuiltinProviders(): void {
  for (const provider of builtinProviders) registerProvider(provider);
}
