/**
 * An embedder over CLIP or SigLIP run in-process through transformers.js: images through the model's
 * image processor and vision tower, texts through its tokenizer and text tower, each vector L2-normalised
 * so cosine similarity is a dot product. Read from a local folder (`onnx/vision_model.onnx`,
 * `onnx/text_model.onnx` and the processor/tokenizer configs); downloads only with `allowDownload: true`.
 *
 * @example
 * const embedder = await TransformersClipEmbedder.open('Xenova/clip-vit-base-patch32', { localModelPath: '/models' });
 * const [frame] = await embedder.embedImages([jpegBytes]);
 * const [query] = await embedder.embedTexts(['a dog jumping']);
 * cosineSimilarity(frame!, query!);
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, throwIfAborted } from '../../core/errors.js';
import type { Embedder } from '../embedder.js';
import {
  modelSource,
  parseTransformersOptions,
  resolveModelLocation,
  withTransformersEnv,
  type ModelLocation,
  type TransformersModule,
  type TransformersOptions,
} from '../providers/transformers-location.js';

type Tensor = InstanceType<TransformersModule['Tensor']>;
type Runner = (inputs: Record<string, unknown>) => Promise<Record<string, Tensor>>;

interface LoadedClip {
  library: TransformersModule;
  processor: Awaited<ReturnType<TransformersModule['AutoProcessor']['from_pretrained']>>;
  tokenizer: Awaited<ReturnType<TransformersModule['AutoTokenizer']['from_pretrained']>>;
  vision: Runner;
  text: Runner;
  dispose(): Promise<void>;
}

/** Per family: the model classes, the output holding the embedding, and how texts are padded. */
const families = {
  clip: { vision: 'CLIPVisionModelWithProjection', text: 'CLIPTextModelWithProjection', imageOutput: 'image_embeds', textOutput: 'text_embeds', padding: true },
  siglip: { vision: 'SiglipVisionModel', text: 'SiglipTextModel', imageOutput: 'pooler_output', textOutput: 'pooler_output', padding: 'max_length' },
} as const satisfies Record<string, { vision: string; text: string; imageOutput: string; textOutput: string; padding: true | 'max_length' }>;

type Family = keyof typeof families;

export interface TransformersClipOptions extends TransformersOptions {
  /** Images or texts per forward pass. Default 16. */
  batchSize?: number;
}

function normalised(data: Float32Array): Float32Array {
  let norm = 0;
  for (const value of data) norm += value * value;
  norm = Math.sqrt(norm);
  return norm === 0 ? data : data.map((value) => value / norm);
}

/** Rows of a [batch, dims] tensor as normalised vectors. */
function rows(tensor: Tensor): Float32Array[] {
  const [batch, dims] = tensor.dims as [number, number];
  const data = tensor.data as Float32Array;
  return Array.from({ length: batch }, (_, row) => normalised(data.slice(row * dims, (row + 1) * dims)));
}

export class TransformersClipEmbedder implements Embedder {
  readonly id: string;
  private loaded: Promise<LoadedClip> | undefined;
  private readonly batchSize: number;

  private constructor(
    modelId: string,
    readonly dimensions: number,
    private readonly family: Family,
    private readonly location: ModelLocation,
    private readonly options: TransformersOptions,
    batchSize: number,
  ) {
    this.id = `transformers:${modelId}`;
    this.batchSize = batchSize;
  }

