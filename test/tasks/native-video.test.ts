/**
 * A native-video plan through a task: with a vLLM profile and the `native-video` strategy, the request
 * carries the video itself (vLLM's `video_url`) before the question, with the planned sampling, and no
 * images — checked against vLLM's request schema on the loopback server.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { defaultCallPolicy } from '../../src/models/call-policy.js';
import { resolveProfile } from '../../src/models/profiles/index.js';
import { vllmProvider } from '../../src/models/providers/vllm.js';
import { runTask } from '../../src/tasks/registry.js';
import { chatReply, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

const video = sharedMedia('people_skeleton_demo.mp4');
let server: WireServer;

before(async () => {
  server = await startWireServer('vllm');
});
after(() => server.close());

test('caption with native video: one video_url part before the question, the planned fps, no images', async () => {
  const model = vllmProvider.create({ modelId: 'test-model', baseURL: server.baseURL, apiKey: 'test-key', profile: resolveProfile('vllm:qwen2.5-vl-7b'), policy: { ...defaultCallPolicy, maxRetries: 0 } });
  server.enqueue(chatReply('Two men walk together and hug.'));
  const result = await runTask('caption', { video, strategy: 'native-video', subtitles: false }, { model, cache: null });
  const sent = server.chatRequests().at(-1)!;
  assert.deepEqual(sent.schemaErrors, []);
  const content = (sent.body?.messages as Array<{ role: string; content: unknown }>).find((message) => message.role === 'user')!.content as Array<Record<string, unknown>>;
  assert.deepEqual(content.map((part) => part.type), ['video_url', 'text']);
  assert.equal((content[1] as { text: string }).text, 'Describe the video.\nWrite one paragraph that says what happens in the video, in order, naming the people, objects and their colours, and any text shown.');
  const bytes = await fs.readFile(video);
  assert.deepEqual(content[0], { type: 'video_url', video_url: { url: `data:video/mp4;base64,${bytes.toString('base64')}` } });
  const planned = result.plan!.items[0]!;
  assert.equal(planned.kind, 'video');
  assert.ok(planned.kind === 'video');
  assert.deepEqual(sent.body?.media_io_kwargs, { video: { num_frames: planned.frames, fps: planned.fps } });
  assert.equal(result.usage.images, 0);
  assert.deepEqual(result.evidence, []);
  assert.equal(result.output, 'Two men walk together and hug.');
});
