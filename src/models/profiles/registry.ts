/**
 * The profile registry: one frozen entry per model family, keyed by the family id that the entry's own
 * `family` field repeats. Model ids find their family through `model-patterns.ts`; nothing else in
 * reelm branches on a family's name.
 */

import type { ModelProfile } from '../profile.js';
import { claudeProfile } from './claude.js';
import { defaultProfile } from './default.js';
import { gemini3Profile } from './gemini-3.js';
import { geminiProfile } from './gemini.js';
import { gpt41MiniProfile, gpt41NanoProfile, gpt5MiniProfile, gpt5NanoProfile, o4MiniProfile } from './openai-patches.js';
import { gpt41Profile, gpt4oMiniProfile, gpt4oProfile, gpt5Profile, o1Profile, o3Profile } from './openai-tiles.js';
import { qwen25VlProfile } from './qwen2-5-vl.js';

export const profileFamilies = Object.freeze({
  'gpt-4o': gpt4oProfile,
  'gpt-4o-mini': gpt4oMiniProfile,
  'gpt-4.1': gpt41Profile,
  'gpt-4.1-mini': gpt41MiniProfile,
  'gpt-4.1-nano': gpt41NanoProfile,
  o1: o1Profile,
  o3: o3Profile,
  'o4-mini': o4MiniProfile,
  'gpt-5': gpt5Profile,
  'gpt-5-mini': gpt5MiniProfile,
  'gpt-5-nano': gpt5NanoProfile,
  claude: claudeProfile,
  gemini: geminiProfile,
  'gemini-3': gemini3Profile,
  'qwen2.5-vl': qwen25VlProfile,
  default: defaultProfile,
} as const satisfies Record<string, ModelProfile>);

export type ProfileFamilyId = keyof typeof profileFamilies;

export function isProfileFamilyId(id: string): id is ProfileFamilyId {
  return Object.hasOwn(profileFamilies, id);
}
