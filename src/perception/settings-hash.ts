/**
 * The `configHash` of an analyzer: SHA-256 over its id, a version and every setting that changes what
 * it outputs, serialised with sorted keys so the same settings always give the same hash whatever order
 * an object literal lists them in. The store keys stored signals by it: change a threshold and only that
 * analyzer re-runs.
 */

import { createHash } from 'node:crypto';

type Setting = string | number | boolean | null | readonly Setting[] | { readonly [key: string]: Setting };

function canonical(value: Setting): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item as Setting)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as { readonly [key: string]: Setting };
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonical(record[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * @example hashAnalyzerSettings('objects', 1, { minScore: 0.26, fit: 'letterbox' }) // → '3f1c…' (64 hex digits)
 */
export function hashAnalyzerSettings(id: string, version: number, settings: { readonly [key: string]: Setting }): string {
  return createHash('sha256').update(canonical({ id, version, settings })).digest('hex');
}
