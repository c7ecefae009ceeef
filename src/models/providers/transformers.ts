/**
 * `transformers:<folder or hub id>` — vision-language models run in-process through transformers.js and
 * onnxruntime-node, read from a local folder (downloads only with `allowDownload: true`). Frames reach
 * the model as images inside the messages, each after its time label, through the model's own processor
 * and chat template. Calls go through the common call policy with a concurrency of 1 (one model, one
 * process). The model loads once per instance, on first use, and `dispose()` frees it.
 *
 * Options (`models.<name>.options` in the config): `modelPath`, `localModelPath`, `allowDownload`,
 * `dtype`, `device`.
 *
 * @example
 * const model = transformersProvider.create({ modelId: 'tiny-llava', profile, policy, options: { modelPath: '/models/tiny-llava' } });
 * const response = await model.generate({ messages, parameters: { maxOutputTokens: 64 } });
 */

import { throwIfAborted } from '../../core/errors.js';
import { runWithPolicy, Semaphore, type CallPolicy } from '../call-policy.js';
import type { GenerateRequest, GenerateResponse, GenerationParameters, LanguageModel, ModelEndpoint } from '../language-model.js';
import type { ModelProfile } from '../profile.js';
import { responseCacheKey } from '../response-cache.js';
import type { ProviderDefinition, ProviderSettings } from './provider.js';
import { parseTransformersOptions, resolveModelLocation, type ModelLocation, type TransformersOptions } from './transformers-location.js';
import { configRevision, loadVlm, prepareInputs, runGenerate, type LoadedVlm, type PreparedInputs } from './transformers-vlm.js';

/** Output tokens when the caller sets none: the profile's limit, capped for CPU inference. */
const defaultMaxNewTokens = 512;

export interface TransformersModelHooks {
  /** Receives what was fed to the processor and model on each call (tests, debugging). */
  onPrepared?: (prepared: PreparedInputs, parameters: GenerationParameters) => void;
}

export class TransformersLanguageModel implements LanguageModel {
  readonly id: string;
  readonly endpoint: ModelEndpoint;
  readonly location: ModelLocation;
  private readonly options: TransformersOptions;
  private readonly policy: CallPolicy;
  private readonly semaphore = new Semaphore(1);
  private loaded: Promise<LoadedVlm> | undefined;

  constructor(
    readonly modelId: string,
    readonly profile: ModelProfile,
    policy: CallPolicy,
    options: Record<string, unknown> | undefined,
    private readonly hooks: TransformersModelHooks = {},
  ) {
    this.id = `transformers:${modelId}`;
    this.options = parseTransformersOptions(options, `model ${this.id}`);
    this.location = resolveModelLocation(modelId, this.options);
    this.policy = { ...policy, concurrency: 1 };
    this.endpoint = { provider: 'transformers', modelId, baseURL: `file://${this.location.folder}` };
  }

  /** Loads the processor and model (once); later calls share the same promise. */
  load(): Promise<LoadedVlm> {
    this.loaded ??= loadVlm(this.location, this.options).catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  /** Frees the ONNX sessions; the next call loads again. */
  async dispose(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (!loaded) return;
    const model = await loaded.catch(() => undefined);
    await model?.model.dispose();
  }

  async generate(request: GenerateRequest): Promise<GenerateResponse> {
    const parameters = this.parametersOf(request.parameters ?? {});
    const endpoint = await this.resolvedEndpoint();
    const cacheKey = responseCacheKey(endpoint, parameters, request.messages);
    return runWithPolicy(this.policy, this.semaphore, request, cacheKey, endpoint.baseURL ?? this.id, (signal) =>
      this.generateOnce(request, parameters, endpoint, signal),
    );
  }

  private parametersOf(requested: GenerationParameters): GenerationParameters {
    const maxOutputTokens = requested.maxOutputTokens ?? Math.min(this.profile.maxOutputTokens, defaultMaxNewTokens);
    const sample = (requested.temperature ?? 0) > 0;
    return {
      maxOutputTokens,
      temperature: sample ? requested.temperature : 0,
      ...(sample && requested.topP !== undefined ? { topP: requested.topP } : {}),
      ...(sample && requested.seed !== undefined ? { seed: requested.seed } : {}),
      ...(requested.stopSequences?.length ? { stopSequences: requested.stopSequences } : {}),
    };
  }

  private warningsFor(requested: GenerationParameters): string[] {
    const warnings: string[] = [];
    if (requested.logprobs) warnings.push('logprobs are not returned by the transformers provider.');
    if (requested.jsonSchema) warnings.push('jsonSchema is not enforced by the transformers provider; the answer is free text.');
    if ((requested.temperature ?? 0) <= 0 && (requested.topP !== undefined || requested.seed !== undefined)) {
      warnings.push('topP and seed apply only when sampling (temperature > 0); decoding was greedy.');
    }
    return warnings;
  }

  private async resolvedEndpoint(): Promise<ModelEndpoint> {
    const revision = await configRevision(this.location.folder);
    return { ...this.endpoint, ...(revision ? { revision } : {}) };
  }

  private async generateOnce(
    request: GenerateRequest,
    parameters: GenerationParameters,
    endpoint: ModelEndpoint,
    signal: AbortSignal,
  ): Promise<GenerateResponse> {
    const started = performance.now();
    throwIfAborted(signal);
    const loaded = await this.load();
    throwIfAborted(signal);
    const prepared = await prepareInputs(loaded, request.messages);
    throwIfAborted(signal);
    this.hooks.onPrepared?.(prepared, parameters);
    const result = await runGenerate(loaded, prepared, {
      maxNewTokens: parameters.maxOutputTokens!,
      ...(parameters.temperature !== undefined ? { temperature: parameters.temperature } : {}),
      ...(parameters.topP !== undefined ? { topP: parameters.topP } : {}),
      ...(parameters.seed !== undefined ? { seed: parameters.seed } : {}),
      ...(parameters.stopSequences ? { stopSequences: parameters.stopSequences } : {}),
      signal,
      ...(request.onTextDelta ? { onTextDelta: request.onTextDelta } : {}),
    });
    return {
      text: result.text,
      finishReason: result.stoppedBy,
      usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens, images: prepared.images.length },
      parameters,
      endpoint: { ...endpoint, engine: `transformers.js ${loaded.version}` },
      latencyMs: performance.now() - started,
      fromCache: false,
      warnings: this.warningsFor(request.parameters ?? {}),
    };
  }
}

export const transformersProvider: ProviderDefinition = Object.freeze({
  id: 'transformers',
  description: 'In-process vision-language models through transformers.js (ONNX), read from a local folder.',
  apiKeyEnv: [],
  requiresBaseURL: false,
  create(settings: ProviderSettings): LanguageModel {
    return new TransformersLanguageModel(settings.modelId, settings.profile, settings.policy, settings.options);
  },
});
