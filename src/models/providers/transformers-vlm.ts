/**
 * One in-process vision-language model through transformers.js: loading (processor + model class by
 * the folder's `model_type`), preparing a chat with frames through the model's own processor and chat
 * template, and running `generate` with streaming, stop sequences and cancellation.
 *
 * Supported layouts: LLaVA (`model_type: "llava"`, `LlavaProcessor` + `LlavaForConditionalGeneration`).
 * transformers.js's Qwen2-VL processor treats all images of one call as time steps of one image, so
 * several frames cannot be sent as separate images there; it is refused with a clear message rather
 * than given wrong token counts.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AbortedError, ConfigError, ReelmError } from '../../core/errors.js';
import type { ModelMessage } from '../messages.js';
import { modelSource, withTransformersEnv, type ModelLocation, type TransformersModule, type TransformersOptions } from './transformers-location.js';
import {
  decodeImages,
  expandLaterPlaceholders,
  fixedProcessedSize,
  llavaTokensPerImage,
  toChat,
  type ChatMessage,
  type LlavaProcessorConfig,
} from './transformers-prompt.js';

type Processor = Awaited<ReturnType<TransformersModule['AutoProcessor']['from_pretrained']>>;
type Model = Awaited<ReturnType<TransformersModule['LlavaForConditionalGeneration']['from_pretrained']>>;
type Tensor = InstanceType<TransformersModule['Tensor']>;

export const supportedModelTypes = ['llava'] as const;

export interface LoadedVlm {
  library: TransformersModule;
  processor: Processor;
  model: Model;
  modelType: string;
  imageTokenId: number;
  /** transformers.js version, for the endpoint. */
  version: string;
}

/** What was fed to the model for one call: the exact prompt and images, for tests and debugging. */
export interface PreparedInputs {
  prompt: string;
  chat: ChatMessage[];
  images: Uint8Array[];
  tokensPerImage: number;
  inputs: Record<string, Tensor>;
}

/** Loads processor and model from the location; NotFoundError when the folder is missing. */
export async function loadVlm(location: ModelLocation, options: TransformersOptions): Promise<LoadedVlm> {
  const { source, remote, loadOptions } = await modelSource(location, 'transformers');
  return withTransformersEnv(remote, async (library) => {
    const common = loadOptions;
    const config = (await library.AutoConfig.from_pretrained(source, common)) as unknown as Record<string, unknown>;
    const modelType = String(config.model_type);
    if (!(supportedModelTypes as readonly string[]).includes(modelType)) {
      throw new ConfigError(
        `transformers:${source}`,
        `model_type "${modelType}" is not supported by the transformers provider yet (supported: ${supportedModelTypes.join(', ')}); ` +
          'serve it with vLLM or Ollama instead.',
      );
    }
    const processor = await library.AutoProcessor.from_pretrained(source, common);
    const model = await library.LlavaForConditionalGeneration.from_pretrained(source, {
      ...common,
      ...(options.dtype !== undefined ? { dtype: options.dtype as never } : {}),
      device: (options.device ?? 'cpu') as never,
    });
    const imageTokenId = Number(config.image_token_index ?? config.image_token_id);
    if (!Number.isInteger(imageTokenId)) throw new ConfigError(`transformers:${source}`, 'config.json has no image_token_index.');
    return { library, processor, model, modelType, imageTokenId, version: library.env.version };
  }).catch((error: unknown) => {
    if (ReelmError.isInstance(error)) throw error;
    throw new ReelmError(`transformers: could not load the model from "${source}": ${(error as Error).message ?? error}`, { cause: error, kind: 'input' });
  });
}

