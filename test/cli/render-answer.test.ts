import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { AnswerStream, renderAnswer, renderCostLine } from '../../src/cli/render-answer.js';
import { renderPlanLines } from '../../src/cli/render-plan.js';
import { renderFileLines, topSpansOf } from '../../src/cli/run-task-command.js';
import { askResult, groundResult, highlightsResult } from './task-result-fixtures.js';

// Snapshots: the exact terminal text for fixed results. A change here is a change users see.

test('ask: the answer, then the times with #t= links, the evidence and the cost line', () => {
  assert.equal(
    renderAnswer(askResult('clips/my clip.mp4')),
    [
      'A red circle moves left to right, from 00:00:02.0 until it leaves at 00:00:05.5.',
      '',
      'times:',
      '  00:00:02.0–00:00:05.5  clips/my clip.mp4#t=2',
      'evidence: 8 frames in 8 images, 00:00:00.5–00:00:07.5',
      'cost: oracle:reference · 1 request · 8 images · 2,048 visual tokens · 2,310 in / 42 out tokens · 1.3 s',
      '',
    ].join('\n'),
  );
});

test('ground after streaming: no repeated answer; confidences with their source, unknown tokens, price, cached requests, warnings', () => {
  assert.equal(
    renderAnswer(groundResult('match.mp4'), { streamed: true }),
    [
      '',
      'times:',
      '  00:00:01.2–00:00:02.5  match.mp4#t=1.2  [confidence 0.80 (model-stated)]',
      '  00:00:06.0–00:00:07.4  match.mp4#t=6',
      'evidence: 8 frames in 2 images, 00:00:01.0–00:00:07.9',
      'cost: openai:gpt-4o · 2 requests (1 cached) · 2 images · 1,530 visual tokens · ? in / ? out tokens · $0.0012 · 0.3 s',
      'warning: the plan covers 1.0 frames/s, less than the 2 frames/s asked for',
      '',
    ].join('\n'),
  );
});

test('highlights --top 2: the most salient first, labels and salience, and the plan under --show-plan', () => {
  const ask = askResult('a.mp4');
  const text = renderAnswer(topSpansOf(highlightsResult('h.mp4'), 2), { planLines: renderPlanLines(ask.plan!, 'oracle:reference') });
  assert.equal(
    text,
    [
      'Top moments for "a blue square": 00:00:04.0, 00:00:00.0, 00:00:06.0.',
      '',
      'times:',
      '  00:00:04.0–00:00:06.0  h.mp4#t=4  blue square <b>centre</b> [salience 0.95]',
      '  00:00:00.0–00:00:02.0  h.mp4#t=0  blue square enters [salience 0.60]',
      'evidence: 1 frame in 1 image, 00:00:03.0',
      'plan for oracle:reference (oracle), strategy uniform, span 00:00:00.0–00:00:08.0',
      ...[0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5].map((time) => `  frame  00:00:0${time.toFixed(1)}  320×240  256 tokens`),
      'total: 8 images, 8 frames, 2048 visual tokens, 1.000 frames/s',
      'limits: 8 images, 16384 tokens; binding: images (100% used)',
      'cost: oracle:reference · 1 request · 1 image · 256 visual tokens · 2,310 in / 42 out tokens · $1.50 · 1.3 s',
      '',
    ].join('\n'),
  );
  // Without --top every span stays, in the task's order.
  assert.deepEqual(topSpansOf(highlightsResult('h.mp4'), undefined).spans.map((span) => span.start), [0, 4, 6]);
});

test('an answer that names no times says so', () => {
  const result = { ...askResult('a.mp4'), spans: [], evidence: [], output: '  ' };
  assert.equal(
    renderAnswer(result),
    [
      '(the model gave no answer)',
      '',
      'times: none named in the answer',
      'evidence: no frames (text only, or the video was sent natively)',
      'cost: oracle:reference · 1 request · 8 images · 2,048 visual tokens · 2,310 in / 42 out tokens · 1.3 s',
      '',
    ].join('\n'),
  );
  assert.equal(renderCostLine('x:y', { requests: 0, images: 0, visualTokens: 0, inputTokens: 0, outputTokens: 0, usd: 0, latencyMs: 0, cachedRequests: 0 }),
    'cost: x:y · 0 requests · 0 images · 0 visual tokens · 0 in / 0 out tokens · $0.0000 · 0.0 s');
});

test('the answer stream writes deltas as they come and tells whether they were the final answer', () => {
  const sink = new PassThrough();
  let written = '';
  sink.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const stream = new AnswerStream(sink);
  for (const delta of ['\n', 'A red ', 'circle', '.']) stream.onTextDelta(delta);
  assert.deepEqual(stream.finish(' A red circle.\n'), { streamed: true });
  assert.equal(written, 'A red circle.\n');

  const reworded = new AnswerStream(new PassThrough());
  reworded.onTextDelta('{"spans": [[1, 2]]}');
  assert.deepEqual(reworded.finish('It happens at 00:00:01.0–00:00:02.0.'), { streamed: false });
  assert.deepEqual(new AnswerStream(new PassThrough()).finish('anything'), { streamed: false });

  // The task dropped the Times: line it parsed; what it kept was streamed.
  const withTimes = new AnswerStream(new PassThrough());
  withTimes.onTextDelta('A red circle.\nTimes: 00:00:02.0-00:00:05.5');
  assert.deepEqual(withTimes.finish('A red circle.'), { streamed: true });
});

test('the lines naming written and skipped files', () => {
  assert.deepEqual(
    renderFileLines({ storyboard: '/o/seen.jpg', html: '/o/a.html', clip: { path: '/o/c.mp4', span: { start: 2, end: 5.5 } }, skipped: ['--export-clip: why'] }),
    ['storyboard → /o/seen.jpg', 'answer page → /o/a.html', 'clip 00:00:02.0–00:00:05.5 → /o/c.mp4', 'note: --export-clip: why'],
  );
});
