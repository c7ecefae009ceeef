/**
 * Capability discovery for self-hosted OpenAI-compatible servers, and the server's limit errors turned
 * into messages that name the setting to change.
 *
 * A self-hosted server knows its own limits better than any profile: vLLM's `/v1/models` reports each
 * model's `max_model_len` (the `--max-model-len` it was started with), and `/version` its version, which
 * goes into the response-cache key because a new engine version can change answers. The image limit
 * (`--limit-mm-per-prompt`) is reported nowhere, so it is learnt from the error the server returns when a
 * request exceeds it; `explainServerError` recognises that error and the context-overflow error by the
 * wording vLLM (and OpenAI) use, since those servers return them as a plain 400 with no error code.
 *
 * Sources: vllm-project/vllm `vllm/entrypoints/openai/protocol.py` (ModelCard: `max_model_len`,
 * `owned_by: "vllm"`), `vllm/entrypoints/openai/api_server.py` (`GET /version`, `POST /tokenize` at the
 * server root, outside `/v1`), `vllm/entrypoints/chat_utils.py` ("At most {n} {modality}(s) may be
 * provided in one request"), read at bd5ec6d50b83652c21a570b81c1fb5219a6ebf76.
 */

import type { DiscoveredServer } from './provider.js';

const discoveryTimeoutMs = 5_000;

/**
 * The server root for endpoints vLLM serves outside `/v1` (`/version`, `/tokenize`).
 * @example serverRoot('http://gpu:8000/v1') // 'http://gpu:8000'
 */
export function serverRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
}

async function getJson(url: string, fetchImpl: typeof fetch, apiKey: string | undefined, signal?: AbortSignal): Promise<unknown> {
  const timeout = AbortSignal.timeout(discoveryTimeoutMs);
  const response = await fetchImpl(url, {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!response.ok) return undefined;
  return response.json() as Promise<unknown>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads what a server says it serves: its models with their context length where reported, and the
 * engine and version (`vllm 0.9.1`) where it says. Resolves to undefined when `/v1/models` is absent or
 * unreachable; discovery is a help, never a reason to fail.
 * @example const server = await discoverServer('http://gpu:8000/v1', fetch); // { models: [{ id: 'Qwen/Qwen2.5-VL-7B-Instruct', maxModelLen: 32768 }], engine: 'vllm 0.9.1' }
 */
export async function discoverServer(
  baseURL: string,
  fetchImpl: typeof fetch = fetch,
  options: { apiKey?: string; signal?: AbortSignal } = {},
): Promise<DiscoveredServer | undefined> {
  let listing: unknown;
  try {
    listing = await getJson(`${baseURL.replace(/\/+$/, '')}/models`, fetchImpl, options.apiKey, options.signal);
  } catch {
    return undefined;
  }
  const data = record(listing)?.data;
  if (!Array.isArray(data)) return undefined;
  const models = data.flatMap((entry) => {
    const card = record(entry);
    if (typeof card?.id !== 'string') return [];
    const maxModelLen = typeof card.max_model_len === 'number' && card.max_model_len > 0 ? card.max_model_len : undefined;
    return [maxModelLen === undefined ? { id: card.id } : { id: card.id, maxModelLen }];
  });
  const ownedByVllm = data.some((entry) => record(entry)?.owned_by === 'vllm');
  const version = await getJson(`${serverRoot(baseURL)}/version`, fetchImpl, options.apiKey, options.signal).catch(() => undefined);
  const versionText = record(version)?.version;
  const engine = typeof versionText === 'string' && ownedByVllm ? `vllm ${versionText}` : ownedByVllm ? 'vllm' : undefined;
  return engine === undefined ? { models } : { models, engine };
}

/** A request limit the server enforced, recognised from its error. */
export interface ServerLimit {
  kind: 'too-many-images' | 'context-overflow';
  /** The limit the server states (images per request, context tokens), when it states one. */
  limit: number | null;
  /** What to change, naming reelm's setting and the server's flag. */
  advice: string;
}

/**
 * Recognises a server's limit error from its status and body, and says which setting to change.
 * @example explainServerError(400, '{"error":{"message":"At most 1 image(s) may be provided in one request."}}')
 * // { kind: 'too-many-images', limit: 1, advice: 'the server accepts at most 1 image per request: set models.<name>.profile.maxImagesPerRequest to 1 (or pass --max-images 1), or restart vLLM with a higher --limit-mm-per-prompt.' }
 */
export function explainServerError(statusCode: number | undefined, body: string | undefined): ServerLimit | undefined {
  if (statusCode !== undefined && statusCode !== 400 && statusCode !== 413 && statusCode !== 422) return undefined;
  const text = body ?? '';
  const images = /At most (\d+) (image|video)\(s\) may be provided in one (?:request|prompt)/i.exec(text)
    ?? /set (image|video)=(\d+)[^.]*in [`'"]?--limit-mm-per-prompt/i.exec(text);
  if (images) {
    const [count, modality] = /^\d+$/.test(images[1] ?? '') ? [Number(images[1]), images[2]] : [Number(images[2]), images[1]];
    const what = modality === 'video' ? 'video' : 'image';
    return {
      kind: 'too-many-images',
      limit: count,
      advice: what === 'image'
        ? `the server accepts at most ${count} image(s) per request: set models.<name>.profile.maxImagesPerRequest to ${count} (or pass --max-images ${count}), or restart vLLM with a higher --limit-mm-per-prompt (e.g. '{"image": 32}').`
        : `the server accepts at most ${count} video(s) per request: send fewer videos, or restart vLLM with a higher --limit-mm-per-prompt (e.g. '{"video": 2}').`,
    };
  }
  const context = /maximum context length is (\d+) tokens/i.exec(text) ?? /longer than the maximum model length of (\d+)/i.exec(text);
  if (context) {
    const tokens = Number(context[1]);
    return {
      kind: 'context-overflow',
      limit: tokens,
      advice: `the request does not fit the server's context of ${tokens} tokens: set models.<name>.profile.contextTokens to ${tokens} so plans fit it, send fewer or smaller images (--max-images, --frame-size), or restart vLLM with a larger --max-model-len.`,
    };
  }
  return undefined;
}
