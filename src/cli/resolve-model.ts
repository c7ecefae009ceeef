/**
 * Which language model a task command talks to: `--model` (a configured model's name, or a
 * `provider:model` id), else the model the `subject` role points at, else `models.default` (which
 * `REELM_MODEL` fills). The entry point's registries are filled here — the built-in providers and the
 * `oracle:` reference double from eval/synth — so `--model oracle:reference` works on synthetic videos.
 * With nothing configured, the error explains in a few lines how to point reelm at a model.
 */

import type { ModelEntry, ReelmConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import type { LanguageModel } from '../models/language-model.js';

/** What the user is told when no model is configured: one line per kind of server, then the config file. */
export const noModelHelp = [
  'answering needs a vision-language model. Name one with --model, REELM_MODEL or reelm.config.json:',
  '  vLLM       --model vllm:Qwen/Qwen2.5-VL-7B-Instruct          with REELM_BASE_URL=http://localhost:8000/v1',
  '  Ollama     --model ollama:qwen2.5vl:7b                       (local server on 127.0.0.1:11434, or OLLAMA_HOST)',
  '  LM Studio  --model openai-compatible:<loaded model id>       with REELM_BASE_URL=http://localhost:1234/v1',
  '  OpenAI     --model openai:gpt-4o                             with OPENAI_API_KEY',
  '  Gemini     --model google:gemini-2.0-flash                   with GEMINI_API_KEY',
  '  Anthropic  --model anthropic:claude-sonnet-4-5               with ANTHROPIC_API_KEY',
  '  config     reelm.config.json: { "models": { "default": { "model": "vllm:Qwen/Qwen2.5-VL-7B-Instruct", "baseURL": "http://localhost:8000/v1" } } }',
  'Try it offline first: `reelm demo` answers questions about a clip it renders, with the oracle:reference model.',
].join('\n');

/** `ask` on a video that is not indexed: the setup help, then how indexing lets it answer without a model. */
export const askNoModelHelp = `${noModelHelp}\nOr index the video first (reelm index <video>): then, with no model, ask answers how many / when / whether for detected objects and what text appears.`;

export interface ModelChoice {
  /** `provider:model`. */
  id: string;
  /** The config entry it comes from (base URL, key variable, profile overrides), or none for a bare id. */
  entry: Partial<ModelEntry>;
  /** The entry's name under `models`, for messages that say which field to set. */
  name: string;
  /** Where the choice came from: `flag --model`, `role subject`, `models.default`. */
  source: string;
}

/** Pure: picks the model from the flag and the config; undefined when there is none. */
export function chooseModel(flag: string | undefined, config: ReelmConfig, role = 'subject'): ModelChoice | undefined {
  if (flag) {
    const named = config.models[flag];
    if (named) return { id: named.model, entry: named, name: flag, source: 'flag --model' };
    // A bare id still picks up a configured entry of the same id (its base URL and profile overrides).
    const [name, entry] = Object.entries(config.models).find(([, candidate]) => candidate.model === flag) ?? [];
    return { id: flag, entry: entry ?? {}, name: name ?? 'default', source: 'flag --model' };
  }
  const roleTarget = config.roles[role];
  if (roleTarget) {
    const entry = config.models[roleTarget];
    if (!entry) throw new ConfigError(`config roles.${role}`, `points at "${roleTarget}", which is not under "models"; add models.${roleTarget} or fix the role.`);
    return { id: entry.model, entry, name: roleTarget, source: `role ${role}` };
  }
  const fallback = config.models.default;
  return fallback ? { id: fallback.model, entry: fallback, name: 'default', source: 'models.default' } : undefined;
}

/** Registers the providers the command line offers; safe to call more than once. */
export async function registerCommandLineProviders(): Promise<void> {
  const { registerBuiltinProviders } = await import('../models/providers/builtin.js');
  const { registerOracleProvider } = await import('../eval/synth/oracle/provider.js');
  registerBuiltinProviders();
  registerOracleProvider();
}

/**
 * The language model a task command uses; throws a ConfigError carrying {@link noModelHelp} when none is configured.
 * @example const model = await resolveTaskModel(options.model, context.config, context.signal);
 */
export async function resolveTaskModel(flag: string | undefined, config: ReelmConfig, signal?: AbortSignal): Promise<LanguageModel> {
  const choice = chooseModel(flag, config);
  if (!choice) throw new ConfigError('no model configured', noModelHelp);
  await registerCommandLineProviders();
  const { createLanguageModel } = await import('../models/create-model.js');
  return createLanguageModel(choice.id, choice.entry, { name: choice.name, ...(signal ? { signal } : {}) });
}
