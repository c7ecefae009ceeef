/**
 * The analyzers the command line indexes with: the entry point wires perception's offline analyzers
 * (OCR, objects and people, scenes, motion, loudness, silence, subtitles) into the store's open
 * registry, as DESIGN.md asks of entry points. An id the store ships itself that perception also
 * provides is taken from perception, so the two never conflict.
 */

import { builtinAnalyzerEntries, createAnalyzerRegistry, type AnalyzerRegistry } from '../memory/ingest/analyzer-registry.js';
import { perceptionAnalyzerEntries } from '../perception/analyzers.js';

let registry: AnalyzerRegistry | undefined;

export function commandLineAnalyzerRegistry(): AnalyzerRegistry {
  registry ??= createAnalyzerRegistry([
    ...perceptionAnalyzerEntries,
    ...builtinAnalyzerEntries.filter((entry) => !perceptionAnalyzerEntries.some((candidate) => candidate.id === entry.id)),
  ]);
  return registry;
}
