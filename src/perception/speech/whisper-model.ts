/**
 * A Whisper model run in-process through transformers.js's `automatic-speech-recognition` pipeline
 * (WhisperForConditionalGeneration: ONNX encoder + merged decoder with its KV cache, the model's own
 * feature extractor and tokenizer). Where the model lives follows the other transformers.js models
 * (`transformers-location.ts`): a folder, `<localModelPath>/<id>`, or a Hub id fetched only when
 * downloading is allowed. One call hears one window of at most 30 s and returns its segments with
 * times relative to the window; the long-form loop is `whisper-windows.ts`.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, NotFoundError, ReelmError } from '../../core/errors.js';
import {
  modelSource,
  resolveModelLocation,
  withTransformersEnv,
  type ModelLocation,
  type TransformersOptions,
} from '../../models/providers/transformers-location.js';
import type { WindowSegment } from './whisper-windows.js';

export type WhisperTimestamps = 'segment' | 'word';

export interface WhisperModelOptions extends TransformersOptions {
  /** Spoken language for multilingual models (`en`, `french`, …); English-only models take none. */
  language?: string;
  task?: 'transcribe' | 'translate';
}

export interface WhisperModel {
  readonly location: ModelLocation;
  /** What config.json and generation_config.json say, for the analyzer's config hash. */
  readonly revision: string;
  readonly multilingual: boolean;
  /** Segments (or words) of one window of 16 kHz mono samples, at most 30 s. */
  transcribe(samples: Float32Array, timestamps: WhisperTimestamps): Promise<WindowSegment[]>;
  dispose(): Promise<void>;
}

interface AsrChunk {
  timestamp: [number | null, number | null];
  text: string;
}
type AsrPipeline = ((audio: Float32Array, options: Record<string, unknown>) => Promise<{ text: string; chunks?: AsrChunk[] }>) & {
  model: { generation_config?: Record<string, unknown>; config: Record<string, unknown> };
  dispose(): Promise<void>;
};

const what = 'whisper speech analyzer';

/** Files a Whisper export must hold beside config.json (fp32 names; other dtypes add a suffix). */
const requiredFiles = ['preprocessor_config.json', 'tokenizer.json'];

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Checks a local folder before transformers.js does, so a wrong folder is named with what to do. */
async function checkLocalFolder(folder: string, modelId: string): Promise<{ config: Record<string, unknown>; generation: Record<string, unknown> | undefined }> {
  const config = await readJson(path.join(folder, 'config.json'));
  if (!config || (config.model_type !== 'whisper' && config.model_type !== 'lite-whisper')) {
    throw new ConfigError(`speech whisper:${modelId}`,
      `"${folder}" does not hold a Whisper model (config.json ${config ? `says model_type "${String(config.model_type)}"` : 'is not JSON'}); ` +
        'point it at an ONNX export of Whisper, e.g. `huggingface-cli download Xenova/whisper-tiny.en --local-dir <folder>`.');
  }
  for (const file of requiredFiles) {
    try {
      await fs.access(path.join(folder, file));
    } catch {
      throw new ConfigError(`speech whisper:${modelId}`, `"${folder}" has no ${file}; download the whole ONNX export of the model (config, tokenizer, preprocessor and onnx/ files).`);
    }
  }
  return { config, generation: await readJson(path.join(folder, 'generation_config.json')) };
}

/**
 * Loads the model (NotFoundError naming the folder when it is not there, ConfigError when it is not a
 * usable Whisper export).
 * @example const model = await loadWhisperModel('Xenova/whisper-tiny.en', { allowDownload: true });
 */
export async function loadWhisperModel(modelId: string, options: WhisperModelOptions = {}): Promise<WhisperModel> {
  const location = resolveModelLocation(modelId, options);
  const { source, remote, loadOptions } = await modelSource(location, what).catch((error: unknown) => {
    if (!NotFoundError.isInstance(error)) throw error;
    throw new NotFoundError(error.what, `${error.message} (reelm index: --speech whisper:<folder>, or a Hub id with --allow-download.)`, { cause: error });
  });
  const local = remote ? undefined : await checkLocalFolder(source, modelId);
  const asr = (await withTransformersEnv(remote, async (library) =>
    library.pipeline('automatic-speech-recognition', source, {
      ...loadOptions,
      ...(options.dtype !== undefined ? { dtype: options.dtype as never } : {}),
      device: (options.device ?? 'cpu') as never,
    }),
  ).catch((error: unknown) => {
    if (ReelmError.isInstance(error)) throw error;
    throw new ConfigError(`speech whisper:${modelId}`,
      `could not load a Whisper model from "${remote ? modelId : source}": ${(error as Error).message ?? error}; ` +
        'check that the folder holds onnx/encoder_model.onnx and onnx/decoder_model_merged.onnx (or the files of the dtype you asked for).',
      { cause: error });
  })) as unknown as AsrPipeline;
  const generation = asr.model.generation_config ?? local?.generation ?? {};
  const multilingual = generation.is_multilingual === true;
  if (!multilingual && (options.language !== undefined || options.task !== undefined)) {
    await asr.dispose();
    throw new ConfigError(`speech whisper:${modelId}`, 'this model is English-only; leave out language and task, or use a multilingual Whisper (e.g. Xenova/whisper-tiny).');
  }
  const revision = JSON.stringify({ config: local?.config ?? asr.model.config, generation });

  return {
    location,
    revision,
    multilingual,
    async transcribe(samples, timestamps) {
      let output: { chunks?: AsrChunk[] };
      try {
        output = await asr(samples, {
          return_timestamps: timestamps === 'word' ? 'word' : true,
          ...(options.language !== undefined ? { language: options.language } : {}),
          ...(options.task !== undefined ? { task: options.task } : {}),
        });
      } catch (error) {
        if (timestamps === 'word' && /alignment_heads|cross attentions/.test((error as Error).message ?? '')) {
          throw new ConfigError(`speech whisper:${modelId}`,
            'this export cannot give word timestamps (its generation_config.json has no alignment_heads, or its decoder does not output cross attentions); use segment timestamps.',
            { cause: error });
        }
        throw new ReelmError(`${what} (whisper:${modelId}) failed on a window of ${(samples.length / 16_000).toFixed(1)} s: ${(error as Error).message ?? error}`, { cause: error });
      }
      return (output.chunks ?? []).map((chunk) => ({ start: chunk.timestamp[0] ?? 0, end: chunk.timestamp[1], text: chunk.text }));
    },
    async dispose() {
      await asr.dispose();
    },
  };
}
