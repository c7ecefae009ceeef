/**
 * `reelm models`: the providers reelm can drive (with the environment variables each reads and whether
 * they are set), and the configured models (subject, judge, embedder…) with their resolved profiles and
 * where each setting came from.
 */

import type { CommandDeclaration } from '../command.js';

export const modelsCommand: CommandDeclaration = {
  name: 'models',
  summary: 'List providers, configured models and their resolved profiles.',
  help: `Shows every provider (provider:model ids), the environment variables it reads, and each
configured model with the profile reelm will plan with: images per request, context, the token
cost of a 512-px frame, native video, prices — and where each setting came from.

Configure models in reelm.config.json ("models": {"subject": {"model": "vllm:Qwen/Qwen2.5-VL-7B-Instruct",
"baseURL": "http://localhost:8000/v1", "profile": {"maxImagesPerRequest": 16}}}) or with
REELM_MODEL / REELM_BASE_URL / REELM_API_KEY.

Examples:
  reelm models
  REELM_MODEL=ollama:qwen2.5vl:7b reelm models --json`,
  arguments: [],
  options: [{ flags: '--json', description: 'print providers and models as JSON' }],
  async run(_args, options, context) {
    const { registerBuiltinProviders } = await import('../../models/providers/builtin.js');
    const { registerOracleProvider } = await import('../../eval/synth/oracle/provider.js');
    const { listProviders, splitModelId } = await import('../../models/providers/registry.js');
    const { resolveProfile } = await import('../../models/profiles/index.js');
    const { loadConfig } = await import('../../core/config.js');
    const { globalFlagLayer } = await import('../global-flags.js');
    registerBuiltinProviders();
    registerOracleProvider();
    const { config, sources } = loadConfig({ flags: globalFlagLayer(context.globals) });

    const providers = listProviders().map((provider) => ({
      id: provider.id,
      description: provider.description,
      apiKeyEnv: provider.apiKeyEnv.map((name) => ({ name, set: Boolean(process.env[name]) })),
      baseURLEnv: provider.baseURLEnv ?? null,
      defaultBaseURL: provider.defaultBaseURL ?? null,
      requiresBaseURL: provider.requiresBaseURL,
    }));
    const roles = Object.entries(config.roles);
    const models = Object.entries(config.models).map(([name, entry]) => {
      const profile = resolveProfile(entry.model, entry.profile, `config models.${name}.profile`);
      splitModelId(entry.model);
      return {
        name,
        roles: roles.filter(([, target]) => target === name).map(([role]) => role),
        model: entry.model,
        source: sources.get(`models.${name}.model`) ?? 'default',
        baseURL: entry.baseURL ?? null,
        profile: {
          family: profile.family,
          maxImagesPerRequest: profile.maxImagesPerRequest,
          contextTokens: profile.contextTokens,
          maxOutputTokens: profile.maxOutputTokens,
          tokensFor512pxFrame: profile.imageTokens(512, 288),
          nativeVideo: profile.nativeVideo?.kind ?? null,
          supportsJson: profile.supportsJson,
          supportsLogprobs: profile.supportsLogprobs,
          timestampStyle: profile.timestampStyle,
          prices: profile.prices ?? null,
        },
        overrides: Object.keys(entry.profile ?? {}),
      };
    });
    if (options.json) {
      context.stdout.write(JSON.stringify({ providers, models }, null, 2) + '\n');
      return;
    }
    const lines = ['providers:'];
    for (const provider of providers) {
      const keys = provider.apiKeyEnv.map((key) => `${key.name}${key.set ? ' (set)' : ''}`).join(', ');
      lines.push(`  ${`${provider.id}:`.padEnd(20)} ${provider.description}`);
      const details = [keys && `key ${keys}`, provider.baseURLEnv && `base URL ${provider.baseURLEnv}`, provider.requiresBaseURL && 'needs a base URL'].filter(Boolean);
      if (details.length > 0) lines.push(`  ${''.padEnd(20)} ${details.join('; ')}`);
    }
    lines.push('', models.length > 0 ? 'configured models:' : 'no models configured: set REELM_MODEL (e.g. ollama:qwen2.5vl:7b) or add "models" to reelm.config.json.');
    for (const model of models) {
      const profile = model.profile;
      lines.push(
        `  ${model.name}${model.roles.length > 0 ? ` (${model.roles.join(', ')})` : ''}: ${model.model}  [${model.source}]`,
        `    profile ${profile.family}: ${profile.maxImagesPerRequest} images/request, ${profile.contextTokens} context tokens, ` +
          `${profile.tokensFor512pxFrame} tokens per 512×288 frame, native video ${profile.nativeVideo ?? 'no'}` +
          `${profile.prices ? `, $${profile.prices.inputUsdPerMillion}/M input` : ''}${model.overrides.length > 0 ? `; overridden: ${model.overrides.join(', ')}` : ''}`,
      );
    }
    context.stdout.write(lines.join('\n') + '\n');
  },
};
