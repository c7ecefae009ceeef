/**
 * Reading time spans back from model answers: realistic free-text answers, JSON and fenced JSON, the
 * structured-output path, the clamp/swap/drop/merge rules with their warnings, and the answers that
 * must come back `unparsed` rather than as a guess (years, counts, percentages, versions, durations).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finishSpans, parseTimeSpans, parseTimeSpansFromJson, timeSpansSchema, type ParsedTimeSpans } from '../../src/plan/parse-time-spans.js';

type Span = [start: number, end: number];

function spansOf(result: ParsedTimeSpans): Span[] {
  assert.equal(result.kind, 'spans', result.kind === 'unparsed' ? `unparsed: ${result.reason}` : '');
  return result.kind === 'spans' ? result.spans.map((span): Span => [span.start, span.end]) : [];
}

function warningsOf(result: ParsedTimeSpans): string[] {
  return result.kind === 'spans' ? result.warnings : [];
}

// A long video, so nothing in these answers is clamped.
const hour = 7200;

const freeTextAnswers: Array<[answer: string, expected: Span[]]> = [
  ['The event occurs from 00:12 to 00:15.', [[12, 15]]],
  ['12.5s - 15s', [[12.5, 15]]],
  ['between 1:02:03 and 1:02:10', [[3723, 3730]]],
  ['It happens at 30 seconds and again 45–50 s', [[30, 30], [45, 50]]],
  ['from 0:12 to 0:15', [[12, 15]]],
  ['The dog jumps between 12 and 15 seconds.', [[12, 15]]],
  ['It lasts from 12 to 15 s, roughly.', [[12, 15]]],
  ['[00:12.5, 00:15]', [[12.5, 15]]],
  ['[00:12,00:15]', [[12, 15]]],
  ['(12, 15)', [[12, 15]]],
  ['{start: 12, end: 15}', [[12, 15]]],
  ["{'start': '0:12', 'end': '0:15'}", [[12, 15]]],
  ['Start time: 00:12\nEnd time: 00:15', [[12, 15]]],
  ['00:00:12,500 --> 00:00:15,000', [[12.5, 15]]],
  ['The man enters at 00:01:02.500 and leaves at 00:01:05.250.', [[62.5, 62.5], [65.25, 65.25]]],
  ['Spans: 00:12-00:15, 00:30-00:31', [[12, 15], [30, 31]]],
  ['12s-15s, 30s-31s', [[12, 15], [30, 31]]],
  ['The goal is scored at 75:30.', [[4530, 4530]]],
  ['It starts at 1 min 30 s and ends at 1 minute and 45 seconds.', [[90, 90], [105, 105]]],
  ['1m30s to 1m45s', [[90, 105]]],
  ['1h2m3s', [[3723, 3723]]],
  ['about 1-2 minutes in', [[60, 120]]],
  ['at the 12-second mark', [[12, 12]]],
  ['00:12 - 15', [[12, 15]]],
  ['approximately 0:12–0:15', [[12, 15]]],
  ['It happens at 0:12 — 0:15 in the video.', [[12, 15]]],
  ['The answer is 12-15.', [[12, 15]]],
  ['12-15', [[12, 15]]],
  ['12.5', [[12.5, 12.5]]],
  ['Answer: 75.5', [[75.5, 75.5]]],
  ['Timestamps: 12, 30', [[12, 12], [30, 30]]],
  ['The clip is 60 seconds long; the event is at 12-15 s.', [[12, 15]]],
  ['00:12-00:15 (3 s)', [[12, 15]]],
  ['Three people appear, at 00:05, 00:20 and 00:41.', [[5, 5], [20, 20], [41, 41]]],
  ['In 2019 footage, 3 people wave at 00:07.', [[7, 7]]],
  ['GPT-4 thinks it is at 00:12.', [[12, 12]]],
];

test('parseTimeSpans reads realistic free-text answers', () => {
  for (const [answer, expected] of freeTextAnswers) {
    assert.deepEqual(spansOf(parseTimeSpans(answer, hour)), expected, answer);
  }
});

const jsonAnswers: Array<[answer: string, expected: Span[]]> = [
  ['[[12, 15], [30, 31]]', [[12, 15], [30, 31]]],
  ['```json\n{"spans":[{"start":"0:12","end":"0:15"}]}\n```', [[12, 15]]],
  ['{"start": 12, "end": 15}', [[12, 15]]],
  ['[12.5, 15]', [[12.5, 15]]],
  ['[{"start": 30, "end": 31}, {"start": "00:00:12.0", "end": "15s"}]', [[12, 15], [30, 31]]],
  ['Here you go:\n```\n{"spans": [{"start": "12.5 seconds", "end": "1 min 30 s"}]}\n```\nHope it helps.', [[12.5, 90]]],
  ['The answer is [12.5, 15.0] seconds.', [[12.5, 15]]],
];

test('parseTimeSpans reads JSON answers, bare or fenced, before prose', () => {
  for (const [answer, expected] of jsonAnswers) {
    assert.deepEqual(spansOf(parseTimeSpans(answer, hour)), expected, answer);
  }
});

test('an explicit empty list is an answer with no spans, not a failure', () => {
  assert.deepEqual(parseTimeSpans('{"spans": []}', 60), { kind: 'spans', spans: [], warnings: [] });
  assert.deepEqual(parseTimeSpansFromJson({ spans: [] }, 60), { kind: 'spans', spans: [], warnings: [] });
});

const notTimes = [
  'It does not happen.',
  'In 2019, 3 people walk into the room.',
  'between 2018 and 2019',
  '2019-05-01',
  '3 to 5 people',
  'Between 12 and 15 years old',
  'frames 120-150',
  'pages 3-5',
  'The score was 3-1 to the home side.',
  'About 50% of the video, maybe 75 percent.',
  'Built with version 1.2.3 and v2, encoded with x264 in 4K.',
  'The meeting is at 12:30 pm.',
  'SMPTE 01:02:03:04',
  'A 16:9 picture.',
  '$5 for 3rd place',
  'It takes 12 seconds.',
  'The dog runs for 3 seconds.',
  'Five seconds later the dog jumps.',
  '{"answer": "The dog", "confidence": 0.9}',
];

test('answers without a time come back unparsed, with a reason, never a guess', () => {
  for (const answer of notTimes) {
    const result = parseTimeSpans(answer, 60);
    assert.equal(result.kind, 'unparsed', `${answer} → ${JSON.stringify(result)}`);
    assert.ok(result.kind === 'unparsed' && result.reason.startsWith('no time found'), answer);
  }
  const durations = parseTimeSpans('The dog runs for 3 seconds.', 60);
  assert.ok(durations.kind === 'unparsed' && /durations/.test(durations.reason));
});

test('a four-digit number is seconds when the video is that long, a year otherwise', () => {
  assert.equal(parseTimeSpans('between 2018 and 2019', 60).kind, 'unparsed');
  assert.deepEqual(spansOf(parseTimeSpans('between 2018 and 2019', 3 * 3600)), [[2018, 2019]]);
  assert.equal(parseTimeSpans('between 2018 and 2019', Number.POSITIVE_INFINITY).kind, 'unparsed');
});

test('spans past the end are clamped with a warning', () => {
  const result = parseTimeSpans('00:50 - 01:10', 60);
  assert.deepEqual(spansOf(result), [[50, 60]]);
  assert.deepEqual(warningsOf(result), [
    'clamped 00:00:50.000-00:01:10.000 to 00:00:50.000-00:01:00.000: outside the video (00:00:00.000-00:01:00.000)',
  ]);
  const negative = parseTimeSpansFromJson({ start: -2, end: 5 }, 60);
  assert.deepEqual(spansOf(negative), [[0, 5]]);
  assert.match(warningsOf(negative)[0]!, /^clamped -00:00:02.000-00:00:05.000 to 00:00:00.000-00:00:05.000/);
});

test('reversed ends are swapped with a warning', () => {
  const result = parseTimeSpans('from 15 to 12 seconds', 60);
  assert.deepEqual(spansOf(result), [[12, 15]]);
  assert.deepEqual(warningsOf(result), ['reversed span 00:00:15.000-00:00:12.000 read as 00:00:12.000-00:00:15.000']);
});

test('spans wholly outside the video are dropped with a warning', () => {
  const result = parseTimeSpans('It happens at 00:30 and again from 01:30 to 01:40.', 60);
  assert.deepEqual(spansOf(result), [[30, 30]]);
  assert.deepEqual(warningsOf(result), ['dropped 00:01:30.000-00:01:40.000: outside the video (00:00:00.000-00:01:00.000)']);
  const allOutside = parseTimeSpans('between 1:02:03 and 1:02:10', 60);
  assert.deepEqual(spansOf(allOutside), []);
  assert.equal(warningsOf(allOutside).length, 1);
  // A span that starts exactly at the end has nothing left; an instant at the end is still on the video.
  assert.deepEqual(spansOf(parseTimeSpans('01:00-01:05', 60)), []);
  assert.deepEqual(spansOf(parseTimeSpans('at 01:00', 60)), [[60, 60]]);
});

test('duplicates merge silently; overlaps and instants inside ranges merge with a warning', () => {
  assert.deepEqual(parseTimeSpans('00:12-00:15, and again 00:12-00:15', 60), { kind: 'spans', spans: [{ start: 12, end: 15 }], warnings: [] });
  const overlapping = parseTimeSpans('00:10-00:20 and 00:15-00:30', 60);
  assert.deepEqual(spansOf(overlapping), [[10, 30]]);
  assert.deepEqual(warningsOf(overlapping), ['merged overlapping spans 00:00:10.000-00:00:20.000 and 00:00:15.000-00:00:30.000']);
  assert.deepEqual(spansOf(parseTimeSpans('from 0:10 to 0:20, peaking at 0:15', 60)), [[10, 20]]);
  assert.deepEqual(spansOf(parseTimeSpans('[[30, 31], [12, 15]]', 60)), [[12, 15], [30, 31]]);
});

test('an unknown duration (Infinity) clamps only at zero', () => {
  assert.deepEqual(parseTimeSpans('from 10:00:00 to 10:00:05', Number.POSITIVE_INFINITY), {
    kind: 'spans',
    spans: [{ start: 36000, end: 36005 }],
    warnings: [],
  });
});

test('timeSpansSchema describes the structured output reelm asks for', () => {
  assert.ok(timeSpansSchema.safeParse({ spans: [{ start: 12, end: '00:15' }] }).success);
  assert.ok(!timeSpansSchema.safeParse({ spans: [{ start: 12 }] }).success);
  assert.ok(!timeSpansSchema.safeParse([[12, 15]]).success);
});

test('parseTimeSpansFromJson reads the strict and loose shapes', () => {
  assert.deepEqual(spansOf(parseTimeSpansFromJson({ spans: [{ start: '0:12', end: 15 }] }, 60)), [[12, 15]]);
  assert.deepEqual(spansOf(parseTimeSpansFromJson({ spans: [[12, 15]] }, 60)), [[12, 15]]);
  assert.deepEqual(spansOf(parseTimeSpansFromJson([{ start: 1, end: 2 }], 60)), [[1, 2]]);
  assert.deepEqual(spansOf(parseTimeSpansFromJson(['00:01', '00:02'], 60)), [[1, 2]]);
  assert.deepEqual(spansOf(parseTimeSpansFromJson({ start: '1m30s', end: '00:01:35.5' }, 120)), [[90, 95.5]]);
});

test('parseTimeSpansFromJson skips unreadable spans with a warning and reports shapes it cannot read', () => {
  const partly = parseTimeSpansFromJson({ spans: [{ start: 'soon', end: 15 }, { start: 20, end: 25 }] }, 60);
  assert.deepEqual(spansOf(partly), [[20, 25]]);
  assert.deepEqual(warningsOf(partly), ['skipped a span whose times could not be read: ["soon",15]']);
  const none = parseTimeSpansFromJson({ spans: [{ start: 'soon', end: 'later' }] }, 60);
  assert.equal(none.kind, 'unparsed');
  assert.equal(parseTimeSpansFromJson({ answer: 'B' }, 60).kind, 'unparsed');
  assert.equal(parseTimeSpansFromJson(12, 60).kind, 'unparsed');
  assert.equal(parseTimeSpansFromJson(null, 60).kind, 'unparsed');
  assert.equal(parseTimeSpansFromJson({ start: Number.NaN, end: 3 }, 60).kind, 'unparsed');
});

test('JSON that holds no spans falls back to reading the prose', () => {
  assert.deepEqual(spansOf(parseTimeSpans('{"answer": "the dog"} It jumps at 00:12.', 60)), [[12, 12]]);
});

test('finishSpans sorts, clamps and merges spans from any source', () => {
  assert.deepEqual(finishSpans([{ start: 30, end: 31 }, { start: 15, end: 12 }], 60, []), {
    kind: 'spans',
    spans: [
      { start: 12, end: 15 },
      { start: 30, end: 31 },
    ],
    warnings: ['reversed span 00:00:15.000-00:00:12.000 read as 00:00:12.000-00:00:15.000'],
  });
});
