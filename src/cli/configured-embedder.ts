/**
 * The embedder the store commands use for visual search: the model `roles.embedder` points at, else a
 * model named `embedder` under `models`. With neither, a ConfigError that shows how to configure one.
 */

import type { ModelEntry, ReelmConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import type { Embedder } from '../models/embedder.js';

export const noEmbedderHelp = [
  'visual search needs an image-text embedder. Configure one in reelm.config.json, then index again:',
  '  in-process  { "models": { "clip": { "model": "transformers-clip:Xenova/clip-vit-base-patch32", "options": { "allowDownload": true } } }, "roles": { "embedder": "clip" } }',
  '  server      { "models": { "clip": { "model": "vllm:openai/clip-vit-base-patch32", "baseURL": "http://localhost:8000/v1" } }, "roles": { "embedder": "clip" } }',
].join('\n');

/** Pure: the configured embedder entry and its name, or undefined when there is none. */
export function chooseEmbedder(config: ReelmConfig): { name: string; entry: ModelEntry } | undefined {
  const target = config.roles.embedder;
  if (target) {
    const entry = config.models[target];
    if (!entry) throw new ConfigError('config roles.embedder', `points at "${target}", which is not under "models"; add models.${target} or fix the role.`);
    return { name: target, entry };
  }
  const named = config.models.embedder;
  return named ? { name: 'embedder', entry: named } : undefined;
}

export async function createConfiguredEmbedder(config: ReelmConfig, signal?: AbortSignal): Promise<Embedder> {
  const choice = chooseEmbedder(config);
  if (!choice) throw new ConfigError('no embedder configured', noEmbedderHelp);
  const { createEmbedder } = await import('../models/embedders/index.js');
  return createEmbedder(choice.entry.model, choice.entry, { name: choice.name, ...(signal ? { signal } : {}) });
}
