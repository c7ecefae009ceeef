/**
 * The tasks' answer readers on hand-written answers: option letters, the `Times:` line, timeline lines
 * (dense captions, chapters, clip scores), chapter headings, clip and chunk cutting, top moments, and
 * the answer probability behind `ground`'s confidence.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerProbability } from '../../src/tasks/ground.js';
import { cutClips, topMoments } from '../../src/tasks/highlights.js';
import { readAnswerTimes } from '../../src/tasks/parse/answer-times.js';
import { readChapters } from '../../src/tasks/parse/chapters.js';
import { parseChoiceLetter } from '../../src/tasks/parse/choice-letter.js';
import { readScore, readTimelineLines } from '../../src/tasks/parse/timeline-lines.js';
import { cutChunks } from '../../src/tasks/summarize/chunk-captions.js';

test('option letters: leading letter forms and "answer is", never a guess', () => {
  const letters = ['A', 'B', 'C'];
  assert.equal(parseChoiceLetter('B', letters), 'B');
  assert.equal(parseChoiceLetter('(C) a window', letters), 'C');
  assert.equal(parseChoiceLetter('B. arm wrestling', letters), 'B');
  assert.equal(parseChoiceLetter('The answer is A.', letters), 'A');
  assert.equal(parseChoiceLetter('D', letters), undefined);
  assert.equal(parseChoiceLetter('It is hard to say.', letters), undefined);
});

test('the Times: line is split off and read by the span parser', () => {
  assert.deepEqual(readAnswerTimes('A pool.\nTimes: 00:00:01.0-00:00:02.5, 00:00:07.0', 10), { answer: 'A pool.', spans: [{ start: 1, end: 2.5 }, { start: 7, end: 7 }], warnings: [] });
  assert.deepEqual(readAnswerTimes('A pool.', 10), { answer: 'A pool.', spans: [], warnings: [] });
  assert.deepEqual(readAnswerTimes('A pool.\nTimes: none', 10), { answer: 'A pool.', spans: [], warnings: [] });
  const outside = readAnswerTimes('A pool.\nTimes: 00:00:08.0-00:00:30.0', 10);
  assert.deepEqual(outside.spans, [{ start: 8, end: 10 }]);
  assert.equal(outside.warnings.length, 1);
  assert.match(readAnswerTimes('B\nTimes: whenever', 10).warnings[0]!, /could not be read/);
});

test('timeline lines: spans in any form the span parser reads, fields split on |, other lines skipped', () => {
  const read = readTimelineLines('Events:\n- 00:01-00:03 | 0.5 | A red circle appears.\n[00:00:04.0-00:00:06.0] | 1 | It leaves | fast\n\nnothing here', 10);
  assert.deepEqual(read.lines, [
    { span: { start: 1, end: 3 }, fields: ['0.5', 'A red circle appears.'] },
    { span: { start: 4, end: 6 }, fields: ['1', 'It leaves', 'fast'] },
  ]);
  assert.deepEqual(read.skipped, ['Events:', 'nothing here']);
  assert.equal(readScore('0.8', 1), 0.8);
  assert.equal(readScore('3/4', 4), 3);
  assert.equal(readScore('high', 4), undefined);
  assert.equal(readScore('7', 4), undefined);
});

test('chapters after the heading; without it, span lines are chapters and the rest the summary', () => {
  const withHeading = readChapters('A talk in two parts.\n**Chapters:**\n00:00:00.0-00:00:30.0 | Intro\n00:00:30.0-00:01:00.0 | Demo', 60);
  assert.equal(withHeading.summary, 'A talk in two parts.');
  assert.deepEqual(withHeading.chapters, [{ title: 'Intro', span: { start: 0, end: 30 } }, { title: 'Demo', span: { start: 30, end: 60 } }]);
  const without = readChapters('A talk.\n00:00:00.0-00:00:30.0 | Intro', 60);
  assert.equal(without.summary, 'A talk.');
  assert.deepEqual(without.chapters, [{ title: 'Intro', span: { start: 0, end: 30 } }]);
});

test('clips and chunks: fixed lengths from the span start; a short last chunk joins the one before', () => {
  assert.deepEqual(cutClips({ start: 1, end: 6 }, 2), [{ start: 1, end: 3 }, { start: 3, end: 5 }, { start: 5, end: 6 }]);
  assert.deepEqual(cutChunks({ start: 0, end: 10 }, 4), [{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 10 }]);
  assert.deepEqual(cutChunks({ start: 0, end: 8.5 }, 4), [{ start: 0, end: 4 }, { start: 4, end: 8.5 }]);
});

test('top moments: runs of clips at half the best score or more, best first', () => {
  const clip = (start: number, score: number) => ({ start, end: start + 2, score, salience: score / 4 });
  const clips = [clip(0, 1), clip(2, 3), clip(4, 2), clip(6, 0), clip(8, 4), clip(10, 1)];
  assert.deepEqual(topMoments(clips, 5), [{ start: 8, end: 10, score: 4 }, { start: 2, end: 6, score: 2.5 }]);
  assert.deepEqual(topMoments(clips.map((entry) => ({ ...entry, score: 0 })), 5), []);
});

test('answer probability: exp of the mean token log-probability; none without log-probabilities', () => {
  assert.equal(answerProbability(undefined), undefined);
  assert.equal(answerProbability([]), undefined);
  assert.ok(Math.abs(answerProbability([{ token: 'a', logprob: Math.log(0.5) }, { token: 'b', logprob: Math.log(0.8) }])! - Math.sqrt(0.4)) < 1e-12);
});
