/**
 * `ground`'s coarse-to-fine search over the wire (a loopback chat-completions server replaying answers,
 * the model double at the boundary): a budget that covers the clip thinly gets a coarse request, then a
 * request of dense frames inside a window around a boundary; both count against the one budget, the
 * result's plan and evidence show both, and the boundary moves to what the dense look saw. A budget
 * too small to split stays one request.
 */

import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { ModelProfile } from '../../src/models/profile.js';
import { runTask } from '../../src/tasks/registry.js';
import { chatReply, recordingModel, sentRequests, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

const video = sharedMedia('test_clip.mp4');
/** One token per 28-px patch and at most 16 images a request: 16 frames of a 10-s clip are below 2 a second. */
const profile: ModelProfile = {
  family: 'area', description: 'per 28-px patch, 16 images', maxImagesPerRequest: 16, contextTokens: 32_768, maxOutputTokens: 1024,
  imageTokens: (w, h) => Math.max(4, Math.ceil(w / 28) * Math.ceil(h / 28)), effectiveImageSize: (width, height) => ({ width, height }),
  nativeVideo: null, supportsTools: false, supportsJson: false, supportsLogprobs: false, timestampStyle: 'hms',
};
let server: WireServer;

// A server per test, so replies one test leaves unused never answer the next.
beforeEach(async () => {
  server = await startWireServer('openai');
});
afterEach(() => server.close());

test('coarse-to-fine: a coarse request, then dense frames around a boundary, inside the one budget', async () => {
  const before = server.chatRequests().length;
  server.enqueue(chatReply('00:00:03.0-00:00:07.0'), chatReply('00:00:03.2-00:00:03.3'), chatReply('00:00:03.2-00:00:03.3'));
  const budget = { maxVisualTokens: 2_300 };
  const result = await runTask('ground', { video, query: 'the net touches the water', budget, subtitles: false }, { model: recordingModel(server, profile, { concurrency: 1 }), cache: null });
  const sent = sentRequests(server).slice(before);
  const detail = result.detail;
  assert.equal(detail.search, 'coarse-to-fine');
  assert.equal(detail.passes[0]!.pass, 'coarse');
  assert.ok(detail.passes.length >= 2, JSON.stringify(detail.passes.map((pass) => pass.pass)));
  assert.equal(sent.length, detail.passes.length);
  assert.equal(result.usage.requests, detail.passes.length);
  // The one budget: every request's images together.
  const spent = detail.passes.reduce((total, pass) => total + pass.plan.estimate.visualTokens, 0);
  assert.ok(spent <= budget.maxVisualTokens, `${spent} tokens`);
  assert.equal(result.usage.visualTokens, spent);
  assert.equal(result.plan!.estimate.visualTokens, spent);
  assert.match(result.plan!.strategy, /^coarse-to-fine/);
  assert.equal(result.evidence.length, result.plan!.estimate.frames);
  // Each boundary request shows only its window, densely, and says so.
  for (const [index, pass] of detail.passes.entries()) {
    const images = sent[index]!.parts.filter((part) => part.type === 'image').length;
    assert.equal(images, pass.plan.estimate.images);
    if (pass.pass !== 'boundary') continue;
    const times = pass.plan.items.map((item) => (item.kind === 'frame' ? item.time : Number.NaN));
    assert.ok(times.every((time) => time >= pass.span.start && time <= pass.span.end), `${times.join(', ')} outside ${JSON.stringify(pass.span)}`);
    assert.ok(pass.plan.estimate.density > detail.passes[0]!.plan.estimate.density, 'denser than the coarse look');
    assert.ok(sent[index]!.parts.some((part) => part.type === 'text' && /These images cover only 00:00:0\d\.\d-00:00:0\d\.\d of the video/.test(part.text)));
  }
  const refinedStart = detail.passes.some((pass) => pass.pass === 'boundary' && pass.refines?.boundaries !== 'end');
  assert.deepEqual(result.spans.map((span) => [span.start, span.end]), [[refinedStart ? 3.2 : 3, 7]]);
  assert.equal(result.detail.happens, true);
});

test('a budget too small to split is one request', async () => {
  const before = server.chatRequests().length;
  server.enqueue(chatReply('not found'));
  const result = await runTask('ground', { video, query: 'the net touches the water', budget: { maxImages: 4 }, subtitles: false }, { model: recordingModel(server, profile), cache: null });
  assert.equal(sentRequests(server).length - before, 1);
  assert.equal(result.detail.search, 'single-pass');
  assert.deepEqual(result.detail.passes.map((pass) => pass.pass), ['single']);
  assert.equal(result.detail.happens, false);
});
