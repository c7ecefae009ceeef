/**
 * Pure scoring for `npm run bench:tasks` (bench/tasks.bench.ts): each task's result against a synthetic
 * video's ground truth.
 *
 * - ground: mIoU is `spanIoU` (the synthetic benchmark's own: union of predicted spans against union of
 *   true spans); R@1 at IoU θ takes the first predicted span and its best IoU with any one true span.
 * - dense captions: an event is recalled when a predicted event overlaps it at temporal IoU ≥ 0.5 and its
 *   caption names it — the shape (singular or plural) and one of its colours for an object event, the
 *   word or number for a text event.
 * - chapters: boundary F1 — a predicted chapter start (after the first) matches a scene cut within ±2 s,
 *   each cut matched at most once (closest pairs first).
 * - highlights: HIT@1 — the top clip is a hit when the query holds for at least half of it in the ground
 *   truth (salience ≥ 0.5); no top clip is a miss.
 */

import type { TimeSpan } from '../src/core/time.js';
import { spanIoU } from '../src/eval/benchmark-synth.js';
import type { GroundTruth } from '../src/eval/synth/ground-truth.js';
import { coloursOf } from '../src/eval/synth/scene-script.js';
import { subjectsOf } from '../src/eval/synth/script-facts.js';

export { spanIoU };

/** IoU of two single spans. */
export function pairIoU(a: TimeSpan, b: TimeSpan): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = a.end - a.start + b.end - b.start - intersection;
  return union > 0 ? intersection / union : 0;
}

/** R@1 at each threshold: 1 when the first predicted span reaches IoU ≥ θ with some true span. */
export function recallAtOne(predicted: readonly TimeSpan[], truth: readonly TimeSpan[], thresholds: readonly number[]): number[] {
  const first = predicted[0];
  const best = first ? Math.max(0, ...truth.map((span) => pairIoU(first, span))) : 0;
  return thresholds.map((threshold) => (best >= threshold - 1e-9 ? 1 : 0));
}

/** A true event with the words a caption must hold to name it (every inner list: one of its words). */
export interface NamedEvent {
  id: string;
  span: TimeSpan;
  kind: string;
  distractor: boolean;
  mustName: string[][];
}

function shapeForms(shape: string): string[] {
  return [shape, `${shape}s`, `${shape}es`];
}

/** The ground truth's events with what names each: shape and colours from the script, or the text shown. */
export function namedEvents(truth: Pick<GroundTruth, 'events' | 'script'>): NamedEvent[] {
  const subjects = new Map(subjectsOf(truth.script).map((subject) => [subject.id, subject]));
  const texts = new Map(truth.script.texts.map((text) => [text.id, text.text]));
  return truth.events.map((event) => {
    const owner = event.id.replace(/-(appears|change-\d+|shown)$/, '');
    const subject = subjects.get(owner);
    const mustName = event.kind === 'text'
      ? [[String(texts.get(owner) ?? '').toLowerCase()]]
      : subject ? [shapeForms(subject.first.shape), coloursOf(subject.first)] : [];
    return { id: event.id, span: event.span, kind: event.kind, distractor: event.distractor, mustName };
  });
}

function names(caption: string, mustName: readonly string[][]): boolean {
  const words = new Set(caption.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== ''));
  return mustName.every((any) => any.some((word) => words.has(word)));
}

export interface PredictedEvent extends TimeSpan {
  caption: string;
}

/** Which true events a dense caption recalls (tIoU ≥ 0.5 and named). */
export function recalledEvents(truth: readonly NamedEvent[], predicted: readonly PredictedEvent[], minimumIoU = 0.5): boolean[] {
  return truth.map((event) => predicted.some((p) => pairIoU(p, event.span) >= minimumIoU - 1e-9 && names(p.caption, event.mustName)));
}

/** Precision, recall and F1 of predicted boundaries against true ones within ±tolerance seconds, one-to-one. */
export function boundaryF1(predicted: readonly number[], truth: readonly number[], tolerance = 2): { precision: number; recall: number; f1: number; matched: number } {
  const pairs: Array<{ p: number; t: number; distance: number }> = [];
  predicted.forEach((p, pi) => truth.forEach((t, ti) => {
    const distance = Math.abs(p - t);
    if (distance <= tolerance + 1e-9) pairs.push({ p: pi, t: ti, distance });
  }));
  pairs.sort((a, b) => a.distance - b.distance);
  const usedP = new Set<number>();
  const usedT = new Set<number>();
  for (const { p, t } of pairs) {
    if (usedP.has(p) || usedT.has(t)) continue;
    usedP.add(p);
    usedT.add(t);
  }
  const matched = usedP.size;
  // No boundaries on either side is a perfect agreement; one side empty, the other not, scores 0.
  const precision = predicted.length === 0 ? (truth.length === 0 ? 1 : 0) : matched / predicted.length;
  const recall = truth.length === 0 ? (predicted.length === 0 ? 1 : 0) : matched / truth.length;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, matched };
}

/** Chapter starts after the first: the boundaries a chapter list claims. */
export function chapterBoundaries(chapters: ReadonlyArray<{ span: TimeSpan }>): number[] {
  return chapters.slice(1).map((chapter) => chapter.span.start);
}

/** Scene cuts of the ground truth: every scene start after 0. */
export function sceneCutTimes(truth: Pick<GroundTruth, 'scenes'>): number[] {
  return truth.scenes.slice(1).map((scene) => scene.span.start);
}

/** HIT@1: the true salience of the clip holding the top clip's start is at least `threshold`. */
export function hitAtOne(topClip: TimeSpan | null, salience: readonly number[], clipSeconds: number, threshold = 0.5): number {
  if (!topClip) return 0;
  const index = Math.floor((topClip.start + 1e-6) / clipSeconds);
  return (salience[index] ?? 0) >= threshold ? 1 : 0;
}
