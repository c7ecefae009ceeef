/**
 * Which speech-to-text analyzer the user asked for, as the `speech` registry entry: local Whisper
 * through transformers.js (`whisper:<folder or hub id>`) or an OpenAI-compatible transcription
 * endpoint (`http(s)://host/v1`, the model after `#`, default `whisper-1`). Given on the command line
 * (`reelm index --speech …`) or in the config as a model with the `speech` role:
 *
 *   { "models": { "asr": { "model": "whisper:Xenova/whisper-tiny.en", "options": { "allowDownload": true } } },
 *     "roles": { "speech": "asr" } }
 *   { "models": { "asr": { "model": "openai-compatible:whisper-1", "baseURL": "http://127.0.0.1:8080/v1" } },
 *     "roles": { "speech": "asr" } }
 *
 * Nothing heavy is imported here: the entry loads its analyzer (and model) only when an ingest asks.
 */

import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ModelEntry, ReelmConfig } from '../../core/config.js';
import { ConfigError } from '../../core/errors.js';
import { transformersOptionsSchema } from '../../models/providers/transformers-location.js';
import type { AnalyzerEntry } from '../analyzers.js';
import { speechAnalyzerEntry } from './speech-analyzer.js';
import { whisperAnalyzerEntry } from './whisper-analyzer.js';

/** The config role that names the speech model. */
export const speechRole = 'speech';

const whisperOptionsSchema = transformersOptionsSchema
  .extend({
    language: z.string().min(1).optional(),
    task: z.enum(['transcribe', 'translate']).optional(),
    timestamps: z.enum(['segment', 'word']).optional(),
    windowSeconds: z.number().positive().max(30).optional(),
  })
  .strict();

const endpointOptionsSchema = z
  .object({
    language: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().optional(),
  })
  .strict();

function parseOptions<T>(schema: z.ZodType<T>, options: Record<string, unknown> | undefined, where: string): T {
  const parsed = schema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`).join('; ');
  throw new ConfigError(where, `invalid speech options: ${issues}.`);
}

const usage = 'use whisper:<model folder or Hub id> (local Whisper through transformers.js) or http(s)://host/v1[#model] (an OpenAI-compatible /v1/audio/transcriptions endpoint)';

/**
 * The entry for a command-line spec. A Hub id is downloaded only with `allowDownload`.
 * @example speechEntryFromSpec('whisper:./models/whisper-tiny.en') // local Whisper from a folder
 * @example speechEntryFromSpec('http://127.0.0.1:8080/v1#whisper-large-v3') // a whisper.cpp or vLLM server
 */
export function speechEntryFromSpec(spec: string, options: { allowDownload?: boolean; where?: string } = {}): AnalyzerEntry {
  const where = options.where ?? 'flag --speech';
  const trimmed = spec.trim();
  if (trimmed.startsWith('whisper:')) {
    const named = trimmed.slice('whisper:'.length);
    if (named === '') throw new ConfigError(where, `"${spec}" names no model; ${usage}.`);
    // A folder that exists is a folder, even when it reads like a Hub id (`models/whisper-tiny.en`).
    const model = fs.statSync(named, { throwIfNoEntry: false })?.isDirectory() ? path.resolve(named) : named;
    return whisperAnalyzerEntry({ model, ...(options.allowDownload ? { allowDownload: true } : {}) });
  }
  if (/^https?:\/\//.test(trimmed)) {
    const [baseUrl, model] = trimmed.split('#', 2) as [string, string | undefined];
    return speechAnalyzerEntry({ baseUrl, model: model || 'whisper-1' });
  }
  throw new ConfigError(where, `"${spec}" is not a speech model; ${usage}.`);
}

/** The entry for a configured model (`models.<name>` with model `whisper:…` or `openai-compatible:…` + baseURL). */
export function speechEntryFromModel(entry: ModelEntry, where: string, env: NodeJS.ProcessEnv = process.env): AnalyzerEntry {
  const separator = entry.model.indexOf(':');
  const provider = entry.model.slice(0, separator);
  const model = entry.model.slice(separator + 1);
  if (provider === 'whisper') {
    if (model === '') throw new ConfigError(where, `"${entry.model}" names no model; ${usage}.`);
    return whisperAnalyzerEntry({ model, ...parseOptions(whisperOptionsSchema, entry.options, where) });
  }
  if (provider === 'openai-compatible' || provider === 'vllm' || provider === 'openai') {
    const baseUrl = entry.baseURL ?? (provider === 'openai' ? 'https://api.openai.com/v1' : undefined);
    if (!baseUrl) throw new ConfigError(where, `a transcription endpoint needs baseURL (e.g. http://127.0.0.1:8080/v1).`);
    const apiKey = entry.apiKeyEnv ? env[entry.apiKeyEnv] : undefined;
    if (entry.apiKeyEnv && !apiKey) throw new ConfigError(where, `the environment variable ${entry.apiKeyEnv} (apiKeyEnv) is not set.`);
    return speechAnalyzerEntry({ baseUrl, model: model || 'whisper-1', ...(apiKey ? { apiKey } : {}), ...parseOptions(endpointOptionsSchema, entry.options, where) });
  }
  throw new ConfigError(where, `"${entry.model}" cannot transcribe speech; ${usage}.`);
}

/** The speech entry the config asks for (`roles.speech`), or undefined when none is configured. */
export function configuredSpeechEntry(config: ReelmConfig, env: NodeJS.ProcessEnv = process.env): AnalyzerEntry | undefined {
  const name = config.roles[speechRole];
  if (name === undefined) return undefined;
  const entry = config.models[name];
  if (!entry) throw new ConfigError(`config roles.${speechRole}`, `points at "${name}", which is not under "models"; add models.${name} or fix the role.`);
  return speechEntryFromModel(entry, `config models.${name}`, env);
}
