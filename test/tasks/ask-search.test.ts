/**
 * `ask`'s look-closer search over the wire (a loopback chat-completions server replaying answers, the
 * model double at the boundary): a budget that covers the clip thinly gets a first look, then one
 * request of dense frames in windows around the times the first answer cited; both count against the
 * one budget, the result's plan and evidence show both, and the closer answer is the result. An answer
 * citing nothing gets a look at other times; a question naming a time stays one request.
 */

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ModelProfile } from '../../src/models/profile.js';
import { closerWindows, framesPerWindow } from '../../src/tasks/ask-search.js';
import { runTask } from '../../src/tasks/registry.js';
import { chatReply, recordingModel, sentRequests, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

const video = sharedMedia('test_clip.mp4');
/** One token per 28-px patch and at most 16 images a request: 16 frames of a 10-s clip are below 2 a second. */
const profile: ModelProfile = {
  family: 'area', description: 'per 28-px patch, 16 images', maxImagesPerRequest: 16, contextTokens: 32_768, maxOutputTokens: 1024,
  imageTokens: (w, h) => Math.max(4, Math.ceil(w / 28) * Math.ceil(h / 28)), effectiveImageSize: (width, height) => ({ width, height }),
  nativeVideo: null, supportsTools: false, supportsJson: false, supportsLogprobs: false, timestampStyle: 'hms',
};
const budget = { maxVisualTokens: 2_300 };
const choices = ['the left one', 'the right one', 'neither'];
let server: WireServer;

beforeEach(async () => {
  server = await startWireServer('openai');
});
afterEach(() => server.close());

describe('look-closer', () => {
  test('a first look, then larger frames around the cited times in one request, inside the one budget; the closer answer counts', async () => {
    server.enqueue(chatReply('A\nTimes: 00:00:03.0-00:00:04.0'), chatReply('B\nTimes: 00:00:03.4-00:00:03.6'));
    const result = await runTask('ask', { video, query: 'Which arm gives way first?', choices, budget, subtitles: false }, { model: recordingModel(server, profile), cache: null });
    const sent = sentRequests(server);
    const { search, passes } = result.detail;
    assert.equal(search, 'look-closer');
    assert.deepEqual(passes.map((pass) => pass.pass), ['first', 'closer']);
    assert.equal(sent.length, 2);
    assert.equal(result.usage.requests, 2);
    const spent = passes.reduce((total, pass) => total + pass.plan.estimate.visualTokens, 0);
    assert.ok(spent <= budget.maxVisualTokens, `${spent} tokens`);
    assert.equal(result.usage.visualTokens, spent);
    assert.equal(result.plan!.estimate.visualTokens, spent);
    assert.match(result.plan!.strategy, /^look-closer/);
    assert.equal(result.evidence.length, result.plan!.estimate.frames);
    // The closer request shows only its windows, and says so.
    const closer = passes[1]!;
    // The first look's frames, at the times the decoder delivered them.
    const firstTimes = result.evidence.filter((entry) => entry.image < passes[0]!.plan.estimate.images).map((entry) => entry.time);
    assert.equal(closer.spans.length, 1);
    assert.deepEqual(closer.spans[0], { start: Math.max(...firstTimes.filter((time) => time < 3)), end: Math.min(...firstTimes.filter((time) => time > 4)) });
    const times = closer.plan.items.map((item) => (item.kind === 'frame' ? item.time : Number.NaN));
    assert.ok(times.every((time) => time >= closer.spans[0]!.start && time <= closer.spans[0]!.end), `${times.join(', ')} outside ${JSON.stringify(closer.spans)}`);
    // At most one frame a second there; the tokens left buy larger frames than the first look's.
    assert.ok(closer.plan.estimate.frames <= Math.ceil(closer.spans[0]!.end - closer.spans[0]!.start));
    const widthOf = (pass: typeof closer): number => Math.max(...pass.plan.items.map((item) => (item.kind === 'frame' ? item.width : 0)));
    assert.ok(widthOf(closer) > widthOf(passes[0]!), `${widthOf(closer)} px against ${widthOf(passes[0]!)} px`);
    assert.equal(sent[1]!.parts.filter((part) => part.type === 'image').length, closer.plan.estimate.images);
    assert.ok(sent[1]!.parts.some((part) => part.type === 'text' && /These images show only 00:00:0\d\.\d-00:00:0\d\.\d of the video, more closely/.test(part.text)));
    assert.equal(result.detail.choice, 'B');
    assert.equal(result.output, 'B. the right one');
    assert.deepEqual(result.spans, [{ start: 3.4, end: 3.6 }]);
  });

  test('an answer citing nothing gets a look at other times, and a closer look at what that finds; nothing found keeps the first answer', async () => {
    server.enqueue(chatReply('no\nTimes: none'), chatReply('yes\nTimes: 00:00:07.5'), chatReply('yes, in a black shirt\nTimes: 00:00:07.2-00:00:07.9'));
    const found = await runTask('ask', { video, query: 'Does a referee appear?', budget, subtitles: false }, { model: recordingModel(server, profile), cache: null });
    assert.deepEqual(found.detail.passes.map((pass) => pass.pass), ['first', 'rescan', 'closer']);
    assert.equal(found.output, 'yes, in a black shirt');
    assert.ok(found.detail.passes[2]!.spans[0]!.start < 7.5 && found.detail.passes[2]!.spans[0]!.end > 7.5);
    const spent = found.detail.passes.reduce((total, pass) => total + pass.plan.estimate.visualTokens, 0);
    assert.ok(spent <= budget.maxVisualTokens, `${spent} tokens`);
    const firstTimes = found.detail.passes[0]!.plan.items.map((item) => (item.kind === 'frame' ? item.time : -1));
    const rescanTimes = found.detail.passes[1]!.plan.items.map((item) => (item.kind === 'frame' ? item.time : -1));
    assert.ok(rescanTimes.some((time) => !firstTimes.includes(time)), `the rescan looks at other times: ${rescanTimes.join(', ')} against ${firstTimes.join(', ')}`);

    server.enqueue(chatReply('no\nTimes: none'), chatReply('no'));
    const notFound = await runTask('ask', { video, query: 'Does a referee appear?', budget, subtitles: false }, { model: recordingModel(server, profile), cache: null });
    assert.deepEqual(notFound.detail.passes.map((pass) => pass.pass), ['first', 'rescan']);
    assert.equal(notFound.output, 'no');
    assert.deepEqual(notFound.spans, []);
  });

  test('a question naming a time, or a budget too small to split, is one request', async () => {
    server.enqueue(chatReply('A\nTimes: 00:00:05.0'), chatReply('A'));
    const named = await runTask('ask', { video, query: 'Who is ahead at 00:00:05.0?', choices, budget, subtitles: false }, { model: recordingModel(server, profile), cache: null });
    assert.equal(named.detail.search, 'single-pass');
    const small = await runTask('ask', { video, query: 'Who is ahead?', choices, budget: { maxImages: 4 }, subtitles: false }, { model: recordingModel(server, profile), cache: null });
    assert.equal(small.detail.search, 'single-pass');
    assert.equal(sentRequests(server).length, 2);
  });
});

describe('closer windows', () => {
  test('a cited span reaches from the last frame before it to the first frame after it; clamped and joined', () => {
    const frames = [3, 9, 15, 21, 27, 33, 39, 45, 51, 57, 63, 69, 75, 81, 87, 93, 99, 105, 111, 117];
    assert.deepEqual(closerWindows([{ start: 40, end: 60 }], frames, { start: 0, end: 120 }), [{ start: 39, end: 63 }]);
    // A moment that is a frame's time: between that frame's neighbours.
    assert.deepEqual(closerWindows([{ start: 51, end: 51 }], frames, { start: 0, end: 120 }), [{ start: 45, end: 57 }]);
    assert.deepEqual(closerWindows([{ start: 1, end: 2 }, { start: 5, end: 9 }, { start: 118, end: 120 }], frames, { start: 0, end: 120 }), [{ start: 0, end: 15 }, { start: 117, end: 120 }]);
  });

  test('frames are shared by length, at least one each and at most one a second', () => {
    assert.deepEqual(framesPerWindow([{ start: 0, end: 30 }, { start: 50, end: 60 }], 20), [15, 5]);
    assert.deepEqual(framesPerWindow([{ start: 0, end: 2 }, { start: 50, end: 150 }], 40), [1, 39]);
    assert.deepEqual(framesPerWindow([{ start: 0, end: 3 }], 40), [3]);
  });
});
