/**
 * `reelm eval list`: every registered benchmark and variant, what data it needs, and whether that data
 * is present. What a benchmark needs is what its loader asks for: loading from an empty folder makes
 * each loader name its first missing file and where it is published, so the list never drifts from
 * the loaders. With `--data`, a benchmark is present when it loads from `<data>/<id>` or `<data>`.
 */

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveVariant, type Benchmark } from '../benchmark.js';
import { benchmarks } from '../benchmark-registry.js';

export interface BenchmarkListing {
  id: string;
  description: string;
  variants: Array<{ name: string; description: string }>;
  /** The first file the loader asks for, as its message says. */
  needs: string;
  /** With `--data`: the folder it loads from, or null when it does not load (see `problem`). */
  presentAt?: string | null;
  docs?: number;
  problem?: string;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function tryLoad(benchmark: Benchmark, dataDir: string, signal?: AbortSignal): Promise<{ docs: number } | { problem: string }> {
  try {
    return { docs: (await benchmark.load({ dataDir, limit: 1_000_000, ...(signal ? { signal } : {}) })).length };
  } catch (error) {
    return { problem: messageOf(error) };
  }
}

export async function listBenchmarks(dataDir?: string, signal?: AbortSignal): Promise<BenchmarkListing[]> {
  const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-eval-list-'));
  try {
    const listings: BenchmarkListing[] = [];
    for (const benchmark of Object.values(benchmarks)) {
      const probe = await tryLoad(benchmark, empty, signal);
      const listing: BenchmarkListing = {
        id: benchmark.id,
        description: benchmark.description ?? '',
        variants: Object.entries(benchmark.variants ?? {}).map(([name, parts]) => ({ name, description: parts.description })),
        needs: 'problem' in probe ? probe.problem.replaceAll(empty, '<data>') : 'nothing (loads from an empty folder)',
      };
      if (dataDir) {
        listing.presentAt = null;
        for (const folder of [path.join(dataDir, benchmark.id), dataDir]) {
          const loaded = await tryLoad(resolveVariant(benchmark, undefined), folder, signal);
          if ('docs' in loaded) {
            listing.presentAt = folder;
            listing.docs = loaded.docs;
            delete listing.problem;
            break;
          }
          listing.problem ??= loaded.problem;
        }
      }
      listings.push(listing);
    }
    return listings;
  } finally {
    await fs.rm(empty, { recursive: true, force: true });
  }
}

export function renderListing(listings: readonly BenchmarkListing[]): string {
  const lines: string[] = [];
  for (const listing of listings) {
    const status = listing.presentAt === undefined ? '' : listing.presentAt === null ? '  [missing]' : `  [present: ${listing.docs} docs in ${listing.presentAt}]`;
    lines.push(`${listing.id}${status}`, `  ${listing.description}`);
    for (const variant of listing.variants) lines.push(`  :${variant.name}  ${variant.description}`);
    lines.push(`  needs: ${listing.needs}`);
    if (listing.presentAt === null && listing.problem) lines.push(`  problem: ${listing.problem}`);
  }
  return `${lines.join('\n')}\n`;
}
