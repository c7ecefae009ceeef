/**
 * `reelm eval compare`: runs side by side — per metric and category, each run's score with a 95 %
 * cluster-bootstrap interval (clusters are videos), and each later run's difference from the first on
 * the samples both answered (paired per sample, resampled by video).
 */

import path from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { clusterBootstrapMean, type Interval } from './cluster-bootstrap.js';
import { readRunRecord, samplesFile, type RunRecord } from './run-record.js';
import { readSampleLog } from './sample-log.js';
import type { SampleRecord } from './sample-record.js';

export interface LoadedRun {
  dir: string;
  record: RunRecord;
  samples: SampleRecord[];
}

export interface ComparisonRow {
  metric: string;
  category: string;
  /** Per run, in the order given. */
  scores: Array<Interval | undefined>;
  /** Per run after the first: its difference from the first, paired on shared samples. */
  deltas: Array<Interval | undefined>;
}

export interface RunComparison {
  runs: Array<{ dir: string; runId: string; model: string; protocol: string; strategy: string | null; benchmark: string }>;
  rows: ComparisonRow[];
}

export async function loadRun(dir: string): Promise<LoadedRun> {
  const record = await readRunRecord(dir);
  return { dir, record, samples: await readSampleLog(path.join(dir, samplesFile)) };
}

function valuesOf(samples: readonly SampleRecord[], metric: string, category: string): Array<{ key: string; cluster: string; value: number }> {
  return samples.filter((s) => metric in s.score && (category === 'all' || (s.category ?? 'all') === category))
    .map((s) => ({ key: s.key, cluster: s.cluster, value: s.score[metric] ?? 0 }));
}

export function compareRuns(runs: readonly LoadedRun[]): RunComparison {
  if (runs.length < 2) throw new ConfigError('eval compare', 'give at least two run folders to compare.');
  const benchmarks = new Set(runs.map((run) => run.record.benchmark.id));
  if (benchmarks.size > 1) throw new ConfigError('eval compare', `the runs are of different benchmarks (${[...benchmarks].join(', ')}); compare runs of one benchmark.`);
  const metrics = runs[0]!.record.metrics.map((m) => m.name).filter((name) => runs.some((run) => run.samples.some((s) => name in s.score)));
  const categories = ['all', ...new Set(runs.flatMap((run) => run.samples.map((s) => s.category ?? 'all')).filter((c) => c !== 'all'))].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)));
  const rows: ComparisonRow[] = [];
  for (const metric of metrics) {
    for (const category of categories) {
      const perRun = runs.map((run) => valuesOf(run.samples, metric, category));
      if (perRun.every((values) => values.length === 0)) continue;
      const base = new Map(perRun[0]!.map((v) => [v.key, v]));
      rows.push({
        metric,
        category,
        scores: perRun.map((values) => clusterBootstrapMean(values)),
        deltas: perRun.slice(1).map((values) => clusterBootstrapMean(values.flatMap((v) => {
          const first = base.get(v.key);
          return first ? [{ cluster: v.cluster, value: v.value - first.value }] : [];
        }))),
      });
    }
  }
  return {
    runs: runs.map((run) => ({ dir: run.dir, runId: run.record.runId, model: run.record.model.id, protocol: run.record.evidence.protocol, strategy: run.record.evidence.strategy, benchmark: run.record.benchmark.id })),
    rows,
  };
}

function formatInterval(interval: Interval | undefined, signed = false): string {
  if (!interval) return '—';
  const sign = signed && interval.estimate > 0 ? '+' : '';
  return `${sign}${interval.estimate.toFixed(3)} [${interval.low.toFixed(3)}, ${interval.high.toFixed(3)}]`;
}

/** A Markdown table: one column per run, then one Δ column per later run (95 % intervals, clustered by video). */
export function renderComparison(comparison: RunComparison): string {
  const header = ['metric', 'category', ...comparison.runs.map((run, i) => `#${i + 1}`), ...comparison.runs.slice(1).map((_, i) => `Δ #${i + 2}−#1`)];
  const lines = [
    ...comparison.runs.map((run, i) => `#${i + 1}: ${run.runId} (${run.model}, ${run.protocol}${run.strategy ? `, ${run.strategy}` : ''})`),
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...comparison.rows.map((row) => `| ${[row.metric, row.category, ...row.scores.map((s) => formatInterval(s)), ...row.deltas.map((d) => formatInterval(d, true))].join(' | ')} |`),
    '',
    'Intervals: 95 % cluster bootstrap over videos (2000 resamples); deltas paired on the samples both runs answered.',
  ];
  return `${lines.join('\n')}\n`;
}
