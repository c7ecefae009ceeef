/**
 * The scene pass (src/media/scenes.ts) on a clip generated here with known truth: a moving test pattern
 * for 0–3 s, still colour bars for 3–5 s, then the pattern again (cuts at 3.0 and 5.0 s), with B-frames
 * and a GOP that does not sit on the cuts. One decode yields the cuts and every frame's motion; callers
 * that ask at the same time share that decode; the cache answers later callers with no decode at all;
 * a cancelled pass is a typed error.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { AbortedError } from '../../src/core/errors.js';
import { probe } from '../../src/media/probe.js';
import { cutsFromScores, detectSceneCuts, measureMotion, parseMetadataPrint, scenePass } from '../../src/media/scenes.js';
import type { VideoInfo } from '../../src/media/video-info.js';
import { ffmpeg, fixedGop, x264 } from '../support/media-generators.js';

let folder = '';
let clip = '';
let info: VideoInfo;

before(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-scene-pass-'));
  clip = path.join(folder, 'cuts.mp4');
  await ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=3',
    '-f', 'lavfi', '-i', 'smptebars=size=640x360:rate=25:duration=2',
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=2',
    '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]', '-map', '[v]', ...x264(fixedGop(40)), clip,
  ]);
  info = await probe(clip, { cache: null });
});
after(() => fs.rm(folder, { recursive: true, force: true }));

test('metadata=print output: values with their frame times, lines split anywhere', () => {
  const text = 'frame:0    pts:512     pts_time:0.04\nlavfi.signalstats.YAVG=10.7457\nframe:1    pts:1024    pts_time:0.08\nlavfi.other=3\nlavfi.signalstats.YAVG=7.4\n';
  assert.deepEqual(parseMetadataPrint(text, 'lavfi.signalstats.YAVG'), [{ time: 0.04, value: 10.7457 }, { time: 0.08, value: 7.4 }]);
  assert.deepEqual(cutsFromScores([{ time: 0, value: 0 }, { time: 3, value: 0.31 }, { time: 4, value: 0.3 }, { time: 9, value: 0.9 }], 0.3, { start: 0, end: 9 }), [3]);
});

test('one pass: a score and a motion value per frame; the cuts are the frames over the threshold', async () => {
  const pass = await scenePass(clip, info, { start: 0, end: info.duration });
  assert.equal(pass.sceneScores.length, 175);
  assert.equal(pass.motion.length, 174, 'the first frame has no previous one');
  const cuts = cutsFromScores(pass.sceneScores, 0.3, { start: 0, end: info.duration });
  assert.deepEqual(cuts, [3, 5]);
  const meanMotion = (start: number, end: number) => {
    const inside = pass.motion.filter((m) => m.time > start && m.time < end);
    return inside.reduce((sum, m) => sum + m.value, 0) / inside.length;
  };
  assert.ok(meanMotion(0, 2.95) > 0.005, `the pattern moves: ${meanMotion(0, 2.95)}`);
  assert.ok(meanMotion(3.05, 4.95) < 0.001, `the bars are still: ${meanMotion(3.05, 4.95)}`);
  assert.ok(pass.motion.find((m) => m.time === 3)!.value > 0.1, 'the cut is a large change');
});

test('the segments stage and the analyzers asking at once share one decode; the cache serves later callers', async () => {
  const cache = new ArtifactCache({ root: path.join(folder, 'cache') });
  const span = { start: 0, end: info.duration };
  const [first, second] = await Promise.all([scenePass(clip, info, span), scenePass(clip, info, span)]);
  assert.equal(first, second, 'the second caller joined the running pass: one result object, one decode');
  assert.notEqual(await scenePass(clip, info, span), first, 'a pass that has finished is not kept');
  const [cuts, motion] = await Promise.all([detectSceneCuts(clip, info, { cache }), measureMotion(clip, info, { cache })]);
  assert.deepEqual(cuts, [3, 5]);
  assert.equal(motion.length, 174);
  // Now cached: a missing file would fail any decode.
  const moved = { ...info, path: path.join(folder, 'gone.mp4') };
  assert.deepEqual(await detectSceneCuts(moved.path, moved, { cache }), [3, 5]);
  assert.deepEqual(await measureMotion(moved.path, moved, { cache }), motion);
});

test('cancelled: a typed error, and the next caller decodes afresh', async () => {
  const controller = new AbortController();
  const cancelled = scenePass(clip, info, { start: 0, end: 6 }, { signal: controller.signal });
  controller.abort();
  await assert.rejects(cancelled, (error: unknown) => AbortedError.isInstance(error));
  const pass = await scenePass(clip, info, { start: 0, end: 6 });
  assert.deepEqual(cutsFromScores(pass.sceneScores, 0.3, { start: 0, end: 6 }), [3, 5]);
});
