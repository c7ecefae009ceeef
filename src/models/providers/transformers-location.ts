/**
 * Where an in-process transformers.js model lives, and loading the library lazily (it pulls in
 * onnxruntime-node, so `reelm --help` must never import it). Shared by the `transformers:` language-model
 * provider and the CLIP/SigLIP embedder.
 *
 * A model is read from a local folder. Downloading from the Hugging Face Hub happens only when the user
 * allows it (`allowDownload: true`); otherwise `env.allowRemoteModels` stays false and a missing folder is
 * a `NotFoundError` naming the folder and saying how to get the model.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, NotFoundError } from '../../core/errors.js';
import { defaultCacheDir } from '../../core/paths.js';

export type TransformersModule = typeof import('@huggingface/transformers');

/** Provider options for transformers.js models, from the config's `options` block. */
export const transformersOptionsSchema = z.object({
  /** The model folder itself (holding config.json and onnx/). */
  modelPath: z.string().min(1).optional(),
  /** A folder of model folders; the model is `<localModelPath>/<model id>`. */
  localModelPath: z.string().min(1).optional(),
  /** Let transformers.js download a Hub model that is not on disk. Default false. */
  allowDownload: z.boolean().optional(),
  /** ONNX weight variant (`fp32`, `fp16`, `q8`, `q4`…); transformers.js picks its default when absent. */
  dtype: z.string().min(1).optional(),
  /** onnxruntime execution provider (`cpu`, `cuda`…); default `cpu`. */
  device: z.string().min(1).optional(),
});

export type TransformersOptions = z.infer<typeof transformersOptionsSchema>;

export interface ModelLocation {
  /** The local folder the model is (or would be) read from. */
  folder: string;
  /** The Hub id when the model id names one (`owner/name`), for download instructions and downloads. */
  hubId: string | null;
  allowDownload: boolean;
}

/** Parses provider options, naming the model in the error. */
export function parseTransformersOptions(options: Record<string, unknown> | undefined, where: string): TransformersOptions {
  const parsed = transformersOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`).join('; ');
    throw new ConfigError(where, `invalid transformers options: ${issues}.`);
  }
  return parsed.data;
}

const hubIdPattern = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

function looksLikePath(modelId: string): boolean {
  return path.isAbsolute(modelId) || /^\.{1,2}[\\/]/.test(modelId) || modelId.startsWith('~/');
}

/**
 * The folder and Hub id of `transformers:<modelId>`: `modelPath` wins, then `<localModelPath>/<modelId>`,
 * then the model id itself when it is a path, else `<reelm cache>/models/<hub id>`.
 * @example resolveModelLocation('/models/tiny-llava', {}) // { folder: '/models/tiny-llava', hubId: null, allowDownload: false }
 */
export function resolveModelLocation(modelId: string, options: TransformersOptions): ModelLocation {
  const hubId = !looksLikePath(modelId) && hubIdPattern.test(modelId) ? modelId : null;
  const allowDownload = options.allowDownload ?? false;
  const expand = (value: string): string => (value.startsWith('~/') ? path.join(process.env.HOME ?? '', value.slice(2)) : value);
  let folder: string;
  if (options.modelPath !== undefined) folder = path.resolve(expand(options.modelPath));
  else if (options.localModelPath !== undefined) folder = path.resolve(expand(options.localModelPath), modelId);
  else if (hubId === null) folder = path.resolve(expand(modelId));
  else folder = path.join(defaultCacheDir(), 'models', hubId);
  return { folder, hubId, allowDownload };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

export interface ModelSource {
  /** What to pass to `from_pretrained`: the local folder, or the Hub id when downloading. */
  source: string;
  remote: boolean;
  /** `from_pretrained` options: local files only, or a download cache laid out so files land in the folder. */
  loadOptions: { local_files_only: boolean; cache_dir?: string };
}

/**
 * What to load from: the folder when it holds the model, the Hub id when downloading is allowed (the
 * files then land in the folder when it ends with the Hub id, so the next load is local); otherwise a
 * NotFoundError that names the folder and says how to get the model.
 */
export async function modelSource(location: ModelLocation, what: string): Promise<ModelSource> {
  if (await isFile(path.join(location.folder, 'config.json'))) {
    return { source: location.folder, remote: false, loadOptions: { local_files_only: true } };
  }
  if (location.allowDownload && location.hubId !== null) {
    const suffix = path.sep + location.hubId.split('/').join(path.sep);
    const cacheDir = location.folder.endsWith(suffix) ? location.folder.slice(0, -suffix.length) : undefined;
    return { source: location.hubId, remote: true, loadOptions: { local_files_only: false, ...(cacheDir ? { cache_dir: cacheDir } : {}) } };
  }
  const hub = location.hubId ?? '<owner>/<model>';
  const download = location.hubId === null
    ? 'downloads happen only for Hub ids (owner/name) and only when the provider option allowDownload is true'
    : 'downloading is off unless the provider option allowDownload is true';
  throw new NotFoundError(
    location.folder,
    `${what}: no model in "${location.folder}" (config.json is missing). Put the ONNX export there, e.g. ` +
      `\`huggingface-cli download ${hub} --local-dir ${location.folder}\`, or point the provider option modelPath ` +
      `(or localModelPath) at the folder that holds it; ${download}.`,
  );
}

let transformersModule: Promise<TransformersModule> | undefined;

/** Imports transformers.js once, on first use. */
export function loadTransformersModule(): Promise<TransformersModule> {
  transformersModule ??= import('@huggingface/transformers');
  return transformersModule;
}

/**
 * The library with its global switches set for one load: local files always allowed, remote files only
 * when this load may download. transformers.js reads them while fetching files, so they are set right
 * before each `from_pretrained` and remote access is switched back off once the load settles.
 */
export async function withTransformersEnv<T>(remote: boolean, load: (library: TransformersModule) => Promise<T>): Promise<T> {
  const library = await loadTransformersModule();
  library.env.allowLocalModels = true;
  library.env.allowRemoteModels = remote;
  try {
    return await load(library);
  } finally {
    library.env.allowRemoteModels = false;
  }
}
