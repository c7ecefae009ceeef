/**
 * The pure parts of the objects analyzer: COCO label table, CenterNet output rows → detections (with
 * stretched and letterboxed placements), per-label NMS, frame → square placement, the merge of
 * per-frame detections into `people` and `object` spans, and the config hash. The model itself runs
 * in detectors-real-footage.test.ts; one small check here runs it on a real frame's square input.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cocoLabel, cocoLabels } from '../../src/perception/objects/coco-labels.js';
import { decodeCenternetRows } from '../../src/perception/objects/decode-centernet.js';
import { boxFromCorners, boxIou, type Detection } from '../../src/perception/objects/detection.js';
import { frameToSquareRgb, placeInInput } from '../../src/perception/objects/frame-pixels.js';
import { mergeDetections } from '../../src/perception/objects/merge-detections.js';
import { suppressOverlaps } from '../../src/perception/objects/non-max-suppression.js';
import { createObjectAnalyzer } from '../../src/perception/objects/object-analyzer.js';
import { loadTfjsRuntime } from '../../src/perception/objects/tfjs-runtime.js';
import { hashAnalyzerSettings } from '../../src/perception/settings-hash.js';

const person = (score: number, x = 0.1, y = 0.1, width = 0.2, height = 0.5): Detection => ({
  classIndex: 0,
  label: 'person',
  score,
  box: { x, y, width, height },
});
const chair = (score: number): Detection => ({ classIndex: 56, label: 'chair', score, box: { x: 0.6, y: 0.6, width: 0.2, height: 0.2 } });

describe('COCO labels', () => {
  test('80 classes, person first, chair at 56, toothbrush last; unknown indexes are named', () => {
    assert.equal(cocoLabels.length, 80);
    assert.equal(new Set(cocoLabels).size, 80);
    assert.equal(cocoLabel(0), 'person');
    assert.equal(cocoLabel(56), 'chair');
    assert.equal(cocoLabel(79), 'toothbrush');
    assert.equal(cocoLabel(80), 'class-80');
    assert.ok(Object.isFrozen(cocoLabels));
  });
});

describe('CenterNet rows', () => {
  const stretched = placeInInput(1920, 1080, 512, 'stretch');
  test('corners in input pixels become fractions of the frame; low scores and empty boxes are dropped', () => {
    const rows = new Float32Array([
      128, 0, 384, 512, 0.8, 0, // person covering the middle half, full height
      0, 0, 64, 64, 0.5, 56, // chair in the top-left eighth
      10, 10, 20, 20, 0.1, 2, // below the score threshold
      600, 600, 700, 700, 0.9, 1, // entirely outside the input
    ]);
    const found = decodeCenternetRows(rows, stretched, 0.3);
    assert.deepEqual(found.map((d) => [d.label, d.score.toFixed(2)]), [['person', '0.80'], ['chair', '0.50']]);
    assert.deepEqual(found[0]!.box, { x: 0.25, y: 0, width: 0.5, height: 1 });
    assert.deepEqual(found[1]!.box, { x: 0, y: 0, width: 0.125, height: 0.125 });
  });

  test('letterboxed input: the padding is taken off before dividing', () => {
    const placement = placeInInput(1920, 1080, 512, 'letterbox');
    assert.deepEqual(placement, { inputSize: 512, left: 0, top: 112, width: 512, height: 288 });
    const [found] = decodeCenternetRows(new Float32Array([0, 112, 256, 400, 0.7, 0]), placement, 0.3);
    assert.deepEqual(found!.box, { x: 0, y: 0, width: 0.5, height: 1 });
    // A box reaching into the padding is clipped to the frame.
    const [clipped] = decodeCenternetRows(new Float32Array([256, 50, 512, 256, 0.7, 0]), placement, 0.3);
    assert.equal(clipped!.box.y, 0);
    assert.ok(Math.abs(clipped!.box.height - 0.5) < 1e-9);
  });

  test('a portrait frame is letterboxed left and right', () => {
    assert.deepEqual(placeInInput(240, 426, 512, 'letterbox'), { inputSize: 512, left: 112, top: 0, width: 288, height: 512 });
  });
});

describe('boxes and suppression', () => {
  test('IoU of identical, disjoint and half-overlapping boxes', () => {
    const a = { x: 0, y: 0, width: 0.2, height: 0.2 };
    assert.equal(boxIou(a, a), 1);
    assert.equal(boxIou(a, { x: 0.5, y: 0.5, width: 0.1, height: 0.1 }), 0);
    assert.ok(Math.abs(boxIou(a, { x: 0.1, y: 0, width: 0.2, height: 0.2 }) - 1 / 3) < 1e-12);
    assert.equal(boxFromCorners(0.5, 0.5, 0.5, 0.9), undefined);
    assert.deepEqual(boxFromCorners(0.8, 0.9, -0.2, 0.1), { x: 0, y: 0.1, width: 0.8, height: 0.8 });
  });

  test('overlapping boxes of one label collapse to the best; other labels and distant boxes stay', () => {
    const kept = suppressOverlaps([person(0.5, 0.11), person(0.9), chair(0.4), person(0.6, 0.7)], 0.5);
    assert.deepEqual(kept.map((d) => [d.label, d.score]), [['person', 0.9], ['person', 0.6], ['chair', 0.4]]);
    // Two people hugging overlap a little: both stay.
    assert.equal(suppressOverlaps([person(0.9, 0.1), person(0.8, 0.25)], 0.5).length, 2);
  });
});

describe('mergeDetections', () => {
  test('runs of equal person counts become people spans; each frame lasts until the next one', () => {
    const frames = [
      { time: 0, detections: [person(0.9), person(0.7, 0.5)] },
      { time: 1, detections: [person(0.8), person(0.5, 0.5)] },
      { time: 2, detections: [person(0.8), person(0.6, 0.4), person(0.4, 0.7)] },
      { time: 3, detections: [chair(0.5)] },
      { time: 4, detections: [person(0.9)] },
    ];
    const signals = mergeDetections(frames, { start: 0, end: 5 }, 'detector:test');
    const people = signals.filter((s) => s.kind === 'people');
    assert.deepEqual(people.map((s) => [s.span.start, s.span.end, s.value]), [[0, 2, 2], [2, 3, 3], [4, 5, 1]]);
    assert.deepEqual(people[0]!.confidence, { value: (0.7 + 0.5) / 2, source: 'model-score' });
    const objects = signals.filter((s) => s.kind === 'object');
    assert.deepEqual(objects.map((s) => [s.value, s.span.start, s.span.end]), [['person', 0, 3], ['chair', 3, 4], ['person', 4, 5]]);
    assert.equal(objects[0]!.confidence!.value, 0.9);
    assert.deepEqual(objects[0]!.box, person(0.9).box);
    assert.ok(signals.every((s) => s.producer === 'detector:test'));
  });

  test('frames out of order are sorted; no detections give no signals; the last frame ends at the span end', () => {
    assert.deepEqual(mergeDetections([{ time: 3, detections: [] }, { time: 1, detections: [] }], { start: 0, end: 4 }, 'd'), []);
    const signals = mergeDetections([{ time: 2, detections: [person(0.5)] }, { time: 1, detections: [person(0.6)] }], { start: 0, end: 2.5 }, 'd');
    assert.deepEqual(signals.filter((s) => s.kind === 'people').map((s) => s.span), [{ start: 1, end: 2.5 }]);
  });
});

describe('settings hash and analyzer config', () => {
  test('key order does not matter; a changed setting changes the hash', () => {
    const a = hashAnalyzerSettings('objects', 1, { minScore: 0.26, fit: 'letterbox' });
    assert.equal(a, hashAnalyzerSettings('objects', 1, { fit: 'letterbox', minScore: 0.26 }));
    assert.notEqual(a, hashAnalyzerSettings('objects', 1, { fit: 'letterbox', minScore: 0.3 }));
    assert.notEqual(a, hashAnalyzerSettings('objects', 2, { fit: 'letterbox', minScore: 0.26 }));
    assert.match(a, /^[0-9a-f]{64}$/);
  });

  test('the objects analyzer exposes its hash without loading the model', () => {
    const first = createObjectAnalyzer();
    assert.equal(first.configHash, createObjectAnalyzer().configHash);
    assert.notEqual(first.configHash, createObjectAnalyzer({ minScore: 0.5 }).configHash);
    assert.equal(first.frameMaxSide, 512);
    assert.deepEqual(first.kinds, ['people', 'object']);
  });

  test('an aborted unit stops before any model work, with an AbortedError', async () => {
    const controller = new AbortController();
    controller.abort();
    const frame = { requestedTime: 0, time: 0, width: 2, height: 2, image: new Uint8Array(12), format: 'rgb' as const };
    await assert.rejects(
      createObjectAnalyzer().analyzeFrames([frame], { video: 'v.mp4', span: { start: 0, end: 1 }, signal: controller.signal }),
      (error: Error) => error.name === 'AbortedError',
    );
  });
});

describe('frame → square input', () => {
  test('raw RGB is letterboxed with black bands and the frame content in the middle', async () => {
    const width = 40, height = 20;
    const image = new Uint8Array(width * height * 3).fill(200);
    const { pixels, placement } = await frameToSquareRgb({ requestedTime: 0, time: 0, width, height, image, format: 'rgb' }, 64, 'letterbox');
    assert.equal(pixels.length, 64 * 64 * 3);
    assert.deepEqual(placement, { inputSize: 64, left: 0, top: 16, width: 64, height: 32 });
    const at = (x: number, y: number) => pixels[(y * 64 + x) * 3]!;
    assert.equal(at(32, 2), 0);
    assert.equal(at(32, 32), 200);
    assert.equal(at(32, 61), 0);
  });

  test('raw bytes of the wrong length are a MediaError naming the frame', async () => {
    await assert.rejects(
      frameToSquareRgb({ requestedTime: 1, time: 1.5, width: 4, height: 4, image: new Uint8Array(10), format: 'rgb' }, 64, 'stretch'),
      (error: Error) => error.name === 'MediaError' && /1\.5s/.test(error.message),
    );
  });
});

describe('tfjs runtime', () => {
  test('starts on the WASM backend and leaves the process error handlers as they were', async () => {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const runtime = await loadTfjsRuntime();
    assert.equal(runtime.backend, 'wasm');
    assert.deepEqual([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')], before);
    assert.equal(await loadTfjsRuntime(), runtime);
  });
});
