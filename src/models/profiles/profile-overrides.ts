/**
 * Profile overrides: the fields a user may set per model (`models.<name>.profile` in the config file),
 * for a server configured differently from the family's defaults — a vLLM server started with
 * `--max-model-len 32768 --limit-mm-per-prompt '{"image":4}'` is `{ "contextTokens": 32768,
 * "maxImagesPerRequest": 4 }`. Image-cost rules are not overridable field by field; `family` swaps the
 * whole rule for another family's (a fine-tune served under its own name).
 */

import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import type { ModelProfile } from '../profile.js';
import { familyAliases } from './model-patterns.js';
import { isProfileFamilyId, profileFamilies } from './registry.js';

const positiveCount = z.number().int().min(1);

export const profileOverridesSchema = z
  .object({
    family: z.string().min(1),
    maxImagesPerRequest: positiveCount,
    contextTokens: positiveCount,
    maxOutputTokens: positiveCount,
    supportsTools: z.boolean(),
    supportsJson: z.boolean(),
    supportsLogprobs: z.boolean(),
    timestampStyle: z.enum(['hms', 'mmss']),
    /** `false` turns native video input off, for a server started without it. */
    nativeVideo: z.literal(false),
    prices: z
      .object({
        inputUsdPerMillion: z.number().min(0),
        outputUsdPerMillion: z.number().min(0),
        source: z.string().min(1),
      })
      .strict(),
  })
  .partial()
  .strict();

export type ProfileOverrides = z.infer<typeof profileOverridesSchema>;

/** Validates overrides, naming the source and the field of the first problem. */
export function parseProfileOverrides(raw: unknown, source: string): ProfileOverrides {
  const parsed = profileOverridesSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(profileOverridesSchema.shape).join(', ');
    throw new ConfigError(source, `unknown profile field "${issue.keys.join('", "')}"; known fields: ${known}.`);
  }
  const field = issue.path.join('.') || '(profile)';
  throw new ConfigError(source, `profile field "${field}": ${issue.message}.`);
}

function familyProfile(name: string, source: string): ModelProfile {
  const id = Object.hasOwn(familyAliases, name) ? familyAliases[name as keyof typeof familyAliases] : name;
  if (!isProfileFamilyId(id)) {
    throw new ConfigError(
      source,
      `profile field "family": unknown family "${name}"; choose one of ${Object.keys(profileFamilies).join(', ')}.`,
    );
  }
  return profileFamilies[id];
}

/**
 * A new profile with the overrides applied (the family swap first, then the single fields).
 * @example applyProfileOverrides(qwen25VlProfile, { maxImagesPerRequest: 4, contextTokens: 32768 }, 'file reelm.config.json')
 */
export function applyProfileOverrides(profile: ModelProfile, raw: unknown, source: string): ModelProfile {
  const { family, nativeVideo, prices, ...fields } = parseProfileOverrides(raw, source);
  const base = family === undefined ? profile : familyProfile(family, source);
  const contextTokens = fields.contextTokens ?? base.contextTokens;
  if (fields.maxOutputTokens !== undefined && fields.maxOutputTokens > contextTokens) {
    throw new ConfigError(
      source,
      `profile field "maxOutputTokens": ${fields.maxOutputTokens} exceeds contextTokens ${contextTokens}; lower one or raise the other.`,
    );
  }
  return {
    ...base,
    ...fields,
    // A smaller context set alone (a server's --max-model-len) also bounds what the model can write.
    maxOutputTokens: Math.min(fields.maxOutputTokens ?? base.maxOutputTokens, contextTokens),
    ...(nativeVideo === false ? { nativeVideo: null } : {}),
    ...(prices === undefined ? {} : { prices }),
  };
}
