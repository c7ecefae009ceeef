/**
 * The configuration loader: defaults, then a config file, then environment variables, then flags,
 * each later layer overriding the earlier one per field. The merged result is validated with zod, and
 * for every field we remember where its value came from, so `reelm config` can say "frames.size = 512
 * (from env REELM_FRAME_SIZE)" and a bad value is reported with the place to fix it.
 *
 * Several named models can be configured at once (`models.<name>`), with roles pointing at them
 * (`roles.subject`, `roles.judge`, `roles.embedder`, `roles.captioner` for the store's segment captions,
 * `roles.speech` for speech to text); the model layer reads these entries.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { defaultCacheDir } from './paths.js';

export const modelEntrySchema = z
  .object({
    /** `provider:model`, e.g. `openai-compatible:qwen2.5-vl-7b`, `ollama:llava`, `oracle:`. */
    model: z.string().regex(/^[a-z][a-z0-9-]*:/, 'must look like provider:model, e.g. ollama:qwen2.5vl'),
    baseURL: z.string().url().optional(),
    /** Name of the environment variable holding the API key (the key itself never sits in a file). */
    apiKeyEnv: z.string().optional(),
    /** Overrides of the model's profile fields (max images, context tokens, prices…). */
    profile: z.record(z.string(), z.unknown()).optional(),
    /** Provider-specific settings (e.g. `modelPath`, `allowDownload` for transformers; `batchSize` for embedders). */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    cacheDir: z.string(),
    cache: z.boolean(),
    ffmpeg: z.string(),
    ffprobe: z.string(),
    frames: z
      .object({
        size: z.number().int().min(16).max(8192),
        mode: z.enum(['exact', 'keyframe']),
        format: z.enum(['jpeg', 'png', 'webp']),
        quality: z.number().int().min(1).max(100),
      })
      .strict(),
    process: z
      .object({
        /** A media process that prints nothing for this long is considered stalled and killed. */
        stallTimeoutSec: z.number().positive(),
        concurrency: z.number().int().min(1).max(64),
      })
      .strict(),
    models: z.record(z.string(), modelEntrySchema),
    roles: z.record(z.string(), z.string()),
  })
  .strict();

export type ReelmConfig = z.infer<typeof configSchema>;
export type ModelEntry = z.infer<typeof modelEntrySchema>;

/** Where a value came from: `default`, `file <path>`, `env <NAME>` or `flag --name`. */
export type ConfigSource = string;

export interface LoadedConfig {
  config: ReelmConfig;
  /** Dotted field path → where its value came from. */
  sources: ReadonlyMap<string, ConfigSource>;
  /** The config file that was read, if any. */
  file: string | undefined;
}

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): ReelmConfig {
  return {
    cacheDir: defaultCacheDir(env),
    cache: true,
    ffmpeg: 'ffmpeg',
    ffprobe: 'ffprobe',
    frames: { size: 384, mode: 'exact', format: 'jpeg', quality: 85 },
    process: { stallTimeoutSec: 30, concurrency: Math.max(1, Math.min(4, os.availableParallelism())) },
    models: {},
    roles: {},
  };
}

/** Environment variable → dotted field, with how to read the text. */
const environmentFields = {
  REELM_CACHE_DIR: ['cacheDir', 'string'],
  REELM_NO_CACHE: ['cache', 'negated-boolean'],
  REELM_FFMPEG: ['ffmpeg', 'string'],
  REELM_FFPROBE: ['ffprobe', 'string'],
  REELM_FRAME_SIZE: ['frames.size', 'number'],
  REELM_FRAME_MODE: ['frames.mode', 'string'],
  REELM_STALL_TIMEOUT_SEC: ['process.stallTimeoutSec', 'number'],
  REELM_CONCURRENCY: ['process.concurrency', 'number'],
  REELM_MODEL: ['models.default.model', 'string'],
  REELM_BASE_URL: ['models.default.baseURL', 'string'],
} as const satisfies Record<string, readonly [string, 'string' | 'number' | 'negated-boolean']>;

export const configFileNames = ['reelm.config.json', '.reelmrc.json'] as const;

