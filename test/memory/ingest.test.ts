/**
 * The ingest pipeline on real clips with real ffmpeg and SQLite: units are checkpointed; an unchanged
 * file re-indexes with no work; a changed analyzer setting re-runs that analyzer only, a changed
 * keyframe setting re-runs keyframes and every frame analyzer; a cancelled ingest resumes where it
 * stopped; new content at the same path replaces the old results; progress is reported per video and
 * overall. Analyzers are the doubles in support/analyzer-doubles.ts.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AbortedError, ConfigError } from '../../src/core/errors.js';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import type { ProgressEvent } from '../../src/core/progress.js';
import { createAnalyzerRegistry, builtinAnalyzerEntries } from '../../src/memory/ingest/analyzer-registry.js';
import { ingestVideos } from '../../src/memory/ingest/ingest-library.js';
import { ingestVideo, type IngestOptions } from '../../src/memory/ingest/ingest-video.js';
import { checkStoreIntegrity } from '../../src/memory/store/integrity.js';
import { openStore, type Store } from '../../src/memory/store/open-store.js';
import type { SpanAnalyzer } from '../../src/perception/analyzer.js';
import { createBrightRegionDouble, createColourCaptionDouble, analyzerDoubleEntries } from './support/analyzer-doubles.js';
import { patternShotsClip } from './support/clips.js';

let folder: string;
let clip: string;
let cache: ArtifactCache;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-ingest-'));
  cache = new ArtifactCache({ root: path.join(folder, 'cache') });
  clip = await patternShotsClip(folder, 16);
});
after(() => fs.rmSync(folder, { recursive: true, force: true }));

function options(overrides: Partial<IngestOptions> = {}): IngestOptions {
  return {
    analyzers: [createBrightRegionDouble(), createColourCaptionDouble()],
    keyframes: { sampler: 'dedup', samplerOptions: { fps: 2 }, thumbnailSize: 160, unitSize: 3 },
    cache,
    ...overrides,
  };
}

function logCount(store: Store, stage?: string): number {
  const row = (stage === undefined
    ? store.db.prepare('SELECT COUNT(*) AS n FROM ingest_log').get()
    : store.db.prepare('SELECT COUNT(*) AS n FROM ingest_log WHERE stage = ?').get(stage)) as { n: number };
  return row.n;
}

function signalIds(store: Store, stage: string): number[] {
  return (store.db.prepare('SELECT id FROM signals WHERE stage = ? ORDER BY id').all(stage) as Array<{ id: number }>).map((row) => row.id);
}

describe('ingestVideo', () => {
  test('indexes every stage in units, then re-indexing the unchanged file does nothing', async () => {
    const store = openStore({ file: path.join(folder, 'unchanged.sqlite') });
    try {
      const first = await ingestVideo(store, clip, options());
      assert.deepEqual(first.stages.map((stage) => stage.stage),
        ['segments', 'keyframes', 'analyzer:bright-region-double', 'analyzer:colour-caption-double']);
      const keyframeUnits = first.stages[1]!.units;
      assert.ok(keyframeUnits >= 3, `${keyframeUnits} keyframe units`);
      for (const stage of first.stages) assert.equal(stage.ran, stage.units, stage.stage);
      assert.equal(first.unitsSkipped, 0);
      assert.ok(first.framesAnalysed > 0);
      assert.equal(logCount(store), first.unitsRun);
      assert.deepEqual(checkStoreIntegrity(store).problems, []);

      const second = await ingestVideo(store, clip, options());
      assert.equal(second.unitsRun, 0);
      assert.equal(second.unitsSkipped, first.unitsRun);
      assert.equal(second.framesAnalysed, 0);
      assert.equal(logCount(store), first.unitsRun);
      assert.equal(second.video.id, first.video.id);
    } finally {
      store.close();
    }
  });

  test('a changed analyzer setting re-runs only that analyzer; changed keyframes re-run the frame analyzers', async () => {
    const store = openStore({ file: path.join(folder, 'config-change.sqlite') });
    try {
      const first = await ingestVideo(store, clip, options());
      const captionIds = signalIds(store, 'analyzer:colour-caption-double');
      const keyframeIds = store.db.prepare('SELECT id FROM keyframes ORDER BY id').all();
      const brightBefore = signalIds(store, 'analyzer:bright-region-double');

      const rerun = await ingestVideo(store, clip, options({ analyzers: [createBrightRegionDouble(120), createColourCaptionDouble()] }));
      const ran = Object.fromEntries(rerun.stages.map((stage) => [stage.stage, stage.ran]));
      assert.deepEqual(ran, { segments: 0, keyframes: 0, 'analyzer:bright-region-double': first.stages[2]!.units, 'analyzer:colour-caption-double': 0 });
      assert.deepEqual(signalIds(store, 'analyzer:colour-caption-double'), captionIds, 'captions untouched');
      assert.deepEqual(store.db.prepare('SELECT id FROM keyframes ORDER BY id').all(), keyframeIds, 'keyframes untouched');
      const brightAfter = signalIds(store, 'analyzer:bright-region-double');
      assert.ok(brightAfter.every((id) => !brightBefore.includes(id)), 'old detections replaced');
      // A lower threshold finds at least as many bright frames.
      assert.ok(brightAfter.length >= brightBefore.length);

      const regrouped = await ingestVideo(store, clip, options({ keyframes: { sampler: 'dedup', samplerOptions: { fps: 2 }, thumbnailSize: 160, unitSize: 5 } }));
      const ranAgain = Object.fromEntries(regrouped.stages.map((stage) => [stage.stage, stage.ran > 0]));
      assert.deepEqual(ranAgain, { segments: false, keyframes: true, 'analyzer:bright-region-double': true, 'analyzer:colour-caption-double': true });
      assert.deepEqual(checkStoreIntegrity(store).problems, []);
    } finally {
      store.close();
    }
  });

  test('a cancelled ingest stops with AbortedError and the next run does only the rest', async () => {
    const store = openStore({ file: path.join(folder, 'abort.sqlite') });
    const reference = openStore({ file: path.join(folder, 'abort-reference.sqlite') });
    try {
      const whole = await ingestVideo(reference, clip, options());
      const controller = new AbortController();
      let committed = 0;
      await assert.rejects(
        ingestVideo(store, clip, options({
          signal: controller.signal,
          onUnit: (event) => {
            if (event.ran && ++committed === 3) controller.abort();
          },
        })),
        (error: unknown) => AbortedError.isInstance(error),
      );
      assert.equal(logCount(store), 3);
      assert.deepEqual(checkStoreIntegrity(store).problems, []);
      const resumed = await ingestVideo(store, clip, options());
      assert.equal(resumed.unitsSkipped, 3);
      assert.equal(resumed.unitsRun, whole.unitsRun - 3);
      assert.equal(logCount(store), whole.unitsRun);
    } finally {
      store.close();
      reference.close();
    }
  });

  test('new content at the same path replaces the old results', async () => {
    const store = openStore({ file: path.join(folder, 'replace.sqlite') });
    const moving = path.join(folder, 'moving.mp4');
    try {
      fs.copyFileSync(clip, moving);
      const first = await ingestVideo(store, moving, options());
      fs.copyFileSync(await patternShotsClip(path.join(folder), 8), moving);
      const second = await ingestVideo(store, moving, options());
      assert.equal(second.replaced, true);
      assert.notEqual(second.contentHash, first.contentHash);
      const videos = store.db.prepare('SELECT content_hash AS hash FROM videos').all() as Array<{ hash: string }>;
      assert.deepEqual(videos.map((video) => video.hash), [second.contentHash]);
      const maxTime = store.db.prepare('SELECT MAX(end_time) AS end FROM signals').get() as { end: number };
      assert.ok(maxTime.end <= 8.01, 'no signal from the longer old file survives');
      assert.deepEqual(checkStoreIntegrity(store).problems, []);
    } finally {
      store.close();
    }
  });

  test('unknown analyzer ids and duplicate registrations are configuration errors', async () => {
    const store = openStore({ file: path.join(folder, 'unknown.sqlite') });
    try {
      await assert.rejects(ingestVideo(store, clip, options({ analyzers: ['no-such-analyzer'] })),
        (error: unknown) => ConfigError.isInstance(error) && /choose from ocr/.test(error.message));
    } finally {
      store.close();
    }
    assert.throws(() => createAnalyzerRegistry([...builtinAnalyzerEntries, ...analyzerDoubleEntries, analyzerDoubleEntries[0]!]),
      (error: unknown) => ConfigError.isInstance(error) && /bright-region-double/.test(error.message));
  });
});

/**
 * A span-analyzer double at the model boundary: measures how many bytes of the file each span covers
 * in proportion (byte size × span share), standing in for an ffmpeg loudness or motion pass.
 */
