/**
 * An embedder over an HTTP embedding API: texts in batches through the OpenAI-compatible
 * `POST {baseURL}/embeddings`, images one per request through vLLM's chat-style form of the same route
 * (an `image_url` part holding a data URL; the wire shapes and their sources are in `embedding-wire.ts`).
 * Every request goes through the call policy (`runWithRetries`: concurrency, timeout, retries on 429/5xx
 * with the server's Retry-After); failures become ApiCallErrors naming the URL; every vector is checked
 * against the embedder's size (EmbeddingDimensionError) and L2-normalised unless `normalize: false`.
 * `fetch` is injected so tests need no network.
 *
 * Works with `vllm serve openai/clip-vit-base-patch32 --runner pooling` (or a SigLIP model with a chat
 * template), and, for texts only, with any OpenAI-compatible embeddings endpoint.
 *
 * @example
 * const embedder = await ApiEmbedder.open({ provider: 'vllm', modelId: 'openai/clip-vit-base-patch32', baseURL: 'http://gpu:8000/v1' });
 * const [frame] = await embedder.embedImages([jpegBytes]);
 * const [query] = await embedder.embedTexts(['a dog jumping']);
 * cosineSimilarity(frame!, query!);
 */

import { APICallError } from '@ai-sdk/provider';
import { ConfigError, throwIfAborted } from '../../core/errors.js';
import { defaultCallPolicy, runWithRetries, Semaphore, type CallPolicy } from '../call-policy.js';
import { EmbeddingDimensionError, type Embedder } from '../embedder.js';
import { toModelError } from '../providers/api-errors.js';
import { imageEmbeddingRequest, parseEmbeddingResponse, textEmbeddingRequest } from './embedding-wire.js';

export type EmbeddingPolicy = Pick<CallPolicy, 'concurrency' | 'timeoutMs' | 'maxRetries' | 'initialBackoffMs'>;

export interface ApiEmbedderSettings {
  /** The id prefix (`vllm`, `openai-compatible`), recorded in `id`. */
  provider: string;
  /** The served model name sent as `model`. */
  modelId: string;
  /** Up to `/v1`; `/embeddings` is appended. */
  baseURL: string;
  /** Sent as `Authorization: Bearer …`. */
  apiKey?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  policy?: Partial<EmbeddingPolicy>;
  /** Texts per request. Default 32. */
  batchSize?: number;
  /** L2-normalise every vector, so cosine similarity is a dot product. Default true. */
  normalize?: boolean;
  /** The vector size when known; otherwise `open` asks the server with one short text. */
  dimensions?: number;
}

function normalised(vector: readonly number[], normalize: boolean): Float32Array {
  const out = Float32Array.from(vector);
  if (!normalize) return out;
  let norm = 0;
  for (const value of out) norm += value * value;
  norm = Math.sqrt(norm);
  return norm === 0 ? out : out.map((value) => value / norm);
}

function positiveInteger(value: unknown, field: string, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ConfigError(where, `${field} must be a positive integer, not ${JSON.stringify(value)}.`);
  return value;
}

export class ApiEmbedder implements Embedder {
  readonly id: string;
  /** `{baseURL}/embeddings`. */
  readonly url: string;
  private readonly policy: EmbeddingPolicy;
  private readonly semaphore: Semaphore;
  private readonly fetch: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly batchSize: number;
  private readonly normalize: boolean;

  private constructor(private readonly settings: ApiEmbedderSettings, private readonly knownDimensions: number | undefined) {
    this.id = `${settings.provider}:${settings.modelId}`;
    this.url = `${settings.baseURL.replace(/\/+$/, '')}/embeddings`;
    this.policy = { ...defaultCallPolicy, ...settings.policy };
    this.semaphore = new Semaphore(this.policy.concurrency);
    this.fetch = settings.fetch ?? globalThis.fetch;
    this.headers = {
      'content-type': 'application/json',
      ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
      ...settings.headers,
    };
    this.batchSize = settings.batchSize ?? 32;
    this.normalize = settings.normalize ?? true;
  }

  get dimensions(): number {
    return this.knownDimensions ?? 0;
  }

  /**
   * Checks the settings and learns the vector size: `settings.dimensions`, else one request embedding a
   * short text (which also proves the server answers before any real work starts).
   */
  static async open(settings: ApiEmbedderSettings, options: { signal?: AbortSignal } = {}): Promise<ApiEmbedder> {
    const where = `embedder ${settings.provider}:${settings.modelId}`;
    if (!settings.modelId) throw new ConfigError(where, 'names no model; use e.g. vllm:openai/clip-vit-base-patch32.');
    if (!/^https?:\/\//.test(settings.baseURL)) throw new ConfigError(where, `baseURL must be an http(s) URL such as http://localhost:8000/v1, not "${settings.baseURL}".`);
    positiveInteger(settings.batchSize, 'batchSize', where);
    positiveInteger(settings.policy?.concurrency, 'policy.concurrency', where);
    positiveInteger(settings.policy?.timeoutMs, 'policy.timeoutMs', where);
    const dimensions = positiveInteger(settings.dimensions, 'dimensions', where);
    if (dimensions !== undefined) return new ApiEmbedder(settings, dimensions);
    const [probe] = await new ApiEmbedder(settings, undefined).embedTexts(['dimension probe'], options);
    return new ApiEmbedder(settings, probe!.length);
  }

  async embedTexts(texts: readonly string[], options: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    throwIfAborted(options.signal);
    const batches: string[][] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) batches.push(texts.slice(start, start + this.batchSize));
    const results = await Promise.all(batches.map((batch) => this.post(textEmbeddingRequest(this.settings.modelId, batch), batch.length, options.signal)));
    return results.flat();
  }

  async embedImages(images: readonly Uint8Array[], options: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    throwIfAborted(options.signal);
    const results = await Promise.all(images.map((image) => this.post(imageEmbeddingRequest(this.settings.modelId, image), 1, options.signal)));
    return results.flat();
  }

  /** One request under the call policy; the vectors it returns, checked and (by default) normalised. */
  private post(body: object, count: number, signal: AbortSignal | undefined): Promise<Float32Array[]> {
    return runWithRetries(this.policy, this.semaphore, signal, this.url, async (attemptSignal) => {
      let status: number;
      let text: string;
      let headers: Record<string, string>;
      try {
        const response = await this.fetch(this.url, { method: 'POST', headers: this.headers, body: JSON.stringify(body), signal: attemptSignal });
        status = response.status;
        headers = Object.fromEntries(response.headers);
        text = await response.text();
      } catch (error) {
        throw toModelError(error, this.url);
      }
      if (status < 200 || status >= 300) {
        const failure = new APICallError({
          message: `HTTP ${status}`,
          url: this.url,
          requestBodyValues: { model: this.settings.modelId, inputs: count },
          statusCode: status,
          responseHeaders: headers,
          responseBody: text,
        });
        throw toModelError(failure, this.url);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw toModelError(new Error(`the response is not JSON: ${text.slice(0, 200)}`, { cause: error }), this.url);
      }
      return this.checked(parseEmbeddingResponse(json, count, this.url));
    });
  }

  private checked(vectors: number[][]): Float32Array[] {
    const sizes = vectors.map((vector) => vector.length);
    const expected = this.knownDimensions ?? sizes[0]!;
    if (sizes.some((size) => size !== expected)) {
      throw new EmbeddingDimensionError({ embedder: this.id, server: this.url, expected, actual: sizes });
    }
    return vectors.map((vector) => normalised(vector, this.normalize));
  }
}
