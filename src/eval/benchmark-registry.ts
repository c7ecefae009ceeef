/**
 * The benchmark registry: a frozen table keyed by id (ids derived from keys, conflicts rejected at
 * start-up). Synthetic sets are registered from the start; the evaluation issue adds public benchmarks.
 */

import { NotFoundError, ReelmError } from '../core/errors.js';
import type { Benchmark } from './benchmark.js';
import { defineSynthBenchmark } from './benchmark-synth.js';
import { nextqaBenchmark } from './benchmarks/nextqa/index.js';
import { ovobenchBenchmark } from './benchmarks/ovobench/index.js';
import { qvhighlightsBenchmark } from './benchmarks/qvhighlights/index.js';
import { tempcompassBenchmark } from './benchmarks/tempcompass/index.js';
import { synthSets } from './synth/sets.js';
import { charadesSta } from './benchmarks/charades-sta/index.js';
import { egoSchema } from './benchmarks/egoschema/index.js';
import { longVideoBench } from './benchmarks/longvideobench/index.js';
import { lvbench } from './benchmarks/lvbench/index.js';
import { mlvu } from './benchmarks/mlvu/index.js';
import { mlvuGeneration } from './benchmarks/mlvu/generation.js';
import { mvbench } from './benchmarks/mvbench/index.js';
import { nextGqa } from './benchmarks/nextgqa/index.js';
import { perceptionTest } from './benchmarks/perception-test/index.js';
import { tvbench } from './benchmarks/tvbench/index.js';
import { videoMme } from './benchmarks/videomme/index.js';

function registry(entries: ReadonlyArray<Benchmark>): Readonly<Record<string, Benchmark>> {
  const table: Record<string, Benchmark> = {};
  for (const benchmark of entries) {
    if (Object.hasOwn(table, benchmark.id)) throw new ReelmError(`Benchmark id "${benchmark.id}" is registered twice.`);
    table[benchmark.id] = benchmark;
  }
  return Object.freeze(table);
}

export const benchmarks = registry([
  ...Object.values(synthSets).map((set) => defineSynthBenchmark(set.id, set.description)),
  ...([tempcompassBenchmark, nextqaBenchmark, qvhighlightsBenchmark, ovobenchBenchmark] as ReadonlyArray<Benchmark>),
  ...([videoMme, mvbench, mlvu, lvbench, charadesSta, nextGqa, longVideoBench, egoSchema, tvbench, perceptionTest] as ReadonlyArray<Benchmark>),
  mlvuGeneration as Benchmark,
]);

export function benchmarkIds(): string[] {
  return Object.keys(benchmarks);
}

export function getBenchmark(id: string): Benchmark {
  const found = benchmarks[id];
  if (!found) throw new NotFoundError(`benchmark ${id}`, `No benchmark "${id}"; known: ${benchmarkIds().join(', ')}.`);
  return found;
}
