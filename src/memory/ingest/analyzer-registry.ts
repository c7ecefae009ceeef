/**
 * The analyzer registry the ingest pipeline reads: a frozen table of entries keyed by id, each creating
 * its analyzer lazily (models load only when an ingest asks for them). The default registry holds
 * perception's offline analyzers (src/perception/analyzers.ts). It is open: a higher layer (speech-to-text
 * with a configured endpoint, tests with their doubles) builds a larger registry with
 * `createAnalyzerRegistry([...])` at start-up and passes it to the ingest; conflicting ids are rejected
 * rather than silently replaced.
 */

import { ConfigError } from '../../core/errors.js';
import { perceptionAnalyzerEntries, type AnalyzerCreateContext, type AnalyzerEntry } from '../../perception/analyzers.js';

export type { AnalyzerCreateContext, AnalyzerEntry };

export type AnalyzerRegistry = Readonly<Record<string, AnalyzerEntry>>;

/** The offline analyzers of src/perception (OCR, objects and people, scenes, motion, loudness, silence, subtitles). */
export const builtinAnalyzerEntries: readonly AnalyzerEntry[] = perceptionAnalyzerEntries;

/** A frozen registry from entries; an id given twice is a configuration error. */
export function createAnalyzerRegistry(entries: readonly AnalyzerEntry[]): AnalyzerRegistry {
  const table: Record<string, AnalyzerEntry> = {};
  for (const entry of entries) {
    if (Object.hasOwn(table, entry.id)) {
      throw new ConfigError(`analyzer ${entry.id}`, `two analyzers are registered as "${entry.id}"; give one of them another id.`);
    }
    table[entry.id] = Object.freeze({ ...entry });
  }
  return Object.freeze(table);
}

export const defaultAnalyzerRegistry: AnalyzerRegistry = createAnalyzerRegistry(builtinAnalyzerEntries);

/** The entries for `ids` (or the default ones), failing with the list of known ids on an unknown one. */
export function selectAnalyzers(registry: AnalyzerRegistry, ids?: readonly string[]): AnalyzerEntry[] {
  if (ids === undefined) return Object.values(registry).filter((entry) => entry.runsByDefault);
  return ids.map((id) => {
    const entry = registry[id];
    if (!entry) {
      throw new ConfigError(`analyzer ${id}`, `unknown analyzer "${id}"; choose from ${Object.keys(registry).join(', ') || '(none registered)'}.`);
    }
    return entry;
  });
}
