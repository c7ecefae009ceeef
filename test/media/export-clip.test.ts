import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { ProgressEvent } from '../../src/core/progress.js';
import { ConfigError } from '../../src/core/errors.js';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { buildExportClipArgs, exportClip } from '../../src/media/export-clip.js';
import { probe } from '../../src/media/probe.js';
import { catalogMedia } from '../support/media-catalog.js';
import { readFrameCode } from '../support/media-reference.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-export-clip-'));
process.once('exit', () => fs.rmSync(work, { recursive: true, force: true }));

test('export-clip command line: re-encode (frame-accurate) and stream copy', () => {
  assert.deepEqual(buildExportClipArgs('/v/a b.mp4', '/o/clip.mp4', { start: 83.4, end: 90.05 }), [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-progress', 'pipe:2', '-y',
    '-ss', '83.400', '-t', '6.650',
    '-i', '/v/a b.mp4',
    '-map', '0:v:0?', '-map', '0:a:0?', '-sn', '-dn',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k',
    '-movflags', '+faststart',
    '/o/clip.mp4',
  ]);
  assert.deepEqual(buildExportClipArgs('in.mkv', 'out.mkv', { start: 0, end: 2 }, 'copy'), [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-progress', 'pipe:2', '-y',
    '-ss', '0.000', '-t', '2.000',
    '-i', 'in.mkv',
    '-map', '0:v:0?', '-map', '0:a:0?', '-sn', '-dn',
    '-c', 'copy', '-avoid_negative_ts', 'make_zero',
    '-movflags', '+faststart',
    'out.mkv',
  ]);
});

test('a real cut starts on the frame a player shows at the span start and lasts the span', async () => {
  // constant-fps: 25 fps, keyframes every 2 s, each frame stamped with its index; 2.52 s is frame 63,
  // between keyframes, so a keyframe-snapped cut would start on frame 50 instead.
  const input = await catalogMedia('constant-fps');
  const output = path.join(work, 'answer clip.mp4');
  const events: ProgressEvent[] = [];
  await exportClip(input, { start: 2.52, end: 3.52 }, output, { onProgress: (event) => events.push(event) });

  const info = await probe(output, { cache: null });
  assert.equal(info.video!.frameCount, 25);
  assert.ok(Math.abs(info.duration - 1) < 0.05, `duration ${info.duration}`);
  const { frames } = await decodeFrames(output, [0, 0.96], { format: 'rgb', size: 320, cache: null });
  assert.equal(readFrameCode(frames[0]!, 16), 63);
  assert.equal(readFrameCode(frames[1]!, 16), 87);
  assert.ok(events.some((event) => event.type === 'done' && event.stage === 'export clip'));
});

test('a span that is not one is a ConfigError naming it, before ffmpeg runs', async () => {
  await assert.rejects(exportClip('whatever.mp4', { start: 5, end: 5 }, path.join(work, 'x.mp4')), (error: unknown) => {
    assert.ok(ConfigError.isInstance(error));
    assert.match((error as Error).message, /span 5-5.*0 ≤ start < end/);
    return true;
  });
});
