/**
 * Importing chunk captions: the summarize task captions a synthetic clip in 8-second chunks with the
 * `oracle:` model (writing them to the artifact cache, as it does for users), then the store's caption
 * stage ingests the same clip cut into 3-second segments with the same model. A chunk that contains a
 * segment speaks for it: segments 0–3 and 3–6 lie in the chunk 0–8, segment 9–12 in the chunk 8–12,
 * so only segment 6–9, which straddles two chunks, is asked of the model. Each imported caption is
 * stored once, over its chunk's span, naming the model that wrote it and its source. Another model
 * imports nothing.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { probe } from '../../src/media/probe.js';
import { chunkCaptionsNamespace, coverSegments, readCachedChunkCaptions } from '../../src/memory/ingest/captions/cached-chunk-captions.js';
import { ingestVideo, type IngestOptions } from '../../src/memory/ingest/ingest-video.js';
import { captionsOf } from '../../src/memory/query/captions.js';
import { checkStoreIntegrity } from '../../src/memory/store/integrity.js';
import { openStore, type Store } from '../../src/memory/store/open-store.js';
import type { LanguageModel } from '../../src/models/language-model.js';
import { runTask } from '../../src/tasks/registry.js';
import { chunkCaptionNamespace } from '../../src/tasks/summarize/chunk-captions.js';
import { oracleModel, recordRequests, renderCaptionClip } from './support/caption-clip.js';

let folder: string;
let clip: string;
let cache: ArtifactCache;
let reference: LanguageModel;
const stores: Store[] = [];

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-caption-import-'));
  clip = await renderCaptionClip(folder);
  cache = new ArtifactCache({ root: path.join(folder, 'cache') });
  reference = await oracleModel('oracle:reference');
});
after(() => {
  for (const store of stores) store.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const ingestOptions = (): IngestOptions => ({
  cache,
  analyzers: [],
  segmentation: { method: 'chunks', seconds: 3 },
  keyframes: { sampler: 'dedup', samplerOptions: { fps: 1 }, thumbnailSize: 160, unitSize: 8 },
});

test('the store reads the namespace summarize writes', () => {
  assert.equal(chunkCaptionsNamespace, chunkCaptionNamespace);
});

test('chunk captions a summary cached are imported for the segments they cover; the model is asked only for the rest', async () => {
  const summary = await runTask('summarize', { video: clip, chunkSeconds: 8, budget: { maxImages: 4 }, strategy: 'uniform', subtitles: false }, { model: reference, cache });
  const chunks = summary.detail.chunks!;
  assert.deepEqual(chunks.map((chunk) => [chunk.span.start, chunk.span.end, chunk.cached]), [[0, 8, false], [8, 12, false]]);
  const info = await probe(clip, { cache });
  const records = await readCachedChunkCaptions(cache, info.contentHash);
  assert.equal(records.length, 2);

  const store = openStore({ file: path.join(folder, 'imported.sqlite') });
  stores.push(store);
  const model = recordRequests(reference);
  const result = await ingestVideo(store, clip, { ...ingestOptions(), captionModel: model });
  assert.equal(model.questions.length, 1, 'one request: the segment no chunk covers');
  assert.match(model.questions[0]!, /^Describe this part of the video, 00:00:06\.0-00:00:09\.0\./);
  assert.deepEqual(result.stages.find((stage) => stage.stage === 'captions')!.ran, 4);

  const captions = captionsOf(store, clip);
  assert.deepEqual(captions.map((caption) => [caption.span.start, caption.span.end, caption.source, caption.segmentIndex]), [
    [0, 8, 'chunk-captions cache', 0],
    [6, 9, 'model', 2],
    [8, 12, 'chunk-captions cache', 3],
  ]);
  for (const [i, chunk] of [[0, chunks[0]!], [2, chunks[1]!]] as const) {
    const imported = captions[i]!;
    assert.equal(imported.text, chunk.caption.trim());
    assert.equal(imported.producer, 'caption:oracle:reference');
    assert.equal(imported.model.id, 'oracle:reference');
    assert.equal(imported.writtenAt, records.find((record) => record.span.start === chunk.span.start)!.writtenAt);
  }
  assert.ok(checkStoreIntegrity(store).ok);

  // Another model: the cached chunks are not its words, so every segment is asked.
  const otherStore = openStore({ file: path.join(folder, 'other-model.sqlite') });
  stores.push(otherStore);
  const other = recordRequests(await oracleModel('oracle:other-captioner'));
  await ingestVideo(otherStore, clip, { ...ingestOptions(), captionModel: other });
  assert.equal(other.questions.length, 4);
  assert.ok(captionsOf(otherStore, clip).every((caption) => caption.source === 'model'));
});

test('the cover rule: containment within a twentieth of a second; of several, the shortest; each chunk stored once', () => {
  const record = (start: number, end: number, caption: string, writtenAt = '2026-01-01T00:00:00.000Z') => ({
    version: 1 as const, span: { start, end }, caption, promptSha256: 'x'.repeat(64), writtenAt,
    model: { id: 'oracle:reference', provider: 'oracle', modelId: 'reference' },
  });
  const wide = record(0, 12, 'whole');
  const early = record(0, 6.03, 'first half');
  const late = record(6, 12, 'second half');
  const segments = [{ index: 0, span: { start: 0, end: 3 } }, { index: 1, span: { start: 3, end: 6.05 } }, { index: 2, span: { start: 6.05, end: 9 } }, { index: 3, span: { start: 9, end: 12 } }];
  const covered = coverSegments(segments, [wide, early, late]);
  assert.deepEqual([...covered].map(([index, cover]) => [index, cover.chunk.caption, cover.stores]), [
    [0, 'first half', true],
    [1, 'first half', false],
    [2, 'second half', true],
    [3, 'second half', false],
  ]);
  // Beyond the tolerance a chunk does not cover; a segment straddling two chunks falls back to the widest that holds it, or to none.
  const straddling = coverSegments([{ index: 0, span: { start: 5, end: 7 } }], [early, late]);
  assert.equal(straddling.size, 0);
  assert.equal(coverSegments([{ index: 0, span: { start: 5, end: 7 } }], [early, late, wide]).get(0)!.chunk.caption, 'whole');
});
