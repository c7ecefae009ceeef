/**
 * The query API over a store built by the real ingest (solid colour cards, the analyzer doubles and the
 * colour-signature embedder double) plus hand-written text signals for ranking: BM25 order, filters,
 * hostile query text, the bounded library-wide ranking, labels, spans, structure, thumbnails, videos,
 * nearest keyframes by embedding, and typed errors for unknown videos and missing embeddings.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { ConfigError, NotFoundError } from '../../src/core/errors.js';
import { ingestVideo } from '../../src/memory/ingest/ingest-video.js';
import { insertSignals } from '../../src/memory/ingest/write-signals.js';
import {
  keyframesInSpan,
  listVideos,
  nearestKeyframes,
  objectsByLabel,
  readThumbnail,
  searchText,
  searchTextDetailed,
  searchVisual,
  segmentsInSpan,
  textInSpan,
  transcriptInSpan,
} from '../../src/memory/query/index.js';
import { openStore, type Store } from '../../src/memory/store/open-store.js';
import type { Signal } from '../../src/perception/signal.js';
import { createBrightRegionDouble, createColourCaptionDouble } from './support/analyzer-doubles.js';
import { createColourEmbedderDouble } from './support/embedder-double.js';
import { solidColoursClip } from './support/solid-colours-clip.js';

let folder: string;
let clip: string;
let store: Store;
let videoId: number;
const embedder = createColourEmbedderDouble();

function textSignal(kind: Signal['kind'], start: number, end: number, value: string): Signal {
  return { kind, span: { start, end }, value, confidence: { value: 0.9, source: 'model-score' }, producer: 'test:hand-written' };
}

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-queries-'));
  clip = await solidColoursClip(folder);
  store = openStore({ file: path.join(folder, 'store.sqlite') });
  const result = await ingestVideo(store, clip, {
    analyzers: [createBrightRegionDouble(), createColourCaptionDouble()],
    keyframes: { sampler: 'dedup', samplerOptions: { fps: 2 }, thumbnailSize: 64, unitSize: 2 },
    embedder,
    cache: new ArtifactCache({ root: path.join(folder, 'cache') }),
  });
  videoId = result.video.id;
  store.db.transaction(() => insertSignals(store.db, { videoId, stage: 'test', configHash: 'test', unitIndex: 0 }, [
    textSignal('text', 0.5, 1.5, 'forklift'),
    textSignal('text', 2.5, 3.5, 'a forklift enters the loading dock area very slowly today'),
    textSignal('speech', 4.2, 5.0, 'the forklift driver waves'),
    textSignal('subtitle', 6.1, 7.0, 'Forklift: "stop" -- NEAR the dock*'),
  ]))();
});
after(() => {
  store.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('text search', () => {
  test('ranks by BM25 (the short exact line first) and carries video, span, score and thumbnail', () => {
    const hits = searchText(store, 'Forklift');
    assert.equal(hits.length, 4);
    assert.equal(hits[0]!.value, 'forklift');
    assert.deepEqual(hits[0]!.span, { start: 0.5, end: 1.5 });
    assert.equal(hits[0]!.video.path, clip);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score);
    const thumbnail = hits[0]!.thumbnail;
    assert.ok(thumbnail && thumbnail.time <= hits[0]!.span.end);
    assert.deepEqual([...readThumbnail(store, thumbnail.keyframeId).subarray(0, 2)], [0xff, 0xd8]);
  });

  test('every word must appear by default; `any` relaxes it', () => {
    assert.deepEqual(searchText(store, 'forklift dock').map((hit) => hit.span.start).sort(), [2.5, 6.1]);
    assert.equal(searchText(store, 'forklift dock', { match: 'any' }).length, 4);
  });

  test('query text is data: FTS5 syntax characters neither fail nor change the meaning', () => {
    for (const query of ['"stop" NEAR', 'dock*', 'forklift -driver', 'OR AND NOT', '(((', '']) {
      assert.doesNotThrow(() => searchText(store, query), query);
    }
    assert.equal(searchText(store, 'forklift -driver').length, 1, '"-driver" is the word driver, not a negation');
    assert.equal(searchText(store, '').length, 0);
  });

  test('filters by kind, span and video', () => {
    assert.deepEqual(searchText(store, 'forklift', { kinds: ['speech', 'subtitle'] }).map((hit) => hit.kind).sort(), ['speech', 'subtitle']);
    assert.deepEqual(searchText(store, 'forklift', { span: { start: 2, end: 5 } }).map((hit) => hit.span.start).sort(), [2.5, 4.2]);
    assert.equal(searchText(store, 'forklift', { video: clip, span: { start: 0, end: 1 } }).length, 1);
    assert.equal(searchText(store, 'mostly', { kinds: ['caption'], video: videoId }).length > 0, true);
  });

  test('a query matching more than maxCandidates is ranked on a spread sample and says so', () => {
    const exact = searchTextDetailed(store, 'mostly', { limit: 3 });
    assert.equal(exact.exhaustive, true);
    const sampled = searchTextDetailed(store, 'mostly', { limit: 3, maxCandidates: 3 });
    assert.equal(sampled.exhaustive, false);
    assert.equal(sampled.hits.length, 3);
    const everything = new Set(searchTextDetailed(store, 'mostly', { limit: 100 }).hits.map((hit) => hit.id));
    for (const hit of sampled.hits) assert.ok(everything.has(hit.id));
    for (let i = 1; i < sampled.hits.length; i++) assert.ok(sampled.hits[i - 1]!.score >= sampled.hits[i]!.score);
  });

  test('an unknown video is a NotFoundError saying how to index it', () => {
    assert.throws(() => searchText(store, 'forklift', { video: '/no/such.mp4' }),
      (error: unknown) => NotFoundError.isInstance(error) && /reelm index/.test(error.message));
  });
});

describe('signals by time and label', () => {
  test('detector labels are found case-insensitively, only where they are', () => {
    const hits = objectsByLabel(store, 'BRIGHT-region');
    assert.ok(hits.length >= 1);
    for (const hit of hits) {
      assert.ok(hit.span.start >= 5.9 && hit.span.end <= 8.01, `bright region only on the white card: ${JSON.stringify(hit.span)}`);
      assert.ok(hit.box && hit.box.width > 0.9, 'the whole white frame is bright');
    }
    assert.equal(objectsByLabel(store, 'bright-region', { span: { start: 0, end: 5 } }).length, 0);
    assert.equal(objectsByLabel(store, 'bright-region', { video: videoId, minConfidence: 1.01 }).length, 0);
  });

  test('on-screen text and transcript in a span, in time order', () => {
    assert.deepEqual(textInSpan(store, clip, { start: 0, end: 3 }).map((hit) => hit.span.start), [0.5, 2.5]);
    assert.deepEqual(transcriptInSpan(store, clip).map((hit) => hit.kind), ['speech', 'subtitle']);
  });

  test('captions from the captioner double name the colour of each card', () => {
    const captions = signalsByStart(store);
    assert.match(captions.get(0)!, /blue/);
    assert.match(captions.get(2)!, /red/);
    assert.match(captions.get(4)!, /green/);
    assert.match(captions.get(6)!, /bright/);
  });
});

function signalsByStart(target: Store): Map<number, string> {
  const rows = target.db.prepare("SELECT start_time AS start, text FROM signals WHERE kind = 'caption' ORDER BY start_time").all() as Array<{ start: number; text: string }>;
  return new Map(rows.map((row) => [Math.floor(row.start / 2) * 2, row.text]));
}

describe('structure', () => {
  test('segments are the four cards; keyframes one per card, with thumbnails and perceptual hashes', () => {
    const segments = segmentsInSpan(store, clip);
    assert.equal(segments.length, 4);
    segments.slice(1).forEach((segment, i) => assert.ok(Math.abs(segment.span.start - 2 * (i + 1)) < 0.15, `cut near ${2 * (i + 1)} s`));
    assert.equal(segmentsInSpan(store, clip, { start: 2.5, end: 3 }).length, 1);
    const keyframes = keyframesInSpan(store, clip);
    assert.equal(keyframes.length, 4);
    for (const keyframe of keyframes) assert.match(keyframe.perceptualHash, /^[0-9a-f]{16}$/);
    assert.equal(keyframesInSpan(store, clip, { start: 0, end: 1.99 }).length, 1);
  });

  test('listVideos reports the video with its counts and finished stages', () => {
    const [video] = listVideos(store);
    assert.equal(video!.path, clip);
    assert.equal(video!.keyframes, 4);
    assert.ok(video!.signals > 4);
    assert.equal(video!.info.duration > 7.9, true);
    assert.ok(video!.stagesDone.includes('keyframes') && video!.stagesDone.includes(`embeddings:${embedder.id}`));
    assert.deepEqual(video!.stagesPending, []);
  });
});

describe('nearest keyframes', () => {
  test('a colour word finds its card first', async () => {
    for (const [colour, start] of [['blue', 0], ['red', 2], ['green', 4], ['white', 6]] as const) {
      const [best] = await searchVisual(store, embedder, `a ${colour} screen`, { k: 2 });
      assert.ok(best!.thumbnail.time >= start && best!.thumbnail.time < start + 2, `${colour}: ${best!.thumbnail.time}`);
      assert.ok(best!.score > 0.9);
    }
    const [inVideo] = await searchVisual(store, embedder, 'blue', { k: 1, video: clip });
    assert.equal(inVideo!.video.path, clip);
  });

  test('a vector of the wrong size or an unknown embedder is a ConfigError', () => {
    assert.throws(() => nearestKeyframes(store, new Float32Array(3)), (error: unknown) => ConfigError.isInstance(error) && /same model/.test(error.message));
    assert.throws(() => nearestKeyframes(store, new Float32Array(8), { embedder: 'other:model' }), (error: unknown) => ConfigError.isInstance(error) && /index again/.test(error.message));
  });
});
