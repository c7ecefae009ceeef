import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import { linspaceIndices } from '../../src/media/samplers/frame-index.js';
import { getSampler, sampleTimes, samplers } from '../../src/media/samplers/index.js';
import type { VideoInfo } from '../../src/media/video-info.js';

const info: VideoInfo = {
  path: '/v/a.mp4', container: 'mov,mp4', duration: 10, startTime: 0, byteSize: 1, contentHash: 'h', streams: [], warnings: [], truncated: false,
  video: {
    index: 0, codec: 'h264', width: 320, height: 240, codedWidth: 320, codedHeight: 240, rotation: 0, nominalFps: 10, averageFps: 10,
    variableFrameRate: false, frameCount: 100, keyframeTimes: [0, 2.5, 5, 7.5], firstFrameTime: 0, lastFrameTime: 9.9,
  },
};
const run = (id: string, options: unknown, span?: { start: number; end: number }) =>
  sampleTimes(id, options, { input: info.path, info, span }).then((samples) => samples.map((sample) => Number(sample.time.toFixed(6))));

test('the registry is frozen and names every sampler', () => {
  assert.ok(Object.isFrozen(samplers));
  assert.deepEqual(Object.keys(samplers), ['uniform', 'frame-index', 'fps', 'segment-middle', 'keyframes', 'scenes', 'dedup', 'transients']);
  assert.throws(() => getSampler('random'), (error: unknown) => ConfigError.isInstance(error) && /uniform/.test(error.message));
});

test('uniform: centres of equal parts, or both ends with includeLast; honours a span', async () => {
  assert.deepEqual(await run('uniform', { count: 4 }), [1.25, 3.75, 6.25, 8.75]);
  assert.deepEqual(await run('uniform', { count: 3, includeLast: true }), [0, 5, 10]);
  assert.deepEqual(await run('uniform', { count: 2 }, { start: 2, end: 4 }), [2.5, 3.5]);
});

test('frame-index reproduces np.linspace(0, n-1, N).astype(int)', async () => {
  // np.linspace(0, 99, 8).astype(int) == [0, 14, 28, 42, 56, 70, 84, 99]
  assert.deepEqual(linspaceIndices(0, 99, 8), [0, 14, 28, 42, 56, 70, 84, 99]);
  // np.linspace(0, 299, 16).astype(int)
  assert.deepEqual(linspaceIndices(0, 299, 16), [0, 19, 39, 59, 79, 99, 119, 139, 159, 179, 199, 219, 239, 259, 279, 299]);
  assert.deepEqual(await run('frame-index', { count: 8 }), [0, 1.4, 2.8, 4.2, 5.6, 7, 8.4, 9.9]);
});

test('fps: a fixed rate, lowered to fit a cap', async () => {
  assert.deepEqual(await run('fps', { fps: 0.5 }), [0, 2, 4, 6, 8]);
  assert.deepEqual(await run('fps', { fps: 10, maxFrames: 4 }), [0, 2.5, 5, 7.5]);
});

test('segment-middle: the InternVL/MVBench rule', async () => {
  // seg = 100/4 = 25; indices int(12.5 + 25 i) = 12, 37, 62, 87
  assert.deepEqual(await run('segment-middle', { count: 4 }), [1.2, 3.7, 6.2, 8.7]);
});

test('keyframes: from the packet index, within the span, with what each stands for', async () => {
  assert.deepEqual(await run('keyframes', {}), [0, 2.5, 5, 7.5]);
  assert.deepEqual(await run('keyframes', {}, { start: 2, end: 6 }), [2.5, 5]);
  const samples = await sampleTimes('keyframes', {}, { input: info.path, info });
  assert.deepEqual(samples[3]!.represents, { start: 7.5, end: 10 });
});

test('bad options and spans outside the video are typed errors', async () => {
  await assert.rejects(run('uniform', { count: 0 }), (error: unknown) => ConfigError.isInstance(error) && error.source === 'sampler uniform');
  await assert.rejects(run('uniform', { count: 2 }, { start: 20, end: 30 }), /outside the video/);
});
