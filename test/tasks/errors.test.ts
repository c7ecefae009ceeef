/**
 * Bad input gives typed errors that name the input and say what to do, before any model request: a
 * missing video, a folder, audio only, no query for the tasks that need one, spans outside the video,
 * an unknown task, a cancelled request.
 */

import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AbortedError, ConfigError, MediaError, NotFoundError } from '../../src/core/errors.js';
import { getTask, listTasks, runTask } from '../../src/tasks/registry.js';
import { chatReply, recordingModel, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

const video = sharedMedia('test_clip.mp4');
let server: WireServer;

before(async () => {
  server = await startWireServer('openai');
});
after(() => server.close());

const context = () => ({ model: recordingModel(server, 'openai-compatible:qwen2.5-vl-7b'), cache: null });

test('a missing video is a MediaError naming the path, for every task', async () => {
  const missing = path.join(os.tmpdir(), 'reelm-no-such-video.mp4');
  for (const task of listTasks()) {
    await assert.rejects(runTask(task.id, { video: missing, query: 'x' }, context()), (error) => MediaError.isInstance(error) && error.reason === 'not-found' && error.message.includes(missing), task.id);
  }
  assert.equal(server.chatRequests().length, 0);
});

test('a folder and an audio-only file are MediaErrors with their reasons', async () => {
  await assert.rejects(runTask('caption', { video: os.tmpdir() }, context()), (error) => MediaError.isInstance(error) && error.reason === 'is-directory');
  await assert.rejects(runTask('caption', { video: sharedMedia('test_speech.wav') }, context()), (error) => MediaError.isInstance(error) && error.reason === 'no-video-stream');
});

test('ask, ground and highlights without a query are ConfigErrors that show how to ask; caption and summarize need none', async () => {
  for (const id of ['ask', 'ground', 'highlights']) {
    assert.equal(getTask(id).needsQuery, true);
    for (const query of [undefined, '   ']) {
      await assert.rejects(runTask(id, { video, ...(query === undefined ? {} : { query }) }, context()), (error) => ConfigError.isInstance(error) && error.message.includes(`reelm ${id} video.mp4`), id);
    }
  }
  assert.equal(getTask('caption').needsQuery, false);
  assert.equal(getTask('summarize').needsQuery, false);
  assert.equal(server.chatRequests().length, 0);
});

test('spans outside the video, empty or reversed are MediaErrors (out-of-range) naming the video\'s extent', async () => {
  for (const span of [{ start: 20, end: 30 }, { start: 5, end: 5 }, { start: 6, end: 2 }, { start: -5, end: 0 }]) {
    await assert.rejects(
      runTask('ground', { video, query: 'the net', budget: { span } }, context()),
      (error) => MediaError.isInstance(error) && error.reason === 'out-of-range' && error.message.includes('00:00:10.0'),
      JSON.stringify(span),
    );
  }
  assert.equal(server.chatRequests().length, 0);
});

test('a span reaching past the end is clamped with a warning', async () => {
  server.enqueue(chatReply('A pool.'));
  const result = await runTask('caption', { video, budget: { span: { start: 8, end: 30 }, maxImages: 2 }, subtitles: false }, context());
  assert.deepEqual(result.plan!.span, { start: 8, end: 10 });
  assert.ok(result.warnings.some((warning) => /reaches past the video; used 00:00:08.0–00:00:10.0/.test(warning)));
  for (const entry of result.evidence) assert.ok(entry.time >= 8 && entry.time <= 10);
});

test('bad clip length and too many choices are ConfigErrors', async () => {
  await assert.rejects(runTask('highlights', { video, query: 'x', clipSeconds: 0 }, context()), (error) => ConfigError.isInstance(error) && /clipSeconds/.test(error.message));
  const choices = Array.from({ length: 27 }, (_, index) => `option ${index}`);
  await assert.rejects(runTask('ask', { video, query: 'x', choices }, context()), (error) => ConfigError.isInstance(error) && /at most 26/.test(error.message));
});

test('an unknown task is a NotFoundError listing the tasks', async () => {
  await assert.rejects(runTask('translate', { video }, context()), (error) => NotFoundError.isInstance(error) && /ask, ground, caption, summarize, highlights/.test(error.message));
});

test('a cancelled request rejects with AbortedError and sends nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const before = server.chatRequests().length;
  await assert.rejects(runTask('caption', { video, subtitles: false }, { ...context(), signal: controller.signal }), (error) => AbortedError.isInstance(error));
  assert.equal(server.chatRequests().length, before);
});
