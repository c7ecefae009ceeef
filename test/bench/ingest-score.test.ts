import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coveredSeconds, normalizeWord, scoreCuts, scorePersonRecall, scoreTextRecall, wordHitsFromTextSignals } from '../../bench/ingest-score.js';

test('cuts: a prediction within ±0.5 s matches, one to one', () => {
  const score = scoreCuts([10, 20, 30], [10.4, 19.5, 31]);
  assert.equal(score.truePositives, 2);
  assert.deepEqual(score.matches, [{ truth: 10, predicted: 10.4 }, { truth: 20, predicted: 19.5 }]);
  assert.deepEqual(score.missed, [30]);
  assert.deepEqual(score.spurious, [31]);
  assert.equal(score.precision, 2 / 3);
  assert.equal(score.recall, 2 / 3);
});

test('cuts: two predictions near one cut count once; the second is spurious', () => {
  const score = scoreCuts([10], [9.8, 10.1]);
  assert.equal(score.truePositives, 1);
  assert.equal(score.precision, 0.5);
  assert.equal(score.recall, 1);
  assert.equal(score.spurious.length, 1);
});

test('cuts: the pairing is a maximum matching when windows overlap', () => {
  // 10.45 lies in both windows; taking it for 10 leaves 10.9 for 10.6. A nearest-first rule would pair
  // 10.45 with 10.6 and lose the first cut.
  const score = scoreCuts([10, 10.6], [10.45, 10.9]);
  assert.equal(score.truePositives, 2);
  // Unsorted input gives the same answer.
  assert.equal(scoreCuts([10.6, 10], [10.9, 10.45]).truePositives, 2);
});

test('cuts: the tolerance edge is inside; beyond it is not', () => {
  assert.equal(scoreCuts([10], [10.5]).truePositives, 1);
  assert.equal(scoreCuts([10], [9.5]).truePositives, 1);
  assert.equal(scoreCuts([10], [10.51]).truePositives, 0);
  assert.equal(scoreCuts([10], [10.3], 0.2).truePositives, 0);
});

test('cuts: empty lists', () => {
  const none = scoreCuts([], []);
  assert.equal(none.precision, 1);
  assert.equal(none.recall, 1);
  const nothingFound = scoreCuts([5, 6], []);
  assert.equal(nothingFound.recall, 0);
  assert.equal(nothingFound.precision, 1);
  assert.equal(nothingFound.f1, 0);
  const allSpurious = scoreCuts([], [3]);
  assert.equal(allSpurious.precision, 0);
});

test('text recall: a word counts only when a hit overlaps the span it was shown in', () => {
  const truth = [
    { span: { start: 0, end: 20 }, words: ['Harbor', 'lantern'] },
    { span: { start: 40, end: 60 }, words: ['meadow'] },
  ];
  const hits = new Map([
    ['harbor', [{ start: 5, end: 6 }]],
    ['lantern', [{ start: 45, end: 46 }]], // found, but in the wrong scene
    ['meadow', [{ start: 60, end: 60 }]], // a zero-length hit on the span's edge
  ]);
  const recall = scoreTextRecall(truth, hits);
  assert.equal(recall.wordCount, 3);
  assert.equal(recall.found, 2);
  assert.deepEqual(recall.missing, [{ word: 'lantern', span: { start: 0, end: 20 } }]);
});

test('text recall from raw signals: words are split and normalized', () => {
  assert.equal(normalizeWord('Lantern,'), 'lantern');
  const hits = wordHitsFromTextSignals([
    { span: { start: 1, end: 2 }, value: 'HARBOR  lantern!' },
    { span: { start: 3, end: 4 }, value: 0.5 },
    { span: { start: 7, end: 8 }, value: 'harbor' },
  ]);
  assert.deepEqual(hits.get('harbor'), [{ start: 1, end: 2 }, { start: 7, end: 8 }]);
  assert.deepEqual(hits.get('lantern'), [{ start: 1, end: 2 }]);
  assert.equal(hits.size, 2);
});

test('covered seconds: overlapping spans are merged and clipped', () => {
  assert.equal(coveredSeconds([{ start: 0, end: 5 }, { start: 3, end: 8 }, { start: 20, end: 30 }], { start: 2, end: 25 }), 6 + 5);
  assert.equal(coveredSeconds([], { start: 0, end: 10 }), 0);
  assert.equal(coveredSeconds([{ start: 11, end: 12 }], { start: 0, end: 10 }), 0);
});

test('person recall: spans with people, their covered time, and people found where there are none', () => {
  const footage = [
    { span: { start: 0, end: 10 }, people: true },
    { span: { start: 20, end: 30 }, people: true },
    { span: { start: 40, end: 50 }, people: false }, // feet at a pool: neither recall nor a false person
  ];
  const persons = [{ start: 2, end: 7 }, { start: 42, end: 48 }, { start: 60, end: 63 }];
  const recall = scorePersonRecall(footage, persons, 100);
  assert.equal(recall.spanCount, 2);
  assert.equal(recall.spansWithPerson, 1);
  assert.equal(recall.spanRecall, 0.5);
  assert.equal(recall.timeRecall, 5 / 20);
  assert.equal(recall.secondsOutsideFootage, 3);
});
