/**
 * The ingest's lanes (frame work beside the span analyzers, keyframe units analysed as they are stored)
 * change when work happens, never what is stored: the same clip indexed with `parallel` on and off gives
 * the same segments, keyframes and signals, the stages are reported in the one-lane order, and every
 * stage has its timing. Frame analyzers are the doubles of test/memory/support; the span analyzers are
 * the real ffmpeg ones (scene cuts and motion share one decode with the segments stage).
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ingestVideo, type IngestOptions } from '../../../src/memory/ingest/ingest-video.js';
import { checkStoreIntegrity } from '../../../src/memory/store/integrity.js';
import { openStore, type Store } from '../../../src/memory/store/open-store.js';
import { createMotionAnalyzer } from '../../../src/perception/ffmpeg/motion.js';
import { createSceneCutAnalyzer } from '../../../src/perception/ffmpeg/scene-cuts.js';
import { createBrightRegionDouble, createColourCaptionDouble } from '../support/analyzer-doubles.js';
import { patternShotsClip } from '../support/clips.js';

let folder: string;
let clip: string;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-parallel-ingest-'));
  clip = await patternShotsClip(folder, 16);
});
after(() => fs.rmSync(folder, { recursive: true, force: true }));

function options(parallel: boolean): IngestOptions {
  return {
    analyzers: [createBrightRegionDouble(), createColourCaptionDouble(), createSceneCutAnalyzer({ cache: null }), createMotionAnalyzer({ cache: null })],
    keyframes: { sampler: 'dedup', samplerOptions: { fps: 2 }, thumbnailSize: 160, unitSize: 3 },
    spanUnitSeconds: 5,
    cache: null,
    parallel,
  };
}

function contents(store: Store): unknown {
  return {
    segments: store.db.prepare('SELECT segment_index, kind, start_time, end_time FROM segments ORDER BY segment_index').all(),
    keyframes: store.db.prepare('SELECT time, represents_start, represents_end, unit_index, perceptual_hash FROM keyframes ORDER BY time').all(),
    signals: store.db.prepare(`SELECT stage, kind, start_time, end_time, text, number, box_x, box_y, producer, unit_index FROM signals
      ORDER BY stage, unit_index, start_time, kind, text, number`).all(),
    checkpoints: store.db.prepare('SELECT stage, config_hash, unit_index FROM ingest_checkpoints ORDER BY stage, unit_index').all(),
  };
}

test('parallel and one-lane ingests store the same results; stages are reported in one-lane order, each timed', async () => {
  const results = [];
  const stored = [];
  for (const parallel of [false, true]) {
    const store = openStore({ file: path.join(folder, `parallel-${parallel}.sqlite`) });
    try {
      results.push(await ingestVideo(store, clip, options(parallel)));
      assert.deepEqual(checkStoreIntegrity(store).problems, []);
      stored.push(contents(store));
    } finally {
      store.close();
    }
  }
  const [oneLane, lanes] = results;
  assert.deepEqual(stored[1], stored[0]);
  const order = ['segments', 'keyframes', 'analyzer:bright-region-double', 'analyzer:colour-caption-double', 'analyzer:scenes', 'analyzer:motion'];
  assert.deepEqual(oneLane!.stages.map((stage) => stage.stage), order);
  assert.deepEqual(lanes!.stages.map((stage) => stage.stage), order);
  assert.deepEqual(lanes!.stages.map((stage) => [stage.units, stage.ran]), oneLane!.stages.map((stage) => [stage.units, stage.ran]));
  // The keyframe stage is timed in its parts (`keyframes:sample`, `keyframes:decode`, …).
  for (const stage of order) assert.ok(lanes!.stagesTiming.some((timing) => timing.stage === stage || timing.stage.startsWith(`${stage}:`)), `${stage} is timed`);
  assert.ok(oneLane!.stagesTiming.every((timing) => !timing.overlapped), 'one lane: nothing overlaps');
  assert.ok(lanes!.stagesTiming.some((timing) => timing.overlapped), 'lanes: something overlapped');
  const segments = lanes!.stagesTiming.find((timing) => timing.stage === 'segments')!;
  if (process.platform === 'linux') assert.ok(oneLane!.stagesTiming.find((timing) => timing.stage === 'segments')!.childCpuSeconds! > 0, 'the scene pass is ffmpeg CPU');
  assert.ok(segments.wallSeconds > 0);
});
