/**
 * Evaluation's response cache: a language model wrapped so every answer is stored under the model's
 * public endpoint, the generation parameters and the messages (images by hash — `responseCacheKey`),
 * and a repeated request is answered from disk. The providers cache too, but under the endpoint they
 * call; a loopback server on a fresh port each process (the `oracle:` double) would then never hit
 * across runs. Keying by the model's declared endpoint makes a second run of the same config free.
 */

import type { GenerateRequest, GenerateResponse, LanguageModel } from '../../models/language-model.js';
import { responseCacheKey, type ResponseCache } from '../../models/response-cache.js';

export interface CachedModelCounters {
  /** Requests that reached the wrapped model. */
  calls: number;
  /** Requests answered from the cache. */
  hits: number;
}

/**
 * @example const model = withResponseCache(await createLanguageModel('oracle:reference'), new ResponseCache(cacheDir));
 */
export function withResponseCache(model: LanguageModel, cache: ResponseCache, counters: CachedModelCounters = { calls: 0, hits: 0 }): LanguageModel & { counters: CachedModelCounters } {
  const generate = async (request: GenerateRequest): Promise<GenerateResponse> => {
    const key = responseCacheKey(model.endpoint, request.parameters ?? {}, request.messages);
    if (request.cache !== false) {
      const hit = await cache.get(key);
      if (hit) {
        counters.hits += 1;
        if (hit.text !== '') request.onTextDelta?.(hit.text);
        return { ...hit, fromCache: true };
      }
    }
    counters.calls += 1;
    const response = await model.generate(request);
    if (request.cache !== false && !response.fromCache) await cache.put(key, response);
    return response;
  };
  return Object.freeze({ id: model.id, profile: model.profile, endpoint: model.endpoint, generate, counters });
}
