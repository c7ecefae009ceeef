/**
 * The `oracle:` provider: the reference model of `eval/synth`, served over real HTTP on loopback and
 * reached through the production OpenAI-compatible provider code, exactly as a self-hosted VLM would
 * be. The server starts once, lazily, on the first call; any model id works (`oracle:reference`).
 * Entry points register it at start-up with {@link registerOracleProvider}; `models/` never imports it.
 *
 * What the oracle can and cannot see is documented in perceive.ts and answer.ts: objects under 24 px in
 * the image it was sent are invisible to it, on-screen text is read by the PaddleOCR models, and it knows
 * nothing of how the videos were made — only the request. An id that names no model family plans with
 * the oracle's own Qwen2.5-VL-like profile (oracle-profile.ts) instead of the unknown-model default.
 *
 * The server's port is free-chosen per process, so the model presents one fixed base URL and its fetch
 * routes that URL to the live server: the response cache keys answers by the endpoint, and a key holding
 * the port would never match in the next run. Cached answers are thus keyed by the model id (and the
 * request), not by where this run's server happens to listen.
 */

import type { GenerateRequest, LanguageModel, ModelEndpoint } from '../../../models/language-model.js';
import { createCompatibleModel } from '../../../models/providers/openai-compatible.js';
import type { ProviderDefinition, ProviderSettings } from '../../../models/providers/provider.js';
import { registerProvider } from '../../../models/providers/registry.js';
import { oracleModelProfile } from './oracle-profile.js';
import { startOracleServer, type OracleServer } from './server.js';

let server: Promise<OracleServer> | undefined;

/** The base URL every oracle model presents (in its endpoint, its responses and its cache keys). */
export const oracleBaseURL = 'http://127.0.0.1/oracle';

/**
 * A fetch that sends requests for {@link oracleBaseURL} to the live server at `liveBaseURL`.
 * @example routeToServer('http://127.0.0.1:40123/v1')('http://127.0.0.1/oracle/chat/completions', init) // POSTs to :40123/v1/chat/completions
 */
export function routeToServer(liveBaseURL: string, send: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(oracleBaseURL)) return send(input, init);
    const live = `${liveBaseURL.replace(/\/+$/, '')}${url.slice(oracleBaseURL.length)}`;
    return send(input instanceof Request ? new Request(live, input) : live, init);
  };
}

/** The shared loopback server, started on first use. */
export function oracleServer(): Promise<OracleServer> {
  server ??= startOracleServer().catch((error: unknown) => {
    server = undefined;
    throw error;
  });
  return server;
}

function createOracleModel(resolved: ProviderSettings): LanguageModel {
  const settings = { ...resolved, profile: oracleModelProfile(resolved.profile) };
  let inner: Promise<LanguageModel> | undefined;
  const endpoint: ModelEndpoint = Object.freeze({ provider: 'oracle', modelId: settings.modelId, baseURL: oracleBaseURL });
  const model = (): Promise<LanguageModel> => {
    inner ??= oracleServer().then(({ baseURL }) => createCompatibleModel({ ...settings, baseURL: oracleBaseURL, fetch: routeToServer(baseURL, settings.fetch) }, { providerId: 'oracle' }));
    return inner;
  };
  return Object.freeze({
    id: `oracle:${settings.modelId}`,
    profile: settings.profile,
    endpoint,
    generate: async (request: GenerateRequest) => (await model()).generate(request),
  });
}

export const oracleProvider: ProviderDefinition = Object.freeze({
  id: 'oracle',
  description: 'The synthetic-benchmark reference model: reads the images and time labels it is sent (objects ≥ 24 px, text by OCR), served on loopback over the OpenAI-compatible API.',
  apiKeyEnv: [],
  requiresBaseURL: false,
  create: createOracleModel,
});

/**
 * Registers the `oracle:` provider; safe to call more than once.
 * @example registerOracleProvider(); const model = await createLanguageModel('oracle:reference');
 */
export function registerOracleProvider(): void {
  registerProvider(oracleProvider);
}
