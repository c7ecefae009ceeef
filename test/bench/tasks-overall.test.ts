/**
 * The pooling of `npm run bench:tasks` and `npm run bench:tasks-ceiling` (bench/tasks-overall.ts):
 * per-video scores into overall numbers, each headline metric as a fraction of a ceiling pooled over
 * the same videos, the must lines, and the synthetic benchmark's ceiling pooled over chosen videos.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithCeiling, fractionOfCeiling, headlineMetrics, matchCeilingVideos, poolSynthCeiling, poolVideoScores } from '../../bench/tasks-overall.js';
import type { VideoScores } from '../../bench/tasks-video.js';

/** A video's scores from counts; everything not named is zero. */
function scores(video: string, counts: { mc?: [number, number]; open?: [number, number]; ground?: Array<[number, number, number]>; dense?: [number, number]; f1?: number; hits?: [number, number] }): VideoScores {
  const ground = counts.ground ?? [];
  return {
    video, duration: 100,
    ask: { mcN: counts.mc?.[1] ?? 0, mcCorrect: counts.mc?.[0] ?? 0, openN: counts.open?.[1] ?? 0, openCorrect: counts.open?.[0] ?? 0, unparsed: 0 },
    ground: { n: ground.length, iouSum: ground.reduce((s, [iou]) => s + iou, 0), r1At05: ground.reduce((s, [, a]) => s + a, 0), r1At07: ground.reduce((s, [, , b]) => s + b, 0), unparsed: 0 },
    dense: { events: counts.dense?.[1] ?? 0, recalled: counts.dense?.[0] ?? 0, objectEvents: counts.dense?.[1] ?? 0, objectRecalled: counts.dense?.[0] ?? 0, textEvents: 0, textRecalled: 0, predicted: 0 },
    chapters: { cuts: 2, predicted: 2, precision: counts.f1 ?? 0, recall: counts.f1 ?? 0, f1: counts.f1 ?? 0 },
    highlights: { queries: counts.hits?.[1] ?? 0, hits: counts.hits?.[0] ?? 0, perQuery: [] },
    plans: [], wallSeconds: 1, cpuSeconds: 2,
  };
}

test('poolVideoScores: items pooled over videos, chapter F1 averaged per video', () => {
  const pooled = poolVideoScores([
    scores('a', { mc: [9, 10], open: [1, 2], ground: [[0.8, 1, 1]], dense: [3, 4], f1: 1, hits: [2, 3] }),
    scores('b', { mc: [4, 10], open: [2, 2], ground: [[0.4, 0, 0], [0.6, 1, 0]], dense: [1, 4], f1: 0.5, hits: [1, 1] }),
  ]);
  assert.equal(pooled.videos, 2);
  assert.equal(pooled.ask.accuracy, 16 / 24);
  assert.equal(pooled.ask.mcAccuracy, 13 / 20);
  assert.equal(pooled.ask.openAccuracy, 3 / 4);
  assert.ok(Math.abs(pooled.ground.mIoU! - 1.8 / 3) < 1e-12);
  assert.equal(pooled.ground.r1At05, 2 / 3);
  assert.equal(pooled.ground.r1At07, 1 / 3);
  assert.equal(pooled.denseCaptionEventRecall.all, 4 / 8);
  assert.equal(pooled.chapterBoundaryF1.meanF1, 0.75);
  assert.equal(pooled.highlightsHitAt1.hitAt1, 3 / 4);
  assert.equal(pooled.cpuSeconds, 4);
  // Nothing to pool: no numbers, not zeros.
  const empty = poolVideoScores([]);
  assert.equal(empty.ask.accuracy, null);
  assert.equal(empty.chapterBoundaryF1.meanF1, null);
});

test('fractionOfCeiling: null without a value, without a ceiling, or against a zero ceiling', () => {
  assert.equal(fractionOfCeiling(0.45, 0.9), 0.5);
  assert.equal(fractionOfCeiling(null, 0.9), null);
  assert.equal(fractionOfCeiling(0.5, null), null);
  assert.equal(fractionOfCeiling(0, 0), null);
});

test('compareWithCeiling: every headline metric, with the must lines met or not', () => {
  const run = poolVideoScores([scores('a', { mc: [9, 10], ground: [[0.6, 1, 0]], dense: [2, 4], f1: 0.5, hits: [1, 2] })]);
  const ceiling = poolVideoScores([scores('a', { mc: [10, 10], ground: [[0.8, 1, 1]], dense: [4, 4], f1: 1, hits: [0, 2] })]);
  const compared = compareWithCeiling(run, ceiling);
  assert.deepEqual(Object.keys(compared), Object.keys(headlineMetrics));
  assert.deepEqual(compared.askAccuracy, { value: 0.9, ceiling: 1, ofCeiling: 0.9, must: { atLeast: 0.9, met: true } });
  assert.equal(compared.groundMIoU.ofCeiling, 0.6 / 0.8);
  assert.deepEqual(compared.groundMIoU.must, { atLeast: 0.85, met: false });
  assert.equal(compared.groundR1At05.ofCeiling, 1);
  assert.equal(compared.groundR1At07.ofCeiling, 0);
  assert.equal(compared.denseEventRecall.ofCeiling, 0.5);
  assert.equal(compared.chapterBoundaryF1.ofCeiling, 0.5);
  assert.equal(compared.highlightsHitAt1.ofCeiling, null, 'a metric against a zero ceiling has no fraction');
  assert.equal(compared.denseEventRecall.must, undefined);
  // No ceiling at all: values kept, fractions and must verdicts unknown.
  const alone = compareWithCeiling(run, null);
  assert.equal(alone.askAccuracy.value, 0.9);
  assert.deepEqual(alone.askAccuracy.must, { atLeast: 0.9, met: null });
});

test('matchCeilingVideos: the ceiling rows of the videos this run scored, in its order; the rest named', () => {
  const run = [scores('b', {}), scores('a', {}), scores('c', {})];
  const ceiling = [scores('a', { f1: 1 }), scores('b', { f1: 0.5 }), scores('d', {})];
  const matched = matchCeilingVideos(run, ceiling);
  assert.deepEqual(matched.run.map((v) => v.video), ['b', 'a']);
  assert.deepEqual(matched.ceiling.map((v) => [v.video, v.chapters.f1]), [['b', 0.5], ['a', 1]]);
  assert.deepEqual(matched.missing, ['c']);
});

test('poolSynthCeiling: multiple choice and open pooled by count over the chosen videos only', () => {
  const rows = [
    { id: 'a', mcAccuracy: 1, mcN: 10, openAccuracy: 0.5, openN: 10, groundingMIoU: 0.9, groundingN: 1 },
    { id: 'b', mcAccuracy: 0.5, mcN: 4, openAccuracy: null, openN: 0, groundingMIoU: 0.6, groundingN: 2 },
    { id: 'c', mcAccuracy: 0, mcN: 10, openAccuracy: 0, openN: 10, groundingMIoU: 0, groundingN: 1 },
  ];
  const pooled = poolSynthCeiling(rows, ['a', 'b', 'x']);
  assert.equal(pooled.accuracy, (10 + 5 + 2) / 24);
  assert.ok(Math.abs(pooled.mIoU! - 2.1 / 3) < 1e-12);
  assert.deepEqual(pooled.videos, ['a', 'b']);
  assert.deepEqual(pooled.missing, ['x']);
  assert.deepEqual(poolSynthCeiling(rows, []), { accuracy: null, mIoU: null, videos: [], missing: [] });
});
