import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ensureIngestVideo } from '../../bench/ingest-video.js';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { probe } from '../../src/media/probe.js';

function meanAbsoluteDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

test('the rendered benchmark video: its length, keyframes off the cuts, a visible change exactly at each cut', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-ingest-video-'));
  // Small frames keep the render cheap; the script and the encode are the same as the hour-long one.
  const video = await ensureIngestVideo({ durationSec: 64, seed: 3, width: 320, height: 180, workDir });
  const { truth } = video;
  assert.ok(truth.cuts.length >= 1);
  const info = await probe(video.videoPath, { cache: null });
  assert.ok(Math.abs(info.duration - 64) < 0.1, `duration ${info.duration}`);
  assert.equal(info.video!.width, 320);
  assert.ok(Math.abs(info.video!.averageFps - 25) < 0.01);
  // A keyframe every 10 s and nowhere else: the encoder did not put one on the cuts.
  assert.deepEqual(info.video!.keyframeTimes.map((time) => Math.round(time * 1000) / 1000), [0, 10, 20, 30, 40, 50, 60]);
  for (const cut of truth.cuts) assert.ok(!info.video!.keyframeTimes.some((time) => Math.abs(time - cut) < 0.5), `a keyframe sits on the cut at ${cut}`);

  // At a cut the picture changes far more than between two frames inside a scene.
  const frame = 1 / truth.fps;
  for (const cut of truth.cuts) {
    const times = [cut - 2 * frame, cut - frame, cut, cut + frame];
    const { frames } = await decodeFrames(video.videoPath, times, { format: 'gray', size: 160, cache: null });
    const [beforeA, beforeB, after, afterB] = frames.map((decoded) => decoded.image);
    const within = Math.max(meanAbsoluteDifference(beforeA!, beforeB!), meanAbsoluteDifference(after!, afterB!));
    const across = meanAbsoluteDifference(beforeB!, after!);
    assert.ok(across > 5 * within + 5, `cut at ${cut}: difference across ${across.toFixed(1)}, within ${within.toFixed(1)}`);
  }
  assert.deepEqual(JSON.parse(fs.readFileSync(video.truthPath, 'utf8')), truth);

  // Cached: asking again returns the same files without rendering.
  const startedAt = Date.now();
  const again = await ensureIngestVideo({ durationSec: 64, seed: 3, width: 320, height: 180, workDir });
  assert.equal(again.videoPath, video.videoPath);
  assert.ok(Date.now() - startedAt < 2000);
  fs.rmSync(workDir, { recursive: true, force: true });
});
