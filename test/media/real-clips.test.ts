/**
 * Real footage (../shared/media beside the checkout, described in its README): every .mp4 there is
 * probed against the facts in the README table (size, frame rate, duration, frame count), and 8
 * uniformly sampled frames are decoded in both modes with both decoders, checking count and times
 * against ffprobe. The folder is required: CI must place ../shared beside the checkout, so a missing
 * folder fails rather than skips.
 */

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { probe } from '../../src/media/probe.js';
import { sampleTimes } from '../../src/media/samplers/index.js';
import type { VideoInfo } from '../../src/media/video-info.js';
import { runTool } from '../support/media-generators.js';
import { defaultTolerance, expectedDeliveredTimes, referencePackets, type ReferencePackets } from '../support/media-reference.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mediaDir = path.resolve(repoRoot, '../shared/media');

interface ClipFacts {
  width: number;
  height: number;
  fps: number;
  duration: number;
  frames: number;
}

/**
 * Parses the README's table rows: `| name.mp4 | what it is | 340×256, 28 fps, 10.0 s, 280 frames |`;
 * a frame rate written as a fraction in brackets (`~28 fps (2160/77)`) is taken exactly.
 */
function parseClipFacts(readme: string): Map<string, ClipFacts> {
  const facts = new Map<string, ClipFacts>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = cells[1];
    if (!name || !name.endsWith('.mp4')) continue;
    const text = cells.slice(2).join(' ');
    const size = /(\d+)\s*[×x]\s*(\d+)/.exec(text);
    const fraction = /\((\d+)\/(\d+)\)/.exec(text);
    const fps = /([\d.]+)\s*fps/.exec(text);
    const duration = /([\d.]+)\s*s\b/.exec(text);
    const frames = /(\d+)\s*frames/.exec(text);
    if (!size || !fps || !duration || !frames) throw new Error(`README row for ${name} does not give size, fps, duration and frames: ${line}`);
    facts.set(name, {
      width: Number(size[1]),
      height: Number(size[2]),
      fps: fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(fps[1]),
      duration: Number(duration[1]),
      frames: Number(frames[1]),
    });
  }
  return facts;
}

function mediaFolderOrFail(): string[] {
  let isFolder = false;
  try {
    isFolder = statSync(mediaDir).isDirectory();
  } catch {
    isFolder = false;
  }
  assert.ok(
    isFolder,
    `the real test clips are missing: expected the folder ${mediaDir}. CI needs ../shared beside the checkout ` +
      '(the shared media folder next to the repository root); these tests do not skip without it.',
  );
  return readdirSync(mediaDir).filter((name) => name.endsWith('.mp4')).sort();
}

test('the shared media folder is beside the checkout and its README describes every clip', () => {
  const clips = mediaFolderOrFail();
  assert.ok(clips.length > 0, `no .mp4 files in ${mediaDir}`);
  const facts = parseClipFacts(readFileSync(path.join(mediaDir, 'README.md'), 'utf8'));
  assert.deepEqual(clips.filter((clip) => !facts.has(clip)), [], 'every clip has a row in the README table');
  assert.deepEqual([...facts.keys()].filter((clip) => !clips.includes(clip)), [], 'every README row has its clip');
});

const clips = (() => {
  try {
    return readdirSync(mediaDir).filter((name) => name.endsWith('.mp4')).sort();
  } catch {
    return [];
  }
})();
const readmeFacts = (() => {
  try {
    return parseClipFacts(readFileSync(path.join(mediaDir, 'README.md'), 'utf8'));
  } catch {
    return new Map<string, ClipFacts>();
  }
})();

for (const clip of clips) {
  describe(`real clip ${clip}`, () => {
    const file = path.join(mediaDir, clip);
    let info: VideoInfo;
    let reference: ReferencePackets;
    let times: number[] = [];
    let sampleAspect = 1;

    before(async () => {
      const { stdout } = await runTool('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=sample_aspect_ratio', '-of', 'csv=p=0', file]);
      const [num, den] = stdout.toString('utf8').trim().split(':').map(Number);
      sampleAspect = num && den ? num / den : 1;
      info = await probe(file, { cache: null });
      reference = await referencePackets(file);
      times = (await sampleTimes('uniform', { count: 8 }, { input: file, info })).map((sample) => sample.time);
    });

    test('probe matches the README facts', () => {
      const facts = readmeFacts.get(clip);
      assert.ok(facts, `README row for ${clip}`);
      const video = info.video;
      assert.ok(video, 'has a video stream');
      assert.equal(video.codec, 'h264');
      // The README gives the stored size; two clips have non-square pixels, so the display width is the
      // stored width times the sample aspect ratio (arm_wrestling 340×256 at 64:51 shows as 427×256).
      assert.deepEqual([video.codedWidth, video.codedHeight], [facts.width, facts.height], 'stored size');
      assert.deepEqual([video.width, video.height], [Math.round(facts.width * sampleAspect), facts.height], `display size at SAR ${sampleAspect}`);
      assert.equal(video.rotation, 0);
      assert.equal(video.frameCount, facts.frames, 'frame count');
      assert.equal(video.frameCount, reference.time.length, 'frame count matches ffprobe');
      assert.ok(Math.abs(video.averageFps - facts.fps) <= 0.01 * facts.fps, `average fps ${video.averageFps} ≈ ${facts.fps}`);
      // The README rounds durations to 0.01 s or 0.1 s.
      assert.ok(Math.abs(info.duration - facts.duration) <= 0.06, `duration ${info.duration} ≈ ${facts.duration}`);
      assert.ok(video.keyframeTimes.length > 0 && video.keyframeTimes[0] === 0, 'keyframes start at 0');
      assert.deepEqual(video.keyframeTimes.map((time) => time.toFixed(6)), reference.keyframeTimes.map((time) => time.toFixed(6)), 'keyframes match ffprobe');
      assert.ok(Math.abs(video.lastFrameTime - reference.presentationTimes.at(-1)!) < 1e-6, 'last frame time');
    });

    for (const decoder of ['stream', 'seek'] as const) {
      for (const mode of ['exact', 'keyframe'] as const) {
        test(`8 uniform frames, ${mode} mode, ${decoder} decoder`, { timeout: 120_000 }, async () => {
          const result = await decodeFrames(file, times, { format: 'jpeg', size: 256, mode, decoder, cache: null });
          assert.equal(result.decoder, decoder);
          assert.equal(result.frames.length, 8, 'one frame per time');
          assert.deepEqual(result.warnings, []);
          const expected = expectedDeliveredTimes(reference, times, mode, defaultTolerance(times));
          result.frames.forEach((frame, i) => {
            assert.equal(frame.requestedTime, times[i]);
            assert.ok(Math.abs(frame.time - expected[i]!) < 1e-6, `@${times[i]} s: delivered ${frame.time} s, expected ${expected[i]} s`);
            assert.ok(frame.image.length > 100 && frame.image[0] === 0xff && frame.image[1] === 0xd8, 'a JPEG');
            assert.equal(Math.max(frame.width, frame.height), Math.min(256, Math.max(info.video!.width, info.video!.height)));
            assert.ok(Math.abs(frame.width / frame.height - info.video!.width / info.video!.height) < 0.02, 'aspect kept');
            if (i > 0) assert.ok(frame.time > result.frames[i - 1]!.time, 'distinct frames in presentation order');
          });
        });
      }
    }
  });
}