function createSpanShareDouble(): SpanAnalyzer {
  return {
    id: 'span-share-double',
    input: 'span',
    kinds: ['motion'],
    configHash: 'span-share-double|1',
    async analyzeSpan(context) {
      const bytes = fs.statSync(context.video).size;
      return [{ kind: 'motion', span: context.span, value: Math.min(1, (context.span.end - context.span.start) / 16), confidence: null, producer: `motion:span-share-double:${bytes}` }];
    },
  };
}

describe('span analyzers', () => {
  test('run over fixed spans, one checkpointed unit each, and are skipped when done', async () => {
    const store = openStore({ file: path.join(folder, 'span.sqlite') });
    try {
      const first = await ingestVideo(store, clip, options({ analyzers: [createSpanShareDouble()], spanUnitSeconds: 5 }));
      const stage = first.stages.find((candidate) => candidate.stage === 'analyzer:span-share-double')!;
      assert.equal(stage.units, 4);
      assert.equal(stage.ran, 4);
      const spans = store.db.prepare("SELECT start_time AS start, end_time AS end FROM signals WHERE kind = 'motion' ORDER BY start_time").all();
      assert.deepEqual(spans.map((span) => (span as { start: number }).start), [0, 5, 10, 15]);
      const again = await ingestVideo(store, clip, options({ analyzers: [createSpanShareDouble()], spanUnitSeconds: 5 }));
      assert.equal(again.unitsRun, 0);
    } finally {
      store.close();
    }
  });
});

describe('ingestVideos', () => {
  test('indexes several videos with progress per video and overall; a bad file is reported, the rest go on', async () => {
    const store = openStore({ file: path.join(folder, 'library.sqlite') });
    const notVideo = path.join(folder, 'notes.mp4');
    fs.writeFileSync(notVideo, 'not a video');
    const events: ProgressEvent[] = [];
    try {
      const second = await patternShotsClip(path.join(folder), 8);
      const outcomes = await ingestVideos(store, [clip, notVideo, second], { ...options(), concurrency: 2, onProgress: (event) => events.push(event) });
      assert.deepEqual(outcomes.map((outcome) => outcome.ok), [true, false, true]);
      const overall = events.flatMap((event) => (event.stage === 'index' && event.type === 'progress' ? [event.done] : []));
      assert.equal(overall.at(-1), 3);
      assert.ok(events.some((event) => event.type === 'warning' && event.message.includes('notes.mp4')));
      for (const video of [clip, second]) {
        assert.ok(events.some((event) => event.type === 'done' && event.stage === `${video}: keyframes`), `keyframe progress for ${video}`);
      }
      assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM videos').get() as { n: number }).n, 2);
    } finally {
      store.close();
    }
  });
});
