/**
 * From sample records to the numbers a run reports: the benchmark's metrics (unparsed answers counted
 * apart and as wrong, see aggregateScores), its official report where it declares one, per-category
 * means, and totals of calls, tokens and dollars.
 */

import { aggregateScores, type Benchmark, type DocScore, type MetricResult, type OfficialReport } from '../benchmark.js';
import type { CategoryScore, RunTotals } from './run-record.js';
import type { SampleRecord } from './sample-record.js';

export function categoryScores(records: readonly SampleRecord[], metricNames: readonly string[]): CategoryScore[] {
  const groups = new Map<string, SampleRecord[]>();
  for (const record of records) {
    const name = record.category ?? 'all';
    groups.set(name, [...(groups.get(name) ?? []), record]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, members]) => {
    const metrics: Record<string, number> = {};
    for (const name of metricNames) {
      const values = members.filter((r) => name in r.score).map((r) => r.score[name] ?? 0);
      if (values.length > 0) metrics[name] = values.reduce((a, b) => a + b, 0) / values.length;
    }
    return { category, count: members.length, metrics };
  });
}

export function runTotals(records: readonly SampleRecord[], samples: number, failed: number): RunTotals {
  const sum = (pick: (r: SampleRecord) => number | null): number => records.reduce((total, r) => total + (pick(r) ?? 0), 0);
  const priced = records.some((r) => r.usage.usd !== null);
  return {
    samples,
    done: records.length,
    failed,
    modelCalls: records.filter((r) => !r.usage.cached).length,
    cachedResponses: records.filter((r) => r.usage.cached).length,
    images: sum((r) => r.usage.images),
    visualTokens: sum((r) => r.usage.visualTokens),
    inputTokens: sum((r) => r.usage.inputTokens),
    outputTokens: sum((r) => r.usage.outputTokens),
    usd: priced ? sum((r) => r.usage.usd) : null,
  };
}

export interface RunScores {
  metrics: MetricResult[];
  official: OfficialReport | null;
  categories: CategoryScore[];
}

/** Scores over the docs that have a record, in doc order (the official aggregate sees the same subset). */
export function scoreRun(benchmark: Benchmark, docs: readonly unknown[], keys: readonly string[], records: ReadonlyMap<string, SampleRecord>): RunScores {
  const scoredDocs: unknown[] = [];
  const scores: DocScore[] = [];
  const ordered: SampleRecord[] = [];
  keys.forEach((key, index) => {
    const record = records.get(key);
    if (!record) return;
    scoredDocs.push(docs[index]);
    scores.push(record.score);
    ordered.push(record);
  });
  return {
    metrics: aggregateScores(benchmark, scores),
    official: benchmark.aggregate && scores.length > 0 ? benchmark.aggregate(scoredDocs, scores) : null,
    categories: categoryScores(ordered, benchmark.metrics.map((m) => m.name)),
  };
}

/** The first metric with a value: what charts and comparisons lead with. */
export function primaryMetric(metrics: readonly MetricResult[]): MetricResult | undefined {
  return metrics.find((metric) => metric.value !== null);
}
