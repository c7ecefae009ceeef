/**
 * A video's index state in the library (`listVideos`): `indexed` only when every stage its last ingest
 * planned is done. The case that used to be wrong: an ingest stopped *between* two stages — the
 * embeddings stage finished, the captions stage never began — left no unfinished stage row behind and
 * was reported as indexed. Now it is `partial`, naming the stage still missing, and indexing again
 * completes it. The planned stage names are checked against the stages a full ingest really runs.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { AbortedError } from '../../src/core/errors.js';
import { builtinAnalyzerEntries, createAnalyzerRegistry } from '../../src/memory/ingest/analyzer-registry.js';
import { ingestVideo, type IngestOptions } from '../../src/memory/ingest/ingest-video.js';
import { ingestStatus, listVideos } from '../../src/memory/query/videos.js';
import { openStore, type Store } from '../../src/memory/store/open-store.js';
import { findIndexedVideo } from '../../src/tasks/memory/indexed-video.js';
import { analyzerDoubleEntries } from './support/analyzer-doubles.js';
import { oracleModel, renderCaptionClip } from './support/caption-clip.js';
import { createColourEmbedderDouble } from './support/embedder-double.js';

let folder: string;
let clip: string;
let store: Store;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-ingest-status-'));
  clip = await renderCaptionClip(folder);
  store = openStore({ file: path.join(folder, 'store.sqlite') });
});
after(() => {
  store.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('an ingest stopped between two stages is partial, naming the stage never begun; indexing again completes it', async () => {
  const options: IngestOptions = {
    cache: new ArtifactCache({ root: path.join(folder, 'cache') }),
    registry: createAnalyzerRegistry([...builtinAnalyzerEntries, ...analyzerDoubleEntries]),
    analyzers: ['bright-region-double'],
    segmentation: { method: 'chunks', seconds: 6 },
    keyframes: { sampler: 'dedup', samplerOptions: { fps: 1 }, thumbnailSize: 160, unitSize: 4 },
    embedder: createColourEmbedderDouble(),
    captionModel: await oracleModel(),
  };
  const controller = new AbortController();
  // Stop once the last embeddings unit is committed: that stage finishes, the captions stage never starts.
  await assert.rejects(ingestVideo(store, clip, {
    ...options,
    signal: controller.signal,
    onUnit: (event) => {
      if (event.stage.startsWith('embeddings:') && event.unitIndex === event.unitCount - 1) controller.abort();
    },
  }), (error: unknown) => AbortedError.isInstance(error));

  const [stopped] = listVideos(store);
  assert.deepEqual(stopped!.stagesPending, [], 'no stage was left begun and unfinished');
  assert.equal(stopped!.status, 'partial');
  assert.deepEqual(stopped!.stagesMissing, ['captions']);
  assert.deepEqual(stopped!.stagesPlanned, ['segments', 'keyframes', 'analyzer:bright-region-double', 'embeddings:test:colour-signature-double', 'captions']);
  // Memory-mode tasks see the same gap, so their answers warn that captions are missing.
  const lookup = findIndexedVideo(clip, stopped!.contentHash, { library: store.file });
  try {
    assert.deepEqual(lookup.indexed?.stagesPending, ['captions']);
  } finally {
    lookup.indexed?.store.close();
  }

  const finished = await ingestVideo(store, clip, options);
  assert.deepEqual(finished.stages.filter((stage) => stage.ran > 0).map((stage) => stage.stage), ['captions']);
  const [indexed] = listVideos(store);
  assert.equal(indexed!.status, 'indexed');
  assert.deepEqual(indexed!.stagesMissing, []);
  // The plan names exactly the stages an ingest runs.
  assert.deepEqual(indexed!.stagesPlanned, finished.stages.map((stage) => stage.stage));
});

test('without a recorded plan (a store from before plans), the old rule applies', () => {
  assert.deepEqual(ingestStatus(['segments', 'keyframes'], [], null), { status: 'indexed', stagesMissing: [] });
  assert.deepEqual(ingestStatus(['segments'], ['keyframes'], null), { status: 'partial', stagesMissing: ['keyframes'] });
  assert.deepEqual(ingestStatus([], [], null), { status: 'partial', stagesMissing: [] });
  assert.deepEqual(ingestStatus(['segments', 'keyframes', 'captions'], [], ['segments', 'keyframes']), { status: 'indexed', stagesMissing: [] });
  assert.deepEqual(ingestStatus(['segments'], ['keyframes'], ['segments', 'keyframes', 'captions']), { status: 'partial', stagesMissing: ['keyframes', 'captions'] });
});
