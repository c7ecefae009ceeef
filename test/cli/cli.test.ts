import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { promisify } from 'node:util';
import { cliRunner } from '../support/run-cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-cli-'));
const environment: NodeJS.ProcessEnv = { ...process.env, REELM_CACHE_DIR: path.join(work, 'cache') };

const reelm = cliRunner({ cwd: work, env: environment, timeoutMs: 120_000 });

const clip = path.join(work, 'my clip.mp4');
before(async () => {
  await promisify(execFile)('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=6', '-f', 'lavfi', '-i', 'sine=duration=6',
    '-c:v', 'libx264', '-g', '50', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip,
  ]);
});

test('--help lists every command and exits 0', async () => {
  const { code, stdout } = await reelm('--help');
  assert.equal(code, 0);
  for (const name of ['demo', 'ask', 'ground', 'caption', 'summarize', 'highlights', 'probe', 'frames', 'storyboard', 'config']) assert.match(stdout, new RegExp(`\\b${name}\\b`));
});

test('probe prints a summary, and VideoInfo with --json', async () => {
  const text = await reelm('probe', clip);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /duration\s+00:00:06\.000/);
  assert.match(text.stdout, /video\s+h264.*320×180/);
  assert.match(text.stdout, /audio\s+#1 aac/);
  const json = await reelm('probe', clip, '--json');
  const info = JSON.parse(json.stdout);
  assert.equal(info.video.frameCount, 150);
  assert.deepEqual(info.video.keyframeTimes, [0, 2, 4]);
});

test('frames writes images and a manifest with requested and delivered times', async () => {
  const out = path.join(work, 'frames');
  const { code, stdout, stderr } = await reelm('frames', clip, '--sampler', 'uniform', '--count', '4', '--out', out, '--json');
  assert.equal(code, 0, stderr);
  const manifest = JSON.parse(stdout);
  assert.equal(manifest.frames.length, 4);
  assert.deepEqual(manifest.frames.map((frame: { requestedTime: number }) => frame.requestedTime), [0.75, 2.25, 3.75, 5.25]);
  assert.deepEqual(manifest.frames.map((frame: { time: number }) => frame.time), [0.72, 2.24, 3.72, 5.24]);
  for (const frame of manifest.frames) assert.ok(fs.statSync(path.join(out, frame.file)).size > 0);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'frames.json'), 'utf8')).frames, manifest.frames);
});

test('frames in keyframe mode over a span', async () => {
  const { code, stdout, stderr } = await reelm('frames', clip, '--sampler', 'fps', '--fps', '0.5', '--span', '00:00:01-00:00:06', '--mode', 'keyframe', '--out', path.join(work, 'kf'), '--json');
  assert.equal(code, 0, stderr);
  const manifest = JSON.parse(stdout);
  assert.deepEqual(manifest.frames.map((frame: { time: number }) => frame.time), [2, 4, 5]);
});

test('more than a hundred frames from one decoder process (ffmpeg caps a flat select sum at 100 terms)', async () => {
  const previous = environment.REELM_CONCURRENCY;
  environment.REELM_CONCURRENCY = '1';
  try {
    const { code, stdout, stderr } = await reelm('frames', clip, '--sampler', 'fps', '--fps', '25', '--size', '64', '--out', path.join(work, 'all'), '--json');
    assert.equal(code, 0, stderr);
    const manifest = JSON.parse(stdout);
    assert.equal(manifest.frames.length, 150);
    assert.equal(new Set(manifest.frames.map((frame: { time: number }) => frame.time)).size, 150);
  } finally {
    environment.REELM_CONCURRENCY = previous;
  }
});

test('storyboard writes a labelled sheet', async () => {
  const out = path.join(work, 'sheet.png');
  const { code, stdout, stderr } = await reelm('storyboard', clip, '--cols', '3', '--rows', '2', '--out', out, '--json');
  assert.equal(code, 0, stderr);
  const summary = JSON.parse(stdout);
  assert.equal(summary.tiles.length, 6);
  assert.deepEqual(fs.readFileSync(out).subarray(1, 4).toString(), 'PNG');
});

test('bad input exits 1 with a message that names it and says what to do', async () => {
  const missing = await reelm('probe', path.join(work, 'nope.mp4'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.mp4: no such file/);

  const wrongFlag = await reelm('frames', clip, '--sampler', 'fps', '--count', '3', '--out', path.join(work, 'x'));
  assert.equal(wrongFlag.code, 1);
  assert.match(wrongFlag.stderr, /--count.*does not apply to --sampler fps; it takes --fps, --max-frames/);

  const badNumber = await reelm('frames', clip, '--count', 'many', '--out', path.join(work, 'x'));
  assert.equal(badNumber.code, 1);
  assert.match(badNumber.stderr, /--count.*"many" is not a whole number/);

  const noOut = await reelm('frames', clip);
  assert.equal(noOut.code, 1);
  assert.match(noOut.stderr, /--out.*is required/);

  const badSpan = await reelm('frames', clip, '--span', '5-2', '--out', path.join(work, 'x'));
  assert.equal(badSpan.code, 1);
  assert.match(badSpan.stderr, /ends before it starts/);

  const unknown = await reelm('probe', clip, '--colour');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown option/);

  const folder = await reelm('probe', work);
  assert.equal(folder.code, 1);
  assert.match(folder.stderr, /is a folder/);
});

test('config shows each value with its source', async () => {
  const { code, stdout } = await reelm('config');
  assert.equal(code, 0);
  assert.match(stdout, /cacheDir\s+".*cache"\s+\(env REELM_CACHE_DIR\)/);
  assert.match(stdout, /frames\.size\s+384\s+\(default\)/);
});
