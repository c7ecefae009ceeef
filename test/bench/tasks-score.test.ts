/**
 * The pure scorers of `npm run bench:tasks` (bench/tasks-score.ts), on hand-made results and on the
 * ground truth of a real generated scene script (synth-small's first, built in memory).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundaryF1, chapterBoundaries, hitAtOne, namedEvents, pairIoU, recallAtOne, recalledEvents, sceneCutTimes } from '../../bench/tasks-score.js';
import { buildGroundTruth } from '../../src/eval/synth/ground-truth.js';
import { planSynthSet, synthSets } from '../../src/eval/synth/sets.js';

test('pairIoU: overlap over union, 0 when apart', () => {
  assert.equal(pairIoU({ start: 0, end: 10 }, { start: 5, end: 15 }), 5 / 15);
  assert.equal(pairIoU({ start: 0, end: 2 }, { start: 3, end: 4 }), 0);
  assert.equal(pairIoU({ start: 1, end: 3 }, { start: 1, end: 3 }), 1);
});

test('recallAtOne: the first span against its best true span, at each threshold', () => {
  const truth = [{ start: 0, end: 10 }, { start: 20, end: 30 }];
  assert.deepEqual(recallAtOne([{ start: 21, end: 29 }, { start: 0, end: 1 }], truth, [0.5, 0.7]), [1, 1]);
  assert.deepEqual(recallAtOne([{ start: 22, end: 34 }], truth, [0.5, 0.7]), [1, 0]);
  // Only the first span counts: a good second span does not rescue a bad first one.
  assert.deepEqual(recallAtOne([{ start: 40, end: 50 }, { start: 0, end: 10 }], truth, [0.5]), [0]);
  assert.deepEqual(recallAtOne([], truth, [0.5, 0.7]), [0, 0]);
});

test('recalledEvents: needs tIoU ≥ 0.5 and the shape and a colour named (plural forms too)', () => {
  const truth = [
    { id: 'a', span: { start: 0, end: 4 }, kind: 'appearance', distractor: false, mustName: [['circle', 'circles', 'circlees'], ['red']] },
    { id: 'b', span: { start: 10, end: 11 }, kind: 'change', distractor: false, mustName: [['square', 'squares', 'squarees'], ['blue', 'yellow']] },
    { id: 'c', span: { start: 5, end: 9 }, kind: 'text', distractor: false, mustName: [['river']] },
  ];
  const predicted = [
    { start: 0.5, end: 4.5, caption: 'Two red circles appear.' },
    { start: 10.2, end: 11.2, caption: 'The blue square turns yellow.' },
    { start: 5, end: 9, caption: 'A red circle appears.' },
  ];
  assert.deepEqual(recalledEvents(truth, predicted), [true, true, false]);
  // Right words, wrong time; right time, wrong colour.
  assert.deepEqual(recalledEvents(truth, [{ start: 6, end: 9, caption: 'A red circle appears.' }, { start: 0, end: 4, caption: 'A green circle appears.' }]), [false, false, false]);
  assert.deepEqual(recalledEvents(truth, [{ start: 5.5, end: 9, caption: 'The word "river" is shown on screen.' }]), [false, false, true]);
});

test('boundaryF1: one-to-one matches within ±2 s', () => {
  assert.deepEqual(boundaryF1([10, 31], [11, 30, 50], 2), { precision: 1, recall: 2 / 3, f1: 0.8, matched: 2 });
  // Two predictions near one cut: only one matches.
  const near = boundaryF1([29, 31], [30], 2);
  assert.equal(near.matched, 1);
  assert.equal(near.precision, 0.5);
  assert.equal(boundaryF1([12.5], [10], 2).f1, 0);
  assert.equal(boundaryF1([], [], 2).f1, 1);
  assert.equal(boundaryF1([], [10], 2).f1, 0);
});

test('hitAtOne: the top clip is a hit when the query holds for at least half of it', () => {
  const salience = [0, 0.25, 1, 0.5];
  assert.equal(hitAtOne({ start: 4, end: 6 }, salience, 2), 1);
  assert.equal(hitAtOne({ start: 6, end: 8 }, salience, 2), 1);
  assert.equal(hitAtOne({ start: 2, end: 4 }, salience, 2), 0);
  assert.equal(hitAtOne(null, salience, 2), 0);
});

test('namedEvents, sceneCutTimes, chapterBoundaries: read off a generated ground truth', () => {
  const [planned] = planSynthSet(synthSets['synth-small'], { limit: 1, seed: 4242 });
  const truth = buildGroundTruth(planned!.script, { set: 'synth-small', video: 'v.mp4', variant: 'base', questionsPerFamily: 1 });
  const events = namedEvents(truth);
  assert.equal(events.length, truth.events.length);
  for (const [index, event] of events.entries()) {
    const caption = truth.events[index]!.caption.toLowerCase();
    assert.ok(event.mustName.length > 0, `event ${event.id} has nothing to name`);
    // The true caption names its own event.
    for (const any of event.mustName) assert.ok(any.some((word) => caption.split(/[^a-z0-9]+/).includes(word)), `${caption} lacks ${any.join('/')}`);
  }
  assert.deepEqual(sceneCutTimes(truth), truth.scenes.slice(1).map((scene) => scene.span.start));
  assert.deepEqual(chapterBoundaries([{ span: { start: 0, end: 5 } }, { span: { start: 5, end: 9 } }]), [5]);
});
