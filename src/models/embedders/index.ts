/**
 * From a configured embedder (`roles.embedder` → `models.<name>`) to an Embedder, through a frozen
 * table keyed by the id's provider prefix:
 *
 * - `transformers-clip:<folder or hub id>` — CLIP/SigLIP in-process (TransformersClipEmbedder); options
 *   `modelPath`, `localModelPath`, `allowDownload`, `dtype`, `device`, `batchSize`.
 * - `openai-compatible:<model>` and `vllm:<model>` — an HTTP embedding API (ApiEmbedder); `baseURL` is
 *   required, the key comes from the variable `apiKeyEnv` names, else `REELM_API_KEY`; options
 *   `batchSize`, `normalize`, `dimensions`, `timeoutMs`, `concurrency`, `maxRetries`.
 *
 * The question-guided planning strategy is the embedder's user. Heavy modules load only when chosen.
 *
 * @example
 * const embedder = await createEmbedder('vllm:openai/clip-vit-base-patch32', { baseURL: 'http://gpu:8000/v1' });
 * const embedder = await createEmbedder('transformers-clip:/models/clip-vit-base-patch32', { options: { batchSize: 8 } });
 */

import { z } from 'zod';
import type { ModelEntry } from '../../core/config.js';
import { ConfigError } from '../../core/errors.js';
import type { Embedder } from '../embedder.js';
import { splitModelId } from '../providers/registry.js';
import type { EmbeddingPolicy } from './api-embedder.js';

/** A model entry plus the provider's own options (`models.<name>.options`). */
export type EmbedderEntry = Partial<ModelEntry> & { options?: Record<string, unknown> };

export interface CreateEmbedderOptions {
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  /** Overrides of the call policy for API embedders; the entry's options win. */
  policy?: Partial<EmbeddingPolicy>;
  /** The entry's name in `models.<name>`, for messages that say which field to set. Default `embedder`. */
  name?: string;
  signal?: AbortSignal;
}

interface EmbedderContext {
  modelId: string;
  entry: EmbedderEntry;
  options: CreateEmbedderOptions;
  field: string;
}

interface EmbedderProvider {
  readonly description: string;
  create(context: EmbedderContext): Promise<Embedder>;
}

const apiOptionsSchema = z
  .object({
    batchSize: z.number().int().min(1).optional(),
    normalize: z.boolean().optional(),
    dimensions: z.number().int().min(1).optional(),
    timeoutMs: z.number().int().min(1).optional(),
    concurrency: z.number().int().min(1).optional(),
    maxRetries: z.number().int().min(0).optional(),
  })
  .strict();

function apiProvider(provider: string, description: string): EmbedderProvider {
  return {
    description,
    async create({ modelId, entry, options, field }) {
      if (!entry.baseURL) throw new ConfigError(`${field}.baseURL`, `${provider}: needs the embedding server's base URL (e.g. http://localhost:8000/v1).`);
      const parsed = apiOptionsSchema.safeParse(entry.options ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`).join('; ');
        throw new ConfigError(`${field}.options`, `invalid ${provider} embedder options: ${issues}.`);
      }
      const { timeoutMs, concurrency, maxRetries, ...rest } = parsed.data;
      const policy = { ...options.policy, ...(timeoutMs ? { timeoutMs } : {}), ...(concurrency ? { concurrency } : {}), ...(maxRetries !== undefined ? { maxRetries } : {}) };
      const apiKey = apiKeyFor(entry, options.env ?? process.env, field);
      const { ApiEmbedder } = await import('./api-embedder.js');
      return ApiEmbedder.open(
        { provider, modelId, baseURL: entry.baseURL, policy, ...rest, ...(apiKey ? { apiKey } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) },
        options.signal ? { signal: options.signal } : {},
      );
    },
  };
}

/** The key: the variable `apiKeyEnv` names (which must then be set), else REELM_API_KEY, else none. */
function apiKeyFor(entry: EmbedderEntry, env: NodeJS.ProcessEnv, field: string): string | undefined {
  if (entry.apiKeyEnv) {
    const key = env[entry.apiKeyEnv];
    if (!key) throw new ConfigError(`${field}.apiKeyEnv`, `names the environment variable ${entry.apiKeyEnv}, which is not set; export ${entry.apiKeyEnv}=<key> or remove apiKeyEnv.`);
    return key;
  }
  return env.REELM_API_KEY || undefined;
}

export const embedderProviders = Object.freeze({
  'transformers-clip': {
    description: 'CLIP or SigLIP in-process through transformers.js (ONNX), images and texts',
    async create({ modelId, entry }) {
      const { TransformersClipEmbedder } = await import('./transformers-clip.js');
      return TransformersClipEmbedder.open(modelId, entry.options ?? {});
    },
  },
  'openai-compatible': apiProvider('openai-compatible', 'an OpenAI-compatible /embeddings API (texts; images in the vLLM chat form)'),
  vllm: apiProvider('vllm', 'vLLM serving a CLIP/SigLIP-type model with --runner pooling (texts and images)'),
} as const satisfies Record<string, EmbedderProvider>);

export type EmbedderProviderId = keyof typeof embedderProviders;

function isEmbedderProvider(id: string): id is EmbedderProviderId {
  return Object.hasOwn(embedderProviders, id);
}

/**
 * Creates the embedder a config entry describes; API embedders learn their vector size from the server
 * here unless `options.dimensions` says it.
 * @example const embedder = await createEmbedder('openai-compatible:clip', { baseURL: 'http://localhost:8000/v1', apiKeyEnv: 'EMBED_KEY' });
 */
export async function createEmbedder(id: string, entry: EmbedderEntry = {}, options: CreateEmbedderOptions = {}): Promise<Embedder> {
  const field = `models.${options.name ?? 'embedder'}`;
  const { provider, modelId } = splitModelId(id);
  if (!isEmbedderProvider(provider)) {
    throw new ConfigError(`${field}.model`, `unknown embedder provider "${provider}" in "${id}"; known: ${Object.keys(embedderProviders).sort().join(', ')}.`);
  }
  if (!modelId) throw new ConfigError(`${field}.model`, `"${id}" names no model after "${provider}:".`);
  return embedderProviders[provider].create({ modelId, entry, options, field });
}
