import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import { clampSpan, formatSpan, formatTime, parseSpan, parseTime, timeLink } from '../../src/core/time.js';

test('formatTime: HH:MM:SS.s by default, rounding once on the whole value', () => {
  assert.equal(formatTime(83.42), '00:01:23.4');
  assert.equal(formatTime(0), '00:00:00.0');
  assert.equal(formatTime(59.96), '00:01:00.0');
  assert.equal(formatTime(3 * 3600 + 5.05, { precision: 2 }), '03:00:05.05');
  assert.equal(formatTime(-1), '00:00:00.0');
});

test('formatTime: MM:SS for providers that want it, minutes past 59', () => {
  assert.equal(formatTime(83.42, { style: 'mmss' }), '01:23');
  assert.equal(formatTime(3725, { style: 'mmss' }), '62:05');
});

test('parseTime accepts clock times and seconds, rejects the rest', () => {
  assert.equal(parseTime('00:01:23.4'), 83.4);
  assert.equal(parseTime('1:23'), 83);
  assert.equal(parseTime('83.4'), 83.4);
  assert.equal(parseTime('83.4s'), 83.4);
  assert.equal(parseTime('01:02:03,5'), 3723.5);
  assert.equal(parseTime('1:75'), undefined);
  assert.equal(parseTime('1:60:00'), undefined);
  assert.equal(parseTime('soon'), undefined);
});

test('formatTime and parseTime round-trip at their precision', () => {
  for (const seconds of [0, 0.1, 59.9, 61.2, 3599.9, 7322.4]) assert.equal(parseTime(formatTime(seconds)), seconds);
});

test('parseSpan reads START-END and open ends, naming the source when wrong', () => {
  assert.deepEqual(parseSpan('00:01:00-00:02:30', 'flag --span'), { start: 60, end: 150 });
  assert.deepEqual(parseSpan('60-', 'flag --span', 100), { start: 60, end: 100 });
  assert.throws(() => parseSpan('90-60', 'flag --span'), (error: unknown) => ConfigError.isInstance(error) && error.source === 'flag --span');
  assert.throws(() => parseSpan('abc', 'flag --span'), /START-END/);
});

test('clampSpan, formatSpan and timeLink', () => {
  assert.deepEqual(clampSpan({ start: -5, end: 20 }, 10), { start: 0, end: 10 });
  assert.equal(clampSpan({ start: 11, end: 20 }, 10), undefined);
  assert.equal(formatSpan({ start: 1, end: 2.5 }), '00:00:01.0-00:00:02.5');
  assert.equal(timeLink('clip.mp4', 83.4321), 'clip.mp4#t=83.4');
});