/** Applies the chat template, expands LLaVA image placeholders and runs the processor. */
export async function prepareInputs(loaded: LoadedVlm, messages: readonly ModelMessage[]): Promise<PreparedInputs> {
  const { library, processor } = loaded;
  const { messages: chat, images } = toChat(messages);
  let prompt = processor.apply_chat_template(chat as never, { add_generation_prompt: true, tokenize: false }) as unknown as string;
  const llava = processor.config as unknown as LlavaProcessorConfig;
  const rawImages = await decodeImages(library, images);
  let tokensPerImage = 0;
  if (images.length > 0) {
    let size = fixedProcessedSize(processor.image_processor?.config ?? {});
    if (size === null) {
      const first = await processor.image_processor!(rawImages.slice(0, 1));
      const [height, width] = (first.pixel_values as Tensor).dims.slice(-2) as [number, number];
      size = { height, width };
    }
    tokensPerImage = llavaTokensPerImage(llava, size.height, size.width);
    prompt = expandLaterPlaceholders(prompt, llava.image_token, images.length, tokensPerImage);
  }
  const inputs = (images.length > 0 ? await processor(rawImages, prompt) : await processor.tokenizer!(prompt)) as Record<string, Tensor>;
  const inputIds = inputs.input_ids!;
  const imageTokens = (inputIds.data as BigInt64Array).reduce((count, id) => count + (Number(id) === loaded.imageTokenId ? 1 : 0), 0);
  if (images.length > 0) {
    const [height, width] = inputs.pixel_values!.dims.slice(-2) as [number, number];
    const expected = images.length * llavaTokensPerImage(llava, height, width);
    if (imageTokens !== expected) {
      throw new ReelmError(`transformers: the prompt holds ${imageTokens} image tokens but ${images.length} images give ${expected} features.`);
    }
  }
  return { prompt, chat, images, tokensPerImage, inputs };
}

export interface RunOptions {
  maxNewTokens: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  stopSequences?: string[];
  signal: AbortSignal;
  onTextDelta?: (delta: string) => void;
}

export interface RunResult {
  text: string;
  inputTokens: number;
  outputTokens: number;
  stoppedBy: 'length' | 'stop';
}

/** Greedy (or sampled, when temperature > 0) generation with streaming, stop sequences and cancellation. */
export async function runGenerate(loaded: LoadedVlm, prepared: PreparedInputs, options: RunOptions): Promise<RunResult> {
  const { library, processor, model } = loaded;
  const tokenizer = processor.tokenizer!;
  const inputTokens = prepared.inputs.input_ids!.dims[1]!;
  const stops = options.stopSequences?.filter((stop) => stop.length > 0) ?? [];
  const decodeNew = (ids: readonly (number | bigint)[]): string =>
    tokenizer.decode(ids.slice(inputTokens) as never, { skip_special_tokens: true });

  class StopCriteria extends library.StoppingCriteria {
    override _call(inputIds: number[][]): boolean[] {
      if (options.signal.aborted) return inputIds.map(() => true);
      if (stops.length === 0) return inputIds.map(() => false);
      return inputIds.map((ids) => stops.some((stop) => decodeNew(ids).includes(stop)));
    }
  }
  const streamer = options.onTextDelta
    ? new library.TextStreamer(tokenizer, { skip_prompt: true, skip_special_tokens: true, callback_function: options.onTextDelta })
    : undefined;
  const sample = (options.temperature ?? 0) > 0;
  if (sample && options.seed !== undefined) library.random.seed(options.seed);

  const output = (await model.generate({
    ...prepared.inputs,
    max_new_tokens: options.maxNewTokens,
    do_sample: sample,
    ...(sample ? { temperature: options.temperature } : {}),
    ...(sample && options.topP !== undefined ? { top_p: options.topP } : {}),
    stopping_criteria: [new StopCriteria()],
    ...(streamer ? { streamer } : {}),
  } as never)) as Tensor;
  if (options.signal.aborted) throw new AbortedError(undefined, { cause: options.signal.reason });

  const ids = (output.tolist() as bigint[][])[0] ?? [];
  const outputTokens = ids.length - inputTokens;
  let text = decodeNew(ids);
  const stopAt = Math.min(...stops.map((stop) => text.indexOf(stop)).filter((index) => index >= 0));
  if (Number.isFinite(stopAt)) text = text.slice(0, stopAt);
  const stoppedBy = outputTokens >= options.maxNewTokens && !Number.isFinite(stopAt) ? 'length' : 'stop';
  return { text, inputTokens, outputTokens, stoppedBy };
}

/** A short fingerprint of the model folder's config, to key caches on what was actually loaded. */
export async function configRevision(folder: string): Promise<string | undefined> {
  try {
    const text = await fs.readFile(path.join(folder, 'config.json'));
    return `config-sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  } catch {
    return undefined;
  }
}