  /** Reads the model's config (for its family and dimensions); the ONNX sessions load on first use. */
  static async open(modelId: string, options: Record<string, unknown> = {}): Promise<TransformersClipEmbedder> {
    const { batchSize, ...rest } = options as Record<string, unknown> & { batchSize?: unknown };
    const parsed = parseTransformersOptions(rest, `embedder transformers:${modelId}`);
    const size = batchSize === undefined ? 16 : Number(batchSize);
    if (!Number.isInteger(size) || size < 1) throw new ConfigError(`embedder transformers:${modelId}`, 'batchSize must be a positive integer.');
    const location = resolveModelLocation(modelId, parsed);
    const { source, remote, loadOptions } = await modelSource(location, 'transformers embedder');
    const config = remote
      ? ((await withTransformersEnv(true, (library) => library.AutoConfig.from_pretrained(source, loadOptions))) as unknown as Record<string, unknown>)
      : (JSON.parse(await fs.readFile(path.join(source, 'config.json'), 'utf8')) as Record<string, unknown>);
    const family = config.model_type === 'siglip' ? 'siglip' : config.model_type === 'clip' ? 'clip' : undefined;
    if (!family) {
      throw new ConfigError(`embedder transformers:${modelId}`, `model_type "${String(config.model_type)}" is not a CLIP or SigLIP model.`);
    }
    const vision = (config.vision_config ?? {}) as Record<string, unknown>;
    const dimensions = Number(family === 'clip' ? config.projection_dim ?? vision.projection_dim : vision.hidden_size);
    if (!Number.isInteger(dimensions) || dimensions < 1) {
      throw new ConfigError(`embedder transformers:${modelId}`, 'config.json gives no embedding size (projection_dim).');
    }
    return new TransformersClipEmbedder(modelId, dimensions, family, location, parsed, size);
  }

  private load(): Promise<LoadedClip> {
    this.loaded ??= this.loadOnce().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async loadOnce(): Promise<LoadedClip> {
    const { source, remote, loadOptions } = await modelSource(this.location, 'transformers embedder');
    const classes = families[this.family];
    return withTransformersEnv(remote, async (library) => {
      const common = loadOptions;
      const modelOptions = {
        ...common,
        ...(this.options.dtype !== undefined ? { dtype: this.options.dtype as never } : {}),
        device: (this.options.device ?? 'cpu') as never,
      };
      const [processor, tokenizer, vision, text] = await Promise.all([
        library.AutoProcessor.from_pretrained(source, common),
        library.AutoTokenizer.from_pretrained(source, common),
        library[classes.vision].from_pretrained(source, modelOptions),
        library[classes.text].from_pretrained(source, modelOptions),
      ]);
      return {
        library,
        processor,
        tokenizer,
        vision: (inputs) => vision(inputs) as Promise<Record<string, Tensor>>,
        text: (inputs) => text(inputs) as Promise<Record<string, Tensor>>,
        dispose: async () => {
          await Promise.all([vision.dispose(), text.dispose()]);
        },
      };
    });
  }

  async embedImages(images: readonly Uint8Array[], options: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    const loaded = await this.load();
    const output: Float32Array[] = [];
    for (let start = 0; start < images.length; start += this.batchSize) {
      throwIfAborted(options.signal);
      const batch = await Promise.all(images.slice(start, start + this.batchSize).map((bytes) => loaded.library.RawImage.fromBlob(new Blob([bytes]))));
      const inputs = (await loaded.processor(batch)) as Record<string, unknown>;
      const result = await loaded.vision(inputs);
      output.push(...rows(this.output(result, families[this.family].imageOutput)));
    }
    return output;
  }

  async embedTexts(texts: readonly string[], options: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    const loaded = await this.load();
    const output: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      throwIfAborted(options.signal);
      const inputs = loaded.tokenizer(texts.slice(start, start + this.batchSize), { padding: families[this.family].padding, truncation: true });
      const result = await loaded.text(inputs as Record<string, unknown>);
      output.push(...rows(this.output(result, families[this.family].textOutput)));
    }
    return output;
  }

  /** Frees the ONNX sessions; the next call loads again. */
  async dispose(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    await (await loaded?.catch(() => undefined))?.dispose();
  }

  private output(result: Record<string, Tensor>, name: string): Tensor {
    const tensor = result[name];
    if (!tensor) throw new ConfigError(this.id, `the model returned no "${name}" (outputs: ${Object.keys(result).join(', ')}).`);
    if (tensor.dims.length !== 2 || tensor.dims[1] !== this.dimensions) {
      throw new ConfigError(this.id, `"${name}" has shape [${tensor.dims.join(', ')}]; expected [batch, ${this.dimensions}].`);
    }
    return tensor;
  }
}
