/**
 * Model profiles by family, and `resolveProfile`, which turns a configured model (`provider:model` plus
 * the user's overrides) into the profile the planner uses.
 *
 * A profile says what the model can take; the provider says what the connection can carry. Native video
 * therefore survives only on a provider that sends it: vLLM's `video_url` needs the `vllm:` provider
 * (a plain `openai-compatible:` server may not accept it), and Gemini files need `google:`.
 */

import { ConfigError } from '../../core/errors.js';
import type { ModelProfile, NativeVideoKind } from '../profile.js';
import { familyForModel } from './model-patterns.js';
import { applyProfileOverrides } from './profile-overrides.js';
import { profileFamilies } from './registry.js';

export { familyAliases, familyForModel, modelPatterns, normalizeModelName, type ModelPattern } from './model-patterns.js';
export { applyProfileOverrides, parseProfileOverrides, profileOverridesSchema, type ProfileOverrides } from './profile-overrides.js';
export { isProfileFamilyId, profileFamilies, type ProfileFamilyId } from './registry.js';

/** The providers that can send each kind of native video. */
export const nativeVideoProviders = Object.freeze({
  'vllm-video-url': ['vllm'],
  'gemini-file': ['google'],
} as const satisfies Record<NativeVideoKind, readonly string[]>);

function providerSendsVideo(kind: NativeVideoKind, provider: string): boolean {
  return (nativeVideoProviders[kind] as readonly string[]).includes(provider);
}

/**
 * The profile of a configured model: its family's profile, with the overrides applied and native video
 * kept only where the provider can send it. The result is frozen.
 * @example resolveProfile('openai:gpt-4o-2024-08-06').imageTokens(1024, 1024) // 765
 * @example resolveProfile('vllm:qwen2.5-vl-7b', { maxImagesPerRequest: 4, contextTokens: 32768 }, 'file reelm.config.json')
 */
export function resolveProfile(modelId: string, overrides?: Record<string, unknown>, source?: string): ModelProfile {
  const where = source ?? `model ${modelId}`;
  const separator = modelId.indexOf(':');
  if (separator <= 0) {
    throw new ConfigError(where, `"${modelId}" must look like provider:model, e.g. openai:gpt-4o or vllm:qwen2.5-vl-7b.`);
  }
  const provider = modelId.slice(0, separator).toLowerCase();
  const family = profileFamilies[familyForModel(modelId.slice(separator + 1))];
  const profile = applyProfileOverrides(family, overrides, where);
  const nativeVideo =
    profile.nativeVideo && providerSendsVideo(profile.nativeVideo.kind, provider) ? profile.nativeVideo : null;
  return Object.freeze({ ...profile, nativeVideo });
}
