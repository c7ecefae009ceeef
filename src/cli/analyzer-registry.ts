/**
 * The analyzers the command line indexes with: the entry point wires perception's offline analyzers
 * (OCR, objects and people, scenes, motion, loudness, silence, subtitles) into the store's open
 * registry, as DESIGN.md asks of entry points. An id the store ships itself that perception also
 * provides is taken from perception, so the two never conflict.
 */

import { builtinAnalyzerEntries, createAnalyzerRegistry, type AnalyzerEntry, type AnalyzerRegistry } from '../memory/ingest/analyzer-registry.js';
import { perceptionAnalyzerEntries } from '../perception/analyzers.js';

let registry: AnalyzerRegistry | undefined;

/** The built-in analyzers, plus `extra` entries the user configured (speech-to-text: `--speech`, roles.speech). */
export function commandLineAnalyzerRegistry(extra: readonly AnalyzerEntry[] = []): AnalyzerRegistry {
  registry ??= createAnalyzerRegistry([
    ...perceptionAnalyzerEntries,
    ...builtinAnalyzerEntries.filter((entry) => !perceptionAnalyzerEntries.some((candidate) => candidate.id === entry.id)),
  ]);
  return extra.length === 0 ? registry : createAnalyzerRegistry([...Object.values(registry), ...extra]);
}
