/**
 * The keyframe stage's feed to the frame analyzers (src/memory/ingest/stages/keyframe-feed.ts): a wait
 * for a unit ends when that unit is announced, in any order of waiting and announcing; a failed stage
 * fails every wait, present and future, with its own error; nobody waiting is not an unhandled rejection.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyframeFeed } from '../../../../src/memory/ingest/stages/keyframe-feed.js';

test('waits end when their unit is announced, whichever comes first', async () => {
  const feed = new KeyframeFeed();
  const seen: number[] = [];
  const waiting = [0, 1, 2].map((index) => feed.ready(index).then(() => seen.push(index)));
  feed.announceCount(3);
  feed.announceUnit(1);
  await feed.ready(1);
  assert.deepEqual(seen, [1]);
  feed.announceUnit(0);
  feed.announceUnit(2);
  await Promise.all(waiting);
  assert.deepEqual(seen.sort(), [0, 1, 2]);
  assert.equal(await feed.unitCount(), 3);
  feed.announceUnit(7);
  await feed.ready(7); // announced before anyone asked
});

test('a failed stage fails the count and every wait with its error', async () => {
  const feed = new KeyframeFeed();
  feed.announceCount(2);
  feed.announceUnit(0);
  const before = feed.ready(1);
  const failure = new RangeError('decode failed');
  feed.fail(failure);
  await assert.rejects(before, (error) => error === failure);
  await assert.rejects(feed.ready(5), (error) => error === failure);
  await feed.ready(0); // a unit stored before the failure stays usable
  const unannounced = new KeyframeFeed();
  unannounced.fail(failure);
  await assert.rejects(unannounced.unitCount(), (error) => error === failure);
});
