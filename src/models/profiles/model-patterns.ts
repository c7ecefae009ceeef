/**
 * Which family a model belongs to, from its name alone. Names are compared lower-cased and without any
 * organisation prefix, so `Qwen/Qwen2.5-VL-7B-Instruct`, `openai/gpt-4o` (a router) and `models/gemini-2.0-flash`
 * read as `qwen2.5-vl-7b-instruct`, `gpt-4o` and `gemini-2.0-flash`. Aliases are tried first, then the
 * patterns in order; the first match wins, so a more specific pattern (`gpt-4o-mini`) precedes a broader
 * one (`gpt-4o`). A name nothing matches gets the conservative `default` family.
 */

import type { ProfileFamilyId } from './registry.js';

/** Other names for a family: exact model names no pattern recognises, and spellings users write. */
export const familyAliases = Object.freeze({
  'chatgpt-4o-latest': 'gpt-4o',
  qwen2_5_vl: 'qwen2.5-vl',
  'qwen2.5vl': 'qwen2.5-vl',
  'gemini-2': 'gemini',
  'gemini-2.0': 'gemini',
  'gemini-2.5': 'gemini',
} as const satisfies Record<string, ProfileFamilyId>);

export interface ModelPattern {
  readonly pattern: RegExp;
  readonly family: ProfileFamilyId;
}

// A dated snapshot (`-2024-08-06`) or any other suffix after a hyphen still belongs to the model;
// `(?:-|$)` stops `gpt-4.1` from claiming `gpt-4.10`.
export const modelPatterns: readonly ModelPattern[] = Object.freeze([
  { pattern: /^gpt-4o-mini(?:-|$)/, family: 'gpt-4o-mini' },
  { pattern: /^gpt-4o(?:-|$)/, family: 'gpt-4o' },
  { pattern: /^gpt-4\.1-mini(?:-|$)/, family: 'gpt-4.1-mini' },
  { pattern: /^gpt-4\.1-nano(?:-|$)/, family: 'gpt-4.1-nano' },
  { pattern: /^gpt-4\.1(?:-|$)/, family: 'gpt-4.1' },
  // o1-mini and o3-mini take no images, and o1-pro / o3-pro are priced apart: only the plain models.
  { pattern: /^o1(?:-\d{4}-\d{2}-\d{2})?$/, family: 'o1' },
  { pattern: /^o3(?:-\d{4}-\d{2}-\d{2})?$/, family: 'o3' },
  { pattern: /^o4-mini(?:-\d{4}-\d{2}-\d{2})?$/, family: 'o4-mini' },
  { pattern: /^gpt-5-mini(?:-|$)/, family: 'gpt-5-mini' },
  { pattern: /^gpt-5-nano(?:-|$)/, family: 'gpt-5-nano' },
  // Later GPT-5.x models are left to `default`: their image rule is not in the documentation we cite.
  { pattern: /^gpt-5(?:-chat-latest|-\d{4}-\d{2}-\d{2})?$/, family: 'gpt-5' },
  // Bedrock and Vertex prefix the name (`anthropic.claude-…`, `us.anthropic.claude-…`).
  { pattern: /(?:^|\.)claude-/, family: 'claude' },
  { pattern: /^gemini-2\.\d/, family: 'gemini' },
  { pattern: /^gemini-3(?:\.\d+)?-/, family: 'gemini-3' },
  // Hugging Face ids, vLLM served names and Ollama tags: qwen2.5-vl-7b, qwen2.5vl:7b, qwen2_5_vl.
  { pattern: /^qwen2[._]?5[-_]?vl(?:[-_:]|$)/, family: 'qwen2.5-vl' },
]);

/** The name as patterns see it: lower-cased, without an `org/` prefix. */
export function normalizeModelName(model: string): string {
  return (model.trim().toLowerCase().split('/').at(-1) ?? '').trim();
}

/**
 * The family of a model, by alias, then by pattern, else `default`.
 * @example familyForModel('Qwen/Qwen2.5-VL-7B-Instruct') // 'qwen2.5-vl'
 */
export function familyForModel(model: string): ProfileFamilyId {
  const name = normalizeModelName(model);
  if (Object.hasOwn(familyAliases, name)) return familyAliases[name as keyof typeof familyAliases];
  return modelPatterns.find(({ pattern }) => pattern.test(name))?.family ?? 'default';
}
