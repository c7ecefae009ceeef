/**
 * Pure scoring for the ingest benchmark: how well an indexed video's signals agree with the truth file
 * of the generated video (ingest-video-script.ts). Scene cuts by precision and recall with a one-to-one
 * match inside a tolerance; on-screen text by the share of truth words that a search finds in their span;
 * people by how much of each real-footage span a person signal covers. No I/O: the benchmark collects the
 * store's answers and hands them in, so the rules here are tested on their own.
 */

import type { TimeSpan } from '../src/core/time.js';

export interface CutScore {
  truthCount: number;
  predictedCount: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Matched pairs, and what was left over, for reading a failure. */
  matches: Array<{ truth: number; predicted: number }>;
  missed: number[];
  spurious: number[];
}

/** Ratio with the convention that nothing expected and nothing found is perfect. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

/**
 * Precision and recall of predicted cut times against true ones: a prediction matches a truth cut within
 * ±tolerance, each used at most once. Both lists are walked in time order and each truth cut takes the
 * earliest unused prediction in its window; with equal windows this greedy pairing is a maximum matching.
 * @example scoreCuts([10, 20], [10.3, 25]) // precision 0.5, recall 0.5
 */
export function scoreCuts(truthCuts: readonly number[], predictedCuts: readonly number[], toleranceSec = 0.5): CutScore {
  const truth = [...truthCuts].sort((a, b) => a - b);
  const predicted = [...predictedCuts].sort((a, b) => a - b);
  const used = new Array<boolean>(predicted.length).fill(false);
  const matches: CutScore['matches'] = [];
  const missed: number[] = [];
  let first = 0;
  // A tiny allowance so a prediction exactly at the tolerance is not lost to floating-point rounding.
  const window = toleranceSec + 1e-9;
  for (const cut of truth) {
    while (first < predicted.length && (used[first] || predicted[first]! < cut - window)) first++;
    let found = -1;
    for (let index = first; index < predicted.length && predicted[index]! <= cut + window; index++) {
      if (!used[index]) {
        found = index;
        break;
      }
    }
    if (found < 0) {
      missed.push(cut);
      continue;
    }
    used[found] = true;
    matches.push({ truth: cut, predicted: predicted[found]! });
  }
  const spurious = predicted.filter((_, index) => !used[index]);
  const precision = ratio(matches.length, predicted.length);
  const recall = ratio(matches.length, truth.length);
  return {
    truthCount: truth.length,
    predictedCount: predicted.length,
    truePositives: matches.length,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    matches,
    missed,
    spurious,
  };
}

/** Lower case, letters and digits only: how a truth word and a recognized token are compared. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether two spans share any time (touching ends count, so a zero-length hit at a span's edge is inside). */
export function spansOverlap(a: TimeSpan, b: TimeSpan): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export interface TextRecall {
  wordCount: number;
  found: number;
  recall: number;
  /** Truth words no search hit covered, with their span, for reading a failure. */
  missing: Array<{ word: string; span: TimeSpan }>;
}

/**
 * On-screen-text recall: a truth word counts as found when a search for it returned a hit overlapping
 * the span where it was shown. `hitsByWord` holds, for each searched word (normalized), the spans of
 * the hits the search returned in that video.
 */
export function scoreTextRecall(textSpans: ReadonlyArray<{ span: TimeSpan; words: readonly string[] }>, hitsByWord: ReadonlyMap<string, readonly TimeSpan[]>): TextRecall {
  let wordCount = 0;
  let found = 0;
  const missing: TextRecall['missing'] = [];
  for (const { span, words } of textSpans) {
    for (const word of words) {
      wordCount++;
      const hits = hitsByWord.get(normalizeWord(word)) ?? [];
      if (hits.some((hit) => spansOverlap(hit, span))) found++;
      else missing.push({ word, span });
    }
  }
  return { wordCount, found, recall: ratio(found, wordCount), missing };
}

/**
 * Hits as a plain scan of text signals would give them: each signal's text split into words. Used to
 * tell a search problem from a recognition problem when text recall is low.
 */
export function wordHitsFromTextSignals(signals: ReadonlyArray<{ span: TimeSpan; value: string | number }>): Map<string, TimeSpan[]> {
  const hits = new Map<string, TimeSpan[]>();
  for (const signal of signals) {
    if (typeof signal.value !== 'string') continue;
    for (const token of signal.value.split(/\s+/)) {
      const word = normalizeWord(token);
      if (!word) continue;
      const list = hits.get(word) ?? [];
      list.push(signal.span);
      hits.set(word, list);
    }
  }
  return hits;
}

/** Total length of the union of spans, clipped to `within`. */
export function coveredSeconds(spans: readonly TimeSpan[], within: TimeSpan): number {
  const clipped = spans
    .map((span) => ({ start: Math.max(span.start, within.start), end: Math.min(span.end, within.end) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let current: { start: number; end: number } | undefined;
  for (const span of clipped) {
    if (current && span.start <= current.end) {
      current.end = Math.max(current.end, span.end);
      continue;
    }
    if (current) total += current.end - current.start;
    current = { ...span };
  }
  if (current) total += current.end - current.start;
  return total;
}

export interface PersonRecall {
  /** Footage spans that show whole people (README facts). */
  spanCount: number;
  /** Of those, spans where any person signal falls. */
  spansWithPerson: number;
  spanRecall: number;
  /** Share of those spans' total time covered by person signals. */
  timeRecall: number;
  /** Seconds of person signals outside every footage span: people found in generated scenes, where there are none. */
  secondsOutsideFootage: number;
}

/**
 * Person recall in the real-footage spans. `personSpans` are the spans of person signals (a `person`
 * object or a people count above zero). Spans of clips without whole people are left out of recall and
 * out of the false-person count alike, since a detector may rightly see a person there.
 */
export function scorePersonRecall(footageSpans: ReadonlyArray<{ span: TimeSpan; people: boolean }>, personSpans: readonly TimeSpan[], durationSec: number): PersonRecall {
  const withPeople = footageSpans.filter((footage) => footage.people);
  const spansWithPerson = withPeople.filter((footage) => personSpans.some((span) => span.end > footage.span.start && span.start < footage.span.end)).length;
  const footageSeconds = withPeople.reduce((sum, footage) => sum + (footage.span.end - footage.span.start), 0);
  const coveredInFootage = withPeople.reduce((sum, footage) => sum + coveredSeconds(personSpans, footage.span), 0);
  const coveredAll = coveredSeconds(personSpans, { start: 0, end: durationSec });
  const coveredInAnyFootage = footageSpans.reduce((sum, footage) => sum + coveredSeconds(personSpans, footage.span), 0);
  return {
    spanCount: withPeople.length,
    spansWithPerson,
    spanRecall: ratio(spansWithPerson, withPeople.length),
    timeRecall: ratio(coveredInFootage, footageSeconds),
    secondsOutsideFootage: Math.max(0, coveredAll - coveredInAnyFootage),
  };
}
