/**
 * The profile the oracle stands behind when its model id names no family (`oracle:reference`): the
 * oracle imitates a self-hosted Qwen2.5-VL — its server already counts an image as one token per
 * 28 × 28 patch — so it takes that family's documented image costs and limits (models/profiles/
 * qwen2-5-vl.ts: smart_resize, 4–16384 tokens an image, 8 images a request, a 32k context), rather than
 * the conservative `default` profile meant for unknown models, whose 8k context and pixel/750 cost make
 * the planner tile the evidence into grids too small for any model to read.
 *
 * It goes by its own family name, `oracle`, and three fields differ from Qwen2.5-VL's. The image cap is 64, not the family's modest guess
 * of 8: Qwen2.5-VL itself takes many images within its 32k context, and the cap is whatever the server
 * is started with (vLLM `--limit-mm-per-prompt '{"image": 64}'`); measured on synth-medium-022 at the
 * 16k-token default budget, `ask` got 7/19 with 8 images (4×4 grids whose tiles shrink objects under
 * 24 px) and 17/19 with 64 frames of 560×315. And the oracle writes plain text: no log-probabilities,
 * no JSON schemas. Fields a configuration overrides keep the override; an id that names a family
 * (`oracle:gpt-4o`), or a `family` override, keeps that family's profile.
 */

import type { ModelProfile } from '../../../models/profile.js';
import { profileFamilies } from '../../../models/profiles/index.js';

export const oracleProfile: ModelProfile = Object.freeze({
  ...profileFamilies['qwen2.5-vl'],
  // Its own name, so plans and cost lines say whose profile it is (not a real Qwen2.5-VL server's).
  family: 'oracle',
  description: 'oracle: Qwen2.5-VL image costs (one token per 28×28 px after smart_resize) and 32k context, 64 images a request; plain-text answers.',
  maxImagesPerRequest: 64,
  nativeVideo: null,
  supportsJson: false,
  supportsLogprobs: false,
});

/**
 * The oracle's profile for its accuracy ceiling (bench/tasks-ceiling.ts): the documented profile above
 * with no practical image cap and a context that holds every frame of a synth-medium video at 2 fps
 * (10 min × 2 fps = 1,200 frames of at most ~1,200 tokens each), so the plan is limited by the
 * strategy's frame choice alone, never by the model. Image costs, answers and family are unchanged.
 */
export const oracleCeilingProfile: ModelProfile = Object.freeze({
  ...oracleProfile,
  description: 'oracle ceiling: the oracle profile with no practical image cap (100,000 a request) and a 64M-token context, so every 2-fps frame fits one request.',
  maxImagesPerRequest: 100_000,
  contextTokens: 64 * 1024 * 1024,
});

/**
 * The profile an oracle model plans with: its resolved profile when that names a family; else the
 * oracle's own, except the fields the configuration overrode (those that differ from `default`).
 * @example oracleModelProfile(resolveProfile('oracle:reference', { maxImagesPerRequest: 4 })).maxImagesPerRequest // 4
 */
export function oracleModelProfile(resolved: ModelProfile): ModelProfile {
  if (resolved.family !== 'default') return resolved;
  const unknown = profileFamilies.default as ModelProfile;
  const merged: Record<string, unknown> = { ...oracleProfile };
  for (const key of Object.keys(resolved) as Array<keyof ModelProfile>) {
    if (key !== 'family' && key !== 'description' && resolved[key] !== unknown[key]) merged[key] = resolved[key];
  }
  return Object.freeze(merged as unknown as ModelProfile);
}
