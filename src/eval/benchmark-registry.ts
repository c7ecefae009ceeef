/**
 * The benchmark registry: a frozen table keyed by id (ids derived from keys, conflicts rejected at
 * start-up). Synthetic sets are registered from the start; the evaluation issue adds public benchmarks.
 */

import { NotFoundError, ReelmError } from '../core/errors.js';
import type { Benchmark } from './benchmark.js';
import { defineSynthBenchmark } from './benchmark-synth.js';
import { synthSets } from './synth/sets.js';

function registry(entries: ReadonlyArray<Benchmark>): Readonly<Record<string, Benchmark>> {
  const table: Record<string, Benchmark> = {};
  for (const benchmark of entries) {
    if (Object.hasOwn(table, benchmark.id)) throw new ReelmError(`Benchmark id "${benchmark.id}" is registered twice.`);
    table[benchmark.id] = benchmark;
  }
  return Object.freeze(table);
}

export const benchmarks = registry(Object.values(synthSets).map((set) => defineSynthBenchmark(set.id, set.description)));

export function benchmarkIds(): string[] {
  return Object.keys(benchmarks);
}

export function getBenchmark(id: string): Benchmark {
  const found = benchmarks[id];
  if (!found) throw new NotFoundError(`benchmark ${id}`, `No benchmark "${id}"; known: ${benchmarkIds().join(', ')}.`);
  return found;
}
