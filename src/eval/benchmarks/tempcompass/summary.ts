/**
 * TempCompass's report, as `print_result` (`utils/eval_utils.py`) computes it for one task: ratings summed
 * per temporal dimension and per fine-grained type (from `meta_info.json`; "order" has no sub-type), the
 * average over all questions computed before the per-dimension rounding, the match success rate (the
 * share of answers the rules matched), each `round(x, 1)`.
 */

import { ConfigError } from '../../../core/errors.js';
import { tempcompassDimensions, videoKey, type TempcompassMetaInfo } from './records.js';

export const fineGrainedTypes = Object.freeze([
  'fine-grained action', 'coarse-grained action', 'object motion', 'camera motion', 'absolute speed', 'relative speed', 'order',
  'color & light change', 'size & shape change', 'combined change', 'other change',
] as const);

export interface RatedItem {
  video: string;
  dimension: string;
  rating: number;
  matchSuccess: boolean | undefined;
}

export interface TempcompassSummary {
  /** Percent per dimension plus `avg`; null where a dimension has no questions (print_result divides by zero there). */
  dimensions: Record<string, number | null>;
  fineGrained: Record<string, number | null>;
  matchSuccessRate: number;
  questions: number;
}

const percent = (sum: number, count: number): number | null => (count ? (sum * 100) / count : null);

export function summarizeTempcompass(items: readonly RatedItem[], meta: Record<string, TempcompassMetaInfo>): TempcompassSummary {
  const sums = new Map<string, { sum: number; count: number }>();
  const fine = new Map<string, { sum: number; count: number }>();
  const add = (table: Map<string, { sum: number; count: number }>, key: string, rating: number): void => {
    const entry = table.get(key) ?? { sum: 0, count: 0 };
    entry.sum += rating;
    entry.count += 1;
    table.set(key, entry);
  };
  let matched = 0;
  for (const item of items) {
    if (!(tempcompassDimensions as readonly string[]).includes(item.dimension)) throw new ConfigError(`video ${item.video}`, `has dimension "${item.dimension}", not one of ${tempcompassDimensions.join(', ')}.`);
    const type = item.dimension === 'order' ? 'order' : meta[videoKey(item.video)]?.eval_dim[item.dimension]?.type;
    if (type === undefined) throw new ConfigError(`video ${item.video}`, `has no "${item.dimension}" entry in meta_info.json; use the meta_info.json of llyx97/TempCompass.`);
    add(sums, item.dimension, item.rating);
    add(fine, type, item.rating);
    if (item.matchSuccess) matched += 1;
  }
  const total = items.reduce((sum, item) => sum + item.rating, 0);
  const dimensions: Record<string, number | null> = {};
  for (const dimension of tempcompassDimensions) dimensions[dimension] = percent(sums.get(dimension)?.sum ?? 0, sums.get(dimension)?.count ?? 0);
  dimensions.avg = percent(total, items.length);
  const fineGrained: Record<string, number | null> = {};
  for (const type of fineGrainedTypes) fineGrained[type] = percent(fine.get(type)?.sum ?? 0, fine.get(type)?.count ?? 0);
  return { dimensions, fineGrained, matchSuccessRate: items.length ? (matched / items.length) * 100 : 0, questions: items.length };
}
