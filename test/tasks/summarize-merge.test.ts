/**
 * The merge of a hierarchical summary when the chunk captions do not fit the model's context: groups
 * of captions are condensed first (one text-only request per group), then one final merge reads the
 * condensed paragraphs. A 4,096-token context and five ~1,800-character captions force one level.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { resolveProfile } from '../../src/models/profiles/index.js';
import { runTask } from '../../src/tasks/registry.js';
import { groupCaptionLines } from '../../src/tasks/summarize/merge-captions.js';
import { chatReply, recordingModel, renderUserMessage, sentRequests, sharedMedia, startWireServer, type WireServer } from './support/recording-model.js';

let server: WireServer;
before(async () => {
  server = await startWireServer('openai');
});
after(() => server.close());

test('captions too long for one merge are condensed in groups, then merged', async () => {
  const profile = resolveProfile('openai-compatible:qwen2.5-vl-7b', { contextTokens: 4096 });
  const model = recordingModel(server, profile, { concurrency: 1 });
  const long = (index: number): string => `Part ${index}: ${'the net sweeps the water slowly '.repeat(56)}`.trim();
  server.enqueue(...[1, 2, 3, 4, 5].map((index) => chatReply(long(index))), chatReply('Condensed first.'), chatReply('Condensed second.'), chatReply('Someone cleans a pool.'));
  const result = await runTask('summarize', { video: sharedMedia('test_clip.mp4'), chunkSeconds: 2, budget: { maxImages: 1 }, subtitles: false }, { model, cache: null });
  const sent = sentRequests(server);
  assert.equal(sent.length, 8);
  assert.equal(result.usage.requests, 8);
  assert.equal(result.detail.mergeLevels, 1);
  const condense = sent.slice(5, 7).map(renderUserMessage);
  assert.ok(condense.every((text) => /Condense these descriptions into one paragraph about 00:00:0\d\.0-00:00:\d\d\.0 of the video\./.test(text)));
  assert.ok(condense.every((text) => !text.includes('<image>')));
  const merge = renderUserMessage(sent[7]!);
  assert.ok(merge.includes('[00:00:00.0-00:00:04.0] Condensed first.\n[00:00:04.0-00:00:08.0] Condensed second.\n[00:00:08.0-'), merge);
  assert.equal(result.output, 'Someone cleans a pool.');
});

test('grouping keeps order and never splits below one line', () => {
  const line = (start: number, length: number) => ({ span: { start, end: start + 1 }, caption: 'x'.repeat(length) });
  const groups = groupCaptionLines([line(0, 268), line(1, 268), line(2, 268), line(3, 1000)], 200);
  assert.deepEqual(groups.map((group) => group.map((entry) => entry.span.start)), [[0, 1], [2], [3]]);
});
