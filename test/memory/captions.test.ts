/**
 * The `captions` ingest stage on a synthetic clip with the `oracle:` model (which captions from the
 * pixels it is sent), the clip cut into 3-second segments: one caption per segment through the plan and
 * model layers, stored with the model that wrote it and found by full-text search; an unchanged video
 * costs no request; another model re-runs this stage only; a stage stopped part-way resumes at the next
 * segment and ends with the captions of an uninterrupted run.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { AbortedError } from '../../src/core/errors.js';
import { captionSpans } from '../../src/memory/ingest/captions/caption-spans.js';
import { ingestVideo, type IngestOptions } from '../../src/memory/ingest/ingest-video.js';
import { captionsOf } from '../../src/memory/query/captions.js';
import { searchText } from '../../src/memory/query/search-text.js';
import { listVideos } from '../../src/memory/query/videos.js';
import { checkStoreIntegrity } from '../../src/memory/store/integrity.js';
import { openStore, type Store } from '../../src/memory/store/open-store.js';
import type { LanguageModel } from '../../src/models/language-model.js';
import { oracleModel, recordRequests, renderCaptionClip } from './support/caption-clip.js';

let folder: string;
let clip: string;
let cache: ArtifactCache;
let reference: LanguageModel;
const stores: Store[] = [];

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-captions-'));
  clip = await renderCaptionClip(folder);
  cache = new ArtifactCache({ root: path.join(folder, 'cache') });
  reference = await oracleModel('oracle:reference');
});
after(() => {
  for (const store of stores) store.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

function newStore(name: string): Store {
  const store = openStore({ file: path.join(folder, `${name}.sqlite`) });
  stores.push(store);
  return store;
}

const segments = [[0, 3], [3, 6], [6, 9], [9, 12]];
const baseOptions = (): IngestOptions => ({
  cache,
  analyzers: [],
  segmentation: { method: 'chunks', seconds: 3 },
  keyframes: { sampler: 'dedup', samplerOptions: { fps: 1 }, thumbnailSize: 160, unitSize: 8 },
});
const askedSpan = (question: string): string => /Describe this part of the video, (\S+)\./.exec(question)?.[1] ?? question;

let uninterrupted: Array<{ span: { start: number; end: number }; text: string }> = [];

test('each segment gets one caption from the model, with the model recorded, searchable by --kind caption', async () => {
  const store = newStore('plain');
  const model = recordRequests(reference);
  const result = await ingestVideo(store, clip, { ...baseOptions(), captionModel: model });
  assert.deepEqual(result.stages.map((stage) => stage.stage), ['segments', 'keyframes', 'captions']);
  assert.deepEqual(model.questions.map(askedSpan), ['00:00:00.0-00:00:03.0', '00:00:03.0-00:00:06.0', '00:00:06.0-00:00:09.0', '00:00:09.0-00:00:12.0']);

  const captions = captionsOf(store, clip);
  assert.deepEqual(captions.map((caption) => [caption.span.start, caption.span.end]), segments);
  for (const caption of captions) {
    assert.equal(caption.producer, 'caption:oracle:reference');
    assert.equal(caption.model.id, 'oracle:reference');
    assert.equal(caption.model.provider, 'oracle');
    assert.equal(caption.source, 'model');
    assert.ok(caption.text.length > 0);
  }
  // What the oracle saw in each segment's frames: the red circle in the first scene, the blue square in the second.
  assert.match(captions[0]!.text, /red circle/i);
  assert.match(captions[2]!.text, /blue square/i);
  assert.doesNotMatch(captions[0]!.text, /square/i);

  const hits = searchText(store, 'circle', { kinds: ['caption'] });
  assert.ok(hits.length > 0);
  for (const hit of hits) {
    assert.equal(hit.kind, 'caption');
    assert.ok(hit.span.end <= 6 + 1e-6, `a circle caption lies in the first scene, got ${hit.span.start}–${hit.span.end}`);
  }
  assert.deepEqual(searchText(store, 'square', { kinds: ['caption'] }).map((hit) => hit.span.start).sort(), [6, 9]);
  assert.equal(listVideos(store)[0]!.status, 'indexed');
  assert.ok(checkStoreIntegrity(store).ok);
  uninterrupted = captions.map(({ span, text }) => ({ span, text }));

  // Unchanged: no request, every unit skipped.
  const again = await ingestVideo(store, clip, { ...baseOptions(), captionModel: model });
  assert.equal(model.questions.length, 4);
  assert.equal(again.unitsRun, 0);

  // Another model: only the captions stage runs again, and its captions replace the first model's.
  const second = recordRequests(await oracleModel('oracle:second-captioner'));
  const changed = await ingestVideo(store, clip, { ...baseOptions(), captionModel: second });
  assert.deepEqual(changed.stages.map((stage) => [stage.stage, stage.ran]), [['segments', 0], ['keyframes', 0], ['captions', 4]]);
  assert.equal(second.questions.length, 4);
  const replaced = captionsOf(store, clip);
  assert.equal(replaced.length, 4);
  assert.ok(replaced.every((caption) => caption.producer === 'caption:oracle:second-captioner'));
  assert.ok(checkStoreIntegrity(store).ok);
});

test('a caption stage stopped part-way resumes at the next segment and ends as an uninterrupted run', async () => {
  assert.equal(uninterrupted.length, 4, 'needs the first test');
  const store = newStore('stopped');
  const model = recordRequests(reference);
  const controller = new AbortController();
  await assert.rejects(ingestVideo(store, clip, {
    ...baseOptions(),
    captionModel: model,
    signal: controller.signal,
    onUnit: (event) => {
      if (event.stage === 'captions' && event.unitIndex === 1 && event.ran) controller.abort();
    },
  }), (error: unknown) => AbortedError.isInstance(error));
  assert.equal(model.questions.length, 2);
  const stopped = listVideos(store)[0]!;
  assert.equal(stopped.status, 'partial');
  assert.deepEqual(stopped.stagesMissing, ['captions']);
  assert.equal(captionsOf(store, clip).length, 2);
  assert.ok(checkStoreIntegrity(store).ok);

  const resumed = await ingestVideo(store, clip, { ...baseOptions(), captionModel: model });
  assert.deepEqual(model.questions.slice(2).map(askedSpan), ['00:00:06.0-00:00:09.0', '00:00:09.0-00:00:12.0']);
  assert.deepEqual(resumed.stages.find((stage) => stage.stage === 'captions'), { ...resumed.stages.find((stage) => stage.stage === 'captions')!, ran: 2, skipped: 2 });
  assert.deepEqual(captionsOf(store, clip).map(({ span, text }) => ({ span, text })), uninterrupted);
  assert.equal(listVideos(store)[0]!.status, 'indexed');
});

test('segments shorter than the minimum are captioned together; a short remainder joins the span before it', () => {
  const segments = [[0, 0.5], [0.5, 1.2], [1.2, 5], [5, 5.4], [5.4, 9], [9, 9.5]].map(([start, end], index) => ({ index, span: { start: start!, end: end! } }));
  assert.deepEqual(captionSpans(segments, 2), [
    { index: 0, span: { start: 0, end: 5 }, segments: 3 },
    { index: 3, span: { start: 5, end: 9.5 }, segments: 3 },
  ]);
  assert.deepEqual(captionSpans(segments, 0).map((span) => span.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(captionSpans([{ index: 0, span: { start: 0, end: 1 } }], 2), [{ index: 0, span: { start: 0, end: 1 }, segments: 1 }]);
  assert.deepEqual(captionSpans([], 2), []);
});