/** Finds the config file: `REELM_CONFIG`, else the nearest `reelm.config.json` upwards, else the user's. */
export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.REELM_CONFIG) return path.resolve(cwd, env.REELM_CONFIG);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of configFileNames) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) break;
  }
  const userDir = env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  const userFile = path.join(userDir, 'reelm', 'config.json');
  return fs.existsSync(userFile) ? userFile : undefined;
}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `layer` into `target`, recording the source of each leaf it sets. */
function mergeLayer(target: Tree, layer: Tree, source: ConfigSource, sources: Map<string, ConfigSource>, prefix = ''): void {
  for (const [key, value] of Object.entries(layer)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (isTree(value) && !Array.isArray(value)) {
      const existing = target[key];
      const child: Tree = isTree(existing) ? existing : {};
      target[key] = child;
      mergeLayer(child, value, source, sources, dotted);
    } else if (value !== undefined) {
      target[key] = value;
      sources.set(dotted, source);
    }
  }
}

function setDotted(tree: Tree, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    if (!isTree(node[part])) node[part] = {};
    node = node[part] as Tree;
  }
  node[parts.at(-1)!] = value;
}

function recordDefaults(tree: Tree, sources: Map<string, ConfigSource>, prefix = ''): void {
  for (const [key, value] of Object.entries(tree)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (isTree(value)) recordDefaults(value, sources, dotted);
    else sources.set(dotted, 'default');
  }
}

function readConfigFile(file: string): Tree {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`file ${file}`, 'cannot be read; check the path in REELM_CONFIG or remove the file.', {
      cause: error,
    });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isTree(parsed)) throw new Error('not an object');
    return parsed;
  } catch (error) {
    throw new ConfigError(`file ${file}`, `is not a JSON object (${(error as Error).message}); fix its syntax.`, {
      cause: error,
    });
  }
}

function environmentLayer(env: NodeJS.ProcessEnv): Array<{ name: string; field: string; value: unknown }> {
  const entries: Array<{ name: string; field: string; value: unknown }> = [];
  for (const [name, [field, type]] of Object.entries(environmentFields)) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    let value: unknown = text;
    if (type === 'number') {
      value = Number(text);
      if (!Number.isFinite(value)) throw new ConfigError(`env ${name}`, `"${text}" is not a number.`);
    } else if (type === 'negated-boolean') {
      value = !['1', 'true', 'yes'].includes(text.toLowerCase());
    }
    entries.push({ name, field, value });
  }
  return entries;
}

export interface LoadConfigOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags: dotted field → { value, flag name }. */
  flags?: Record<string, { value: unknown; flag: string }>;
}

/**
 * Loads, merges and validates the configuration.
 * @example const { config, sources } = loadConfig({ flags: { 'frames.size': { value: 512, flag: '--size' } } });
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const sources = new Map<string, ConfigSource>();
  const merged = structuredClone(defaultConfig(env)) as unknown as Tree;
  recordDefaults(merged, sources);
  // The cache dir default already reflects REELM_CACHE_DIR; record it honestly.
  if (env.REELM_CACHE_DIR) sources.set('cacheDir', 'env REELM_CACHE_DIR');

  const file = findConfigFile(cwd, env);
  if (file) mergeLayer(merged, readConfigFile(file), `file ${file}`, sources);

  for (const { name, field, value } of environmentLayer(env)) {
    const layer: Tree = {};
    setDotted(layer, field, value);
    mergeLayer(merged, layer, `env ${name}`, sources);
  }
  for (const [field, { value, flag }] of Object.entries(options.flags ?? {})) {
    if (value === undefined) continue;
    const layer: Tree = {};
    setDotted(layer, field, value);
    mergeLayer(merged, layer, `flag ${flag}`, sources);
  }

  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const dotted = issue.path.join('.');
    const source = sources.get(dotted) ?? [...sources.entries()].find(([key]) => key.startsWith(`${dotted}.`))?.[1];
    throw new ConfigError(source ?? `config ${dotted || '(root)'}`, `${dotted || 'config'}: ${issue.message}`);
  }
  return { config: result.data, sources, file };
}
