/**
 * Confidence intervals for scores whose samples are not independent: questions about one video share
 * its difficulty, so resampling questions understates the uncertainty. The cluster bootstrap resamples
 * whole videos with replacement and recomputes the statistic; the interval is the percentile range.
 * A seeded generator (mulberry32) keeps intervals reproducible.
 */

import { mulberry32 } from '../../core/seeded-random.js';

export interface ClusteredValue {
  cluster: string;
  value: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  clusters: number;
  samples: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function percentile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * The mean of the values with a 95 % (default) cluster-bootstrap interval.
 * @example clusterBootstrapMean([{ cluster: 'v1', value: 1 }, { cluster: 'v2', value: 0 }]) // { estimate: 0.5, low: 0, high: 1, … }
 */
export function clusterBootstrapMean(values: readonly ClusteredValue[], options: { resamples?: number; level?: number; seed?: number } = {}): Interval | undefined {
  if (values.length === 0) return undefined;
  const groups = new Map<string, number[]>();
  for (const { cluster, value } of values) groups.set(cluster, [...(groups.get(cluster) ?? []), value]);
  const clusters = [...groups.values()];
  const random = mulberry32(options.seed ?? 20_251_125);
  const resamples = options.resamples ?? 2000;
  const estimates: number[] = [];
  for (let r = 0; r < resamples; r += 1) {
    let sum = 0;
    let count = 0;
    for (let c = 0; c < clusters.length; c += 1) {
      const picked = clusters[Math.floor(random() * clusters.length)]!;
      for (const value of picked) sum += value;
      count += picked.length;
    }
    estimates.push(sum / count);
  }
  estimates.sort((a, b) => a - b);
  const tail = (1 - (options.level ?? 0.95)) / 2;
  return { estimate: mean(values.map((v) => v.value)), low: percentile(estimates, tail), high: percentile(estimates, 1 - tail), clusters: clusters.length, samples: values.length };
}
