/**
 * Stage-config hashes: a short SHA-256 of a stage's settings in a canonical JSON form (keys sorted), so
 * the same settings always give the same hash and any change of a setting gives another one. A stage
 * that consumes another stage's output folds that stage's hash into its own, so a change upstream
 * re-runs exactly what depends on it.
 */

import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

export function hashStageConfig(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(canonical(parts))).digest('hex').slice(0, 16);
}
