/**
 * Lanes of ingest work (src/memory/ingest/run-lanes.ts): they run at the same time, a failing lane
 * cancels the others and its error — not the cancellations it caused — is what the caller sees, and every
 * lane has ended by then; one after another when not parallel.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbortedError } from '../../../src/core/errors.js';
import { runLanes } from '../../../src/memory/ingest/run-lanes.js';

test('lanes run at the same time', async () => {
  const events: string[] = [];
  const lane = (name: string) => async () => {
    events.push(`${name} start`);
    await sleep(20);
    events.push(`${name} end`);
  };
  await runLanes([lane('a'), lane('b')], { parallel: true, cancel: () => assert.fail('nothing failed') });
  assert.deepEqual(events.slice(0, 2), ['a start', 'b start']);
});

test('not parallel: one after another', async () => {
  const events: string[] = [];
  const lane = (name: string) => async () => {
    events.push(`${name} start`);
    await sleep(5);
    events.push(`${name} end`);
  };
  await runLanes([lane('a'), lane('b')], { parallel: false, cancel: () => undefined });
  assert.deepEqual(events, ['a start', 'a end', 'b start', 'b end']);
});

test('a failing lane cancels the other; its own error is thrown after both have ended', async () => {
  const controller = new AbortController();
  let otherEnded = false;
  const failing = async () => {
    await sleep(5);
    throw new RangeError('the detector failed');
  };
  const other = async () => {
    try {
      await sleep(10_000, undefined, { signal: controller.signal });
    } catch {
      await sleep(5);
      throw new AbortedError('cancelled');
    } finally {
      otherEnded = true;
    }
  };
  const started = performance.now();
  await assert.rejects(runLanes([other, failing], { parallel: true, cancel: (reason) => controller.abort(reason) }), RangeError);
  assert.ok(otherEnded, 'the cancelled lane had ended');
  assert.ok(performance.now() - started < 5000, 'the other lane was cancelled, not waited out');
  assert.ok(controller.signal.reason instanceof RangeError, 'cancelled with the failure as the reason');
});
