/**
 * Prompt snapshots: the exact text each task sends (system prompt, then the user message with images
 * shown as `<image>`) for a fixed input — test_clip.mp4 from ../shared/media, three uniform frames, no
 * subtitles — compared with the files in snapshots/. A prompt change fails here until the snapshot is
 * updated on purpose: `UPDATE_TASK_SNAPSHOTS=1 node --import tsx --test test/tasks/prompt-snapshots.test.ts`,
 * then review the diff.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runTask } from '../../src/tasks/registry.js';
import type { TaskRequest } from '../../src/tasks/task.js';
import { chatReply, recordingModel, renderUserMessage, sentRequests, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

const snapshots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'snapshots');
const video = sharedMedia('test_clip.mp4');
const fixed: Omit<TaskRequest, 'video'> = { budget: { maxImages: 3 }, strategy: 'uniform', subtitles: false };
let server: WireServer;

before(async () => {
  server = await startWireServer('openai');
});
after(() => server.close());

async function assertSnapshot(name: string, text: string): Promise<void> {
  const file = path.join(snapshots, `${name}.txt`);
  if (process.env.UPDATE_TASK_SNAPSHOTS === '1') {
    await fs.mkdir(snapshots, { recursive: true });
    await fs.writeFile(file, text);
  }
  assert.equal(text, await fs.readFile(file, 'utf8'), `the prompt of ${name} changed; review it and update snapshots/${name}.txt`);
}

async function sentText(id: string, request: Omit<TaskRequest, 'video'>, profile: string, reply: string, requests = 1): Promise<string> {
  const before = server.chatRequests().length;
  for (let index = 0; index < requests; index++) server.enqueue(chatReply(reply));
  await runTask(id, { video, ...fixed, ...request }, { model: recordingModel(server, profile, { concurrency: 1 }), cache: null });
  const sent = sentRequests(server).slice(before);
  assert.equal(sent.length, requests);
  return sent.map((request) => `${request.system}\n---\n${renderUserMessage(request)}\n`).join('===\n');
}

const cases: Array<{ name: string; id: string; request: Omit<TaskRequest, 'video'>; profile: string; reply: string }> = [
  { name: 'ask-open', id: 'ask', request: { query: 'What is being cleaned?' }, profile: 'openai-compatible:some-unknown-model', reply: 'A pool.' },
  { name: 'ask-multiple-choice', id: 'ask', request: { query: 'What is being cleaned?', choices: ['a car', 'a pool', 'a window'] }, profile: 'openai-compatible:some-unknown-model', reply: 'B' },
  { name: 'ground-text', id: 'ground', request: { query: 'the net touches the water' }, profile: 'openai-compatible:some-unknown-model', reply: 'not found' },
  { name: 'ground-json-mmss', id: 'ground', request: { query: 'the net touches the water' }, profile: 'openai-compatible:gemini-2.5-flash', reply: '{"spans":[]}' },
  { name: 'caption', id: 'caption', request: {}, profile: 'openai-compatible:some-unknown-model', reply: 'A pool.' },
  { name: 'caption-dense', id: 'caption', request: { dense: true }, profile: 'openai-compatible:some-unknown-model', reply: '' },
  { name: 'summarize-short', id: 'summarize', request: {}, profile: 'openai-compatible:some-unknown-model', reply: 'A pool.' },
  { name: 'summarize-detailed-chapters', id: 'summarize', request: { length: 'detailed', chapters: true }, profile: 'openai-compatible:some-unknown-model', reply: 'A pool.' },
  { name: 'highlights', id: 'highlights', request: { query: 'the net in the water' }, profile: 'openai-compatible:some-unknown-model', reply: '' },
];

for (const entry of cases) {
  test(`prompt snapshot: ${entry.name}`, async () => {
    await assertSnapshot(entry.name, await sentText(entry.id, entry.request, entry.profile, entry.reply));
  });
}

test('prompt snapshot: summarize, hierarchical (two chunk captions, then the merge)', async () => {
  const before = server.chatRequests().length;
  server.enqueue(chatReply('A net moves over the water.'), chatReply('Feet stand at the edge.'), chatReply('Someone cleans a pool.'));
  await runTask('summarize', { video, ...fixed, chunkSeconds: 5, chapters: true }, { model: recordingModel(server, 'openai-compatible:some-unknown-model', { concurrency: 1 }), cache: null });
  const sent = sentRequests(server).slice(before);
  assert.equal(sent.length, 3);
  // Chunks are captioned concurrently; order the chunk requests by the span they name.
  const chunks = sent.slice(0, 2).map((request) => renderUserMessage(request)).sort();
  await assertSnapshot('summarize-chunk-caption', `${sent[0]!.system}\n---\n${chunks[0]}\n`);
  const merge = renderUserMessage(sent[2]!);
  assert.ok(/\[00:00:00\.0-00:00:05\.0\] (A net moves over the water\.|Feet stand at the edge\.)\n\[00:00:05\.0-00:00:10\.0\] /.test(merge));
  await assertSnapshot('summarize-merge', `${sent[2]!.system}\n---\n${merge.replace(/\] (A net moves over the water\.|Feet stand at the edge\.)/g, '] <caption>')}\n`);
});
