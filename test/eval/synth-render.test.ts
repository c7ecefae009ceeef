/**
 * Rendering: raw frames are a pure function of the script, quiet spans are truly unchanging, the
 * encoded file is byte-identical across renders, probe sees the promised duration, size and rate with
 * keyframes not forced onto cuts, and decoded pixels show what the script says. Also `reelm synth
 * generate` end to end. Uses a test seed, never a benchmark seed.
 */

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { hashFile } from '../../src/core/content-hash.js';
import { loadConfig } from '../../src/core/config.js';
import { synthCommand } from '../../src/cli/commands/synth.js';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { probe } from '../../src/media/probe.js';
import { generateSynthSet } from '../../src/eval/synth/generate-set.js';
import { colourRgb } from '../../src/eval/synth/palette.js';
import { FrameComposer } from '../../src/eval/synth/render-frame.js';
import { buildSynthEncodeArgs, renderVideo } from '../../src/eval/synth/render-video.js';
import { planSynthSet, synthSets } from '../../src/eval/synth/sets.js';
import type { GroundTruth } from '../../src/eval/synth/ground-truth.js';
import { settledTime } from '../../src/eval/synth/script-facts.js';

const testSeed = 515;
const small = synthSets['synth-small'];
let dir = '';

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-synth-'));
  await generateSynthSet(small, { outDir: path.join(dir, 'a'), seed: testSeed });
});

test('the encoder command is web-typical: CRF 28, no keyframes forced on cuts, default GOP', () => {
  const args = buildSynthEncodeArgs('out.mp4', { width: 320, height: 180, fps: 10 });
  assert.deepEqual(args.slice(args.indexOf('-c:v'), args.indexOf('-c:v') + 8), ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-sc_threshold', '0']);
  assert.ok(!args.includes('-g') && !args.includes('-force_key_frames'));
});

test('raw frames are a pure function of the script; quiet frames repeat exactly', () => {
  const [video] = planSynthSet(small, { seed: testSeed, limit: 1 });
  const a = new FrameComposer(video!.script, 'base', new Map());
  const b = new FrameComposer(video!.script, 'base', new Map());
  for (const index of [0, 7, 33, a.frameCount - 1]) assert.ok(Buffer.from(a.compose(index)).equals(Buffer.from(b.compose(index))), `frame ${index}`);
  const quiet = video!.script.quiet[0]!;
  const first = Math.ceil(quiet.start * 10);
  assert.ok(Buffer.from(a.compose(first)).equals(Buffer.from(a.compose(first + 3))));
  assert.ok(!Buffer.from(a.compose(first)).equals(Buffer.from(new FrameComposer(video!.script, 'shifted', new Map()).compose(first))), 'the shifted variant differs');
});

test('a second render of the same set is byte-identical', { timeout: 120_000 }, async () => {
  await generateSynthSet(small, { outDir: path.join(dir, 'b'), seed: testSeed });
  for (const file of (await fs.readdir(path.join(dir, 'a'))).filter((f) => f.endsWith('.mp4') || f.endsWith('.json'))) {
    assert.equal(await hashFile(path.join(dir, 'b', file)), await hashFile(path.join(dir, 'a', file)), file);
  }
});

test('probe: duration, size, rate; keyframes not aligned to cuts', { timeout: 60_000 }, async () => {
  const truth = JSON.parse(await fs.readFile(path.join(dir, 'a', 'synth-small-001.json'), 'utf8')) as GroundTruth;
  const info = await probe(path.join(dir, 'a', truth.video), { cache: null });
  assert.ok(Math.abs(info.duration - truth.duration) < 0.15, `duration ${info.duration} vs ${truth.duration}`);
  assert.deepEqual([info.video!.width, info.video!.height], [320, 180]);
  assert.equal(info.video!.nominalFps, 10);
  assert.equal(info.video!.codec, 'h264');
  const cuts = truth.scenes.slice(1).map((s) => s.span.start);
  assert.ok(cuts.length > 0);
  for (const cut of cuts) assert.ok(!info.video!.keyframeTimes.some((k) => Math.abs(k - cut) < 0.05), `keyframe on the cut at ${cut}`);
});

test('decoded pixels show the script: shape colours at their centres, quiet spans still', { timeout: 120_000 }, async () => {
  const truth = JSON.parse(await fs.readFile(path.join(dir, 'a', 'synth-small-001.json'), 'utf8')) as GroundTruth;
  const file = path.join(dir, 'a', truth.video);
  const items = truth.script.items.filter((item) => item.size >= 8 && item.motion.direction === 'none').slice(0, 4);
  assert.ok(items.length > 0);
  const quiet = truth.quiet[0]!;
  const quietTimes = [quiet.start + 0.2, quiet.start + 0.3];
  const times = [...items.map((item) => settledTime(item) + 0.001), ...quietTimes];
  const { frames } = await decodeFrames(file, times, { format: 'rgb', size: 320, cache: null });
  items.forEach((item, i) => {
    const frame = frames[i]!;
    const [r, g, b] = colourRgb(item.colour, 'base');
    const o = (Math.round(item.y) * frame.width + Math.round(item.x)) * 3;
    const got = [frame.image[o]!, frame.image[o + 1]!, frame.image[o + 2]!];
    const distance = Math.hypot(got[0]! - r, got[1]! - g, got[2]! - b);
    assert.ok(distance < 60, `${item.id} (${item.colour} ${item.shape}) at ${times[i]}: got ${got}, want ${[r, g, b]}`);
  });
  const [q1, q2] = frames.slice(items.length);
  let diff = 0;
  for (let i = 0; i < q1!.image.length; i++) diff += Math.abs(q1!.image[i]! - q2!.image[i]!);
  assert.ok(diff / q1!.image.length < 1, `quiet frames differ by ${diff / q1!.image.length} on average`);
});

test('renderVideo stops when its signal fires', { timeout: 60_000 }, async () => {
  const [video] = planSynthSet(small, { seed: testSeed, limit: 1 });
  await assert.rejects(renderVideo(video!.script, path.join(dir, 'aborted.mp4'), { signal: AbortSignal.abort() }), { name: 'AbortedError' });
});

test('reelm synth generate writes videos, ground truth and a manifest', { timeout: 120_000 }, async () => {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const out = path.join(dir, 'cli');
  const context = { stdout, stderr: new PassThrough(), signal: new AbortController().signal, globals: { cache: false }, config: loadConfig({}).config };
  await synthCommand.run(['generate'], { set: 'synth-small', out, seed: testSeed, limit: 2, variant: 'base', json: true }, context);
  const printed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { videos: Array<{ video: string; groundTruth: string }>; outDir: string };
  assert.equal(printed.outDir, out);
  assert.equal(printed.videos.length, 2);
  for (const video of printed.videos) {
    await fs.access(path.join(out, video.video));
    await fs.access(path.join(out, video.groundTruth));
  }
  await assert.rejects(synthCommand.run(['generate'], { out }, context), { name: 'ConfigError' });
});
