/**
 * Every case of the awkward media catalog (test/support/media-catalog.ts) against probe and
 * decodeFrames: each either works with the right times, upright frames and the right counts, degrades
 * with warnings (truncated files), or fails with a typed MediaError that names the file.
 *
 * Expected times come from ffprobe directly (test/support/media-reference.ts), never from reelm's own
 * packet index; which frame was delivered is read from the pixels (the catalog's frame code).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { MediaError, type MediaErrorReason } from '../../src/core/errors.js';
import { decodeFrames, type DecodeFramesOptions } from '../../src/media/decode/decode-frames.js';
import type { Frame } from '../../src/media/frame.js';
import { probe } from '../../src/media/probe.js';
import { sampleTimes } from '../../src/media/samplers/index.js';
import type { VideoInfo } from '../../src/media/video-info.js';
import {
  catalogCaseNames,
  catalogMedia,
  fullCatalog,
  mediaCatalog,
  type CatalogCaseName,
  type PictureMarks,
  type VideoFacts,
} from '../support/media-catalog.js';
import {
  colourLayoutMismatches,
  defaultTolerance,
  expectedDeliveredTimes,
  readFrameCode,
  referencePackets,
  type ReferencePackets,
} from '../support/media-reference.js';

type Decoder = 'stream' | 'seek';
type Mode = 'exact' | 'keyframe';
const modes: readonly Mode[] = ['exact', 'keyframe'];

/** Generous per-test limit: a hang (a decoder waiting on a cut file) must fail, not stall CI. */
const decodeTimeout = 90_000;

const approx = (actual: number, expected: number, tolerance: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

const rgb = (extra: DecodeFramesOptions): DecodeFramesOptions => ({ format: 'rgb', cache: null, ...extra });

/** Checks what the pixels say against the delivered time. */
function checkMarks(frame: Frame, marks: PictureMarks, reference: ReferencePackets, rotation: 0 | 90 | 180 | 270, label: string): void {
  if (marks.kind === 'frame-code') {
    const shown = readFrameCode(frame, marks.stripHeight);
    const index = reference.presentationTimes.findIndex((time) => Math.abs(time - frame.time) < 1e-6);
    // 16 bits: the code wraps every 65,536 frames (the full-size two-hour case has 180,000).
    assert.equal(shown, index % 65_536, `${label}: delivered time ${frame.time} is frame ${index}, but the pixels are frame ${shown} (mod 65536)`);
  } else if (marks.kind === 'colour-layout') {
    assert.deepEqual(colourLayoutMismatches(frame, rotation), [], `${label}: frame at ${frame.time} s is not upright`);
  }
}

/** The times a case is asked for: uniform samples plus the awkward ones (frame times, between frames, the end). */
function requestTimes(info: VideoInfo, uniform: readonly number[], reference: ReferencePackets): number[] {
  const times = reference.presentationTimes;
  const last = times.at(-1)!;
  const between = times.length > 2 ? (times[1]! + times[2]!) / 2 : times[0]!;
  const extra = [0, times[Math.min(3, times.length - 1)]!, between, last, Math.max(last, info.duration - 1e-3)];
  return [...new Set([...uniform, ...extra])].sort((a, b) => a - b);
}

function checkDecoded(
  frames: Frame[],
  times: readonly number[],
  o: { mode: Mode; reference: ReferencePackets; facts: VideoFacts; width: number; height: number; label: string },
): void {
  assert.equal(frames.length, times.length, `${o.label}: one frame per requested time`);
  const expectedTimes = expectedDeliveredTimes(o.reference, times, o.mode, defaultTolerance(times));
  frames.forEach((frame, i) => {
    const requested = times[i]!;
    const label = `${o.label} @${requested.toFixed(3)}s`;
    assert.equal(frame.requestedTime, requested, `${label}: frames come back in the order of the requested times`);
    approx(frame.time, expectedTimes[i]!, 1e-6, `${label}: delivered time`);
    if (o.mode === 'exact') {
      // Within one frame interval of the request: the next frame would already be showing.
      const next = o.reference.presentationTimes.find((time) => time > frame.time + 1e-6);
      assert.ok(frame.time <= requested + 1e-6 || frame.time === o.reference.presentationTimes[0], `${label}: delivered a frame from the future`);
      if (next !== undefined) assert.ok(requested < next - 1e-9 || requested < frame.time, `${label}: a later frame (${next}) shows at the requested time`);
    }
    const isKeyframe = o.reference.keyframeTimes.some((time) => Math.abs(time - frame.time) < 1e-6);
    assert.equal(frame.keyframe, isKeyframe, `${label}: the keyframe flag`);
    if (i > 0) assert.ok(frame.time >= frames[i - 1]!.time, `${label}: frames are in presentation order`);
    assert.equal(frame.format, 'rgb');
    assert.equal(frame.width, o.width, `${label}: width`);
    assert.equal(frame.height, o.height, `${label}: height`);
    assert.equal(frame.image.length, o.width * o.height * 3, `${label}: raw RGB size`);
    checkMarks(frame, o.facts.marks, o.reference, o.facts.rotation, label);
  });
}

async function assertMediaError(promise: Promise<unknown>, reason: MediaErrorReason, file: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(MediaError.isInstance(error), `expected a MediaError, got ${String(error)}`);
    assert.equal(error.reason, reason);
    assert.ok(error.message.includes(path.basename(file)), `the message names the file: ${error.message}`);
    assert.equal(error.kind, 'input');
    return true;
  });
}

function videoCase(name: CatalogCaseName, facts: VideoFacts): void {
  let file = '';
  let info: VideoInfo;
  let reference: ReferencePackets;
  let uniform: number[] = [];
  const decoders: readonly Decoder[] = facts.streamDecoder ? ['stream', 'seek'] : ['seek'];
  const interval = 1 / facts.fps;

  before(async () => {
    file = await catalogMedia(name);
    reference = await referencePackets(file);
    info = await probe(file, { cache: null });
    uniform = (await sampleTimes('uniform', { count: 8 }, { input: file, info })).map((sample) => sample.time);
  });

  test('probe facts', () => {
    const video = info.video;
    assert.ok(video, 'has a video stream');
    assert.match(info.container, facts.container === 'mp4' ? /mp4/ : /mpegts/);
    assert.equal(info.path, path.resolve(file));
    assert.equal(video.codec, facts.codec);
    assert.deepEqual([video.width, video.height], [facts.width, facts.height], 'display size after rotation');
    assert.deepEqual([video.codedWidth, video.codedHeight], [facts.codedWidth, facts.codedHeight], 'coded size');
    assert.equal(video.rotation, facts.rotation);
    assert.equal(video.variableFrameRate, facts.variableFrameRate, 'VFR flag');
    assert.equal(video.frameCount, facts.frameCount, 'frame count');
    assert.equal(video.frameCount, reference.time.length, 'frame count matches ffprobe');
    approx(video.averageFps, facts.fps, facts.fps * 0.03, 'average fps');
    if (!facts.variableFrameRate) approx(video.nominalFps, facts.fps, 1e-6, 'nominal fps');
    approx(info.duration, facts.duration, interval + 1e-3, 'duration');
    approx(video.firstFrameTime, 0, 1e-6, 'first frame time');
    approx(video.lastFrameTime, facts.timeOfFrame(facts.frameCount - 1), 1e-3, 'last frame time');
    assert.ok(video.keyframeTimes.length > 0, 'keyframes found');
    video.keyframeTimes.forEach((time, i) => {
      if (i > 0) assert.ok(time > video.keyframeTimes[i - 1]!, 'keyframe times ascend');
    });
    assert.equal(video.keyframeTimes.length, reference.keyframeTimes.length, 'keyframe count matches ffprobe');
    video.keyframeTimes.forEach((time, i) => approx(time, reference.keyframeTimes[i]!, 1e-6, `keyframe ${i}`));
    if (facts.keyframeTimes) {
      assert.equal(video.keyframeTimes.length, facts.keyframeTimes.length, 'keyframe count');
      video.keyframeTimes.forEach((time, i) => approx(time, facts.keyframeTimes![i]!, 1e-6, `keyframe ${i}`));
    }
    // The file holds the frames the catalog made, at the times it made them.
    reference.presentationTimes.forEach((time, n) => approx(time, facts.timeOfFrame(n), 1.5e-3, `frame ${n} time (ffprobe)`));
    assert.deepEqual(info.warnings, [], 'no warnings for a healthy file');
  });

  for (const decoder of decoders) {
    for (const mode of modes) {
      test(`decodeFrames ${mode} with the ${decoder} decoder`, { timeout: decodeTimeout }, async () => {
        const times =
          name === 'long-2h'
            ? (await sampleTimes('uniform', { count: mode === 'keyframe' ? 16 : 4 }, { input: file, info })).map((sample) => sample.time)
            : requestTimes(info, uniform, reference);
        const result = await decodeFrames(file, times, rgb({ mode, decoder }));
        assert.equal(result.decoder, decoder, 'the requested decode path ran');
        assert.deepEqual(result.warnings, [], 'no warnings');
        checkDecoded(result.frames, times, { mode, reference, facts, width: facts.width, height: facts.height, label: `${name} ${decoder} ${mode}` });
      });
    }
  }

  test('decoder auto picks the stream path only where it applies', { timeout: decodeTimeout }, async () => {
    const result = await decodeFrames(file, [uniform[3]!], rgb({ decoder: 'auto' }));
    assert.equal(result.decoder, facts.streamDecoder ? 'stream' : 'seek');
    assert.equal(result.frames.length, 1);
  });

  test('times outside the video are reported missing, not invented', { timeout: decodeTimeout }, async () => {
    const inside = uniform[0]!;
    const result = await decodeFrames(file, [-1, inside, info.duration + 5], rgb({ mode: 'exact' }));
    assert.deepEqual(result.frames.map((frame) => frame.requestedTime), [inside]);
    assert.ok(result.warnings.some((warning) => warning.includes('-1')), `a warning for -1 s: ${result.warnings.join(' | ')}`);
    assert.ok(result.warnings.some((warning) => warning.includes((info.duration + 5).toFixed(3))), `a warning for the time past the end: ${result.warnings.join(' | ')}`);
  });
}

describe('awkward media catalog', () => {
  for (const name of catalogCaseNames) {
    const entry = mediaCatalog[name];
    const expect = entry.expect;
    describe(`${name}: ${entry.description}`, () => {
      if (expect.kind === 'video') {
        videoCase(name, expect.facts);
      } else if (expect.kind === 'error') {
        test(`probe and decodeFrames fail with MediaError '${expect.reason}' naming the file`, async () => {
          const file = await catalogMedia(name);
          await assertMediaError(probe(file, { cache: null }), expect.reason, file);
          await assertMediaError(decodeFrames(file, [0, 1], rgb({})), expect.reason, file);
          await assertMediaError(decodeFrames(file, [0, 1], rgb({ mode: 'keyframe', decoder: 'seek' })), expect.reason, file);
        });
      } else if (expect.kind === 'audio-only') {
        test('probe lists the audio stream and no video', async () => {
          const file = await catalogMedia(name);
          const info = await probe(file, { cache: null });
          assert.equal(info.video, null);
          const audio = info.streams.filter((stream) => stream.type === 'audio');
          assert.equal(audio.length, 1, 'one audio stream');
          assert.equal(audio[0]!.codec, expect.audioCodec);
          assert.equal(audio[0]!.sampleRate, 44_100);
          assert.equal(audio[0]!.channels, 1);
          assert.equal(info.streams.some((stream) => stream.type === 'video'), false);
          approx(info.duration, expect.duration, 0.1, 'duration');
        });
        test("decodeFrames rejects with MediaError 'no-video-stream' naming the file", async () => {
          const file = await catalogMedia(name);
          await assertMediaError(decodeFrames(file, [1], rgb({})), 'no-video-stream', file);
          await assertMediaError(decodeFrames(file, [1], rgb({ mode: 'keyframe', decoder: 'seek' })), 'no-video-stream', file);
        });
      } else {
        truncatedCase(name, expect);
      }
    });
  }

  test('odd dimensions keep their aspect when scaled down', { timeout: decodeTimeout }, async () => {
    const file = await catalogMedia('odd-dimensions');
    for (const decoder of ['stream', 'seek'] as const) {
      const { frames } = await decodeFrames(file, [0.5, 1.5], rgb({ size: 160, decoder }));
      assert.equal(frames.length, 2);
      for (const frame of frames) {
        assert.deepEqual([frame.width, frame.height], [160, 120], `${decoder}: 321×241 fits 160 as 160×120`);
        approx(frame.width / frame.height, 321 / 241, 0.01, 'aspect');
        assert.deepEqual(colourLayoutMismatches(frame, 0), [], `${decoder}: layout survives scaling`);
      }
    }
  });

  test('one frame: every time inside the file gives that frame', { timeout: decodeTimeout }, async () => {
    const file = await catalogMedia('one-frame');
    const times = [0, 0.001, 0.02, 0.039, 0.04];
    for (const decoder of ['stream', 'seek'] as const) {
      for (const mode of modes) {
        const { frames } = await decodeFrames(file, times, rgb({ mode, decoder }));
        assert.deepEqual(frames.map((frame) => frame.time), times.map(() => 0), `${decoder} ${mode}`);
        for (const frame of frames) assert.equal(readFrameCode(frame, 16), 0);
      }
    }
  });

  describe('with an artifact cache', () => {
    let root = '';
    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-catalog-cache-'));
    });
    after(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });
    test('a second decode of the non-ASCII-named clip comes from the cache, identical', { timeout: decodeTimeout }, async () => {
      const file = await catalogMedia('non-ascii-name');
      const cache = new ArtifactCache({ root });
      const first = await decodeFrames(file, [0.5, 1.25], { format: 'png', cache });
      const second = await decodeFrames(file, [0.5, 1.25], { format: 'png', cache });
      assert.notEqual(first.decoder, 'cache');
      assert.equal(second.decoder, 'cache');
      assert.deepEqual(second.frames.map((frame) => Buffer.from(frame.image).toString('base64')), first.frames.map((frame) => Buffer.from(frame.image).toString('base64')));
      const info = await probe(file, { cache });
      assert.equal(info.path, path.resolve(file));
      assert.ok(path.basename(info.path).includes('東京'));
    });
  });

  if (fullCatalog) test('full catalog variants are in use (REELM_TEST_FULL=1)', () => assert.ok(fullCatalog));
});

/**
 * A truncated file: what lies wholly before the cut decodes exactly as in the intact file; what lies
 * after it is reported missing (or, between the last whole frames, stands in with the last whole frame
 * before it, as a player would); a frame whose bytes are cut is never delivered; the call neither crashes
 * nor hangs, and the warnings say "truncated".
 */
function truncatedCase(name: CatalogCaseName, expect: Extract<(typeof mediaCatalog)[CatalogCaseName]['expect'], { kind: 'truncated' }>): void {
  let file = '';
  let intact = '';
  let intactReference: ReferencePackets;
  let byteSize = 0;
  /** Presentation times of the frames whose bytes all survive the cut. */
  let whole = new Set<number>();
  const isWhole = (time: number): boolean => [...whole].some((candidate) => Math.abs(candidate - time) < 1e-6);

  before(async () => {
    file = await catalogMedia(name);
    intact = path.join(path.dirname(file), expect.intactFile);
    intactReference = await referencePackets(intact);
    byteSize = (await fs.stat(file)).size;
    // Sizes come from the intact file (ffprobe reports a cut packet with the bytes it could read). A packet
    // survives when its bytes end before the cut; MPEG-TS interleaves headers, so there a packet is known
    // whole only once the next packet of the stream starts before the cut.
    const { time, position, size } = intactReference;
    whole = new Set(
      time.filter((_, i) =>
        expect.container === 'mp4' ? position[i]! + size[i]! <= byteSize : i + 1 < time.length && position[i + 1]! <= byteSize,
      ),
    );
  });

  test('probe succeeds and warns that the file is truncated', async () => {
    const info = await probe(file, { cache: null });
    assert.ok(info.video, 'the video stream is still found');
    assert.ok(info.warnings.some((warning) => /truncat/i.test(warning)), `a truncation warning: ${JSON.stringify(info.warnings)}`);
    if (expect.container === 'mp4') approx(info.duration, expect.declaredDuration, 0.05, 'declared duration');
  });

  const decoders: readonly Decoder[] = expect.streamDecoder ? ['stream', 'seek'] : ['seek'];
  for (const decoder of decoders) {
    for (const mode of modes) {
      test(`decodeFrames ${mode} with the ${decoder} decoder: frames before the cut, none after`, { timeout: decodeTimeout }, async () => {
        const interval = 1 / expect.fps;
        const lastWhole = Math.max(...whole);
        // Uniform times over the intact length, plus every frame around the cut.
        const times = [
          ...Array.from({ length: 12 }, (_, i) => ((i + 0.5) * expect.declaredDuration) / 12),
          ...Array.from({ length: 10 }, (_, i) => lastWhole + (i - 5 + 0.5) * interval),
        ]
          .filter((time) => time >= 0)
          .sort((a, b) => a - b);
        const started = performance.now();
        const result = await decodeFrames(file, times, rgb({ mode, decoder }));
        assert.ok(performance.now() - started < 60_000, 'finishes promptly');
        const expectedTimes = expectedDeliveredTimes(intactReference, times, mode, defaultTolerance(times));
        const returned = new Map(result.frames.map((frame) => [frame.requestedTime, frame]));
        // The same frames from the intact file, decoded exactly at the delivered times.
        const intactResult = await decodeFrames(intact, [...new Set(result.frames.map((frame) => frame.time))], rgb({ mode: 'exact', decoder: 'seek' }));
        const intactByTime = new Map(intactResult.frames.map((frame) => [frame.time.toFixed(6), frame]));

        times.forEach((time, i) => {
          const label = `${name} ${decoder} ${mode} @${time.toFixed(3)}s`;
          const expected = expectedTimes[i]!;
          const frame = returned.get(time);
          if (isWhole(expected)) {
            assert.ok(frame, `${label}: the frame at ${expected} s lies before the cut and must be returned`);
            approx(frame.time, expected, 1e-6, `${label}: delivered time`);
          } else if (frame) {
            assert.ok(isWhole(frame.time), `${label}: delivered the frame at ${frame.time} s, whose bytes are cut off (damaged)`);
            assert.ok(frame.time <= time + 1e-6 && time - frame.time < 3 * interval, `${label}: stand-in frame ${frame.time} s is not the last whole one before the cut`);
          } else {
            assert.ok(result.warnings.some((warning) => warning.includes(String(time))), `${label}: a warning names the missing time`);
          }
          if (!frame) return;
          checkMarks(frame, expect.marks, intactReference, 0, label);
          const intactFrame = intactByTime.get(frame.time.toFixed(6));
          assert.ok(intactFrame, `${label}: the intact file has the frame at ${frame.time} s`);
          assert.ok(Buffer.from(frame.image).equals(Buffer.from(intactFrame.image)), `${label}: pixels equal the intact file's (not a damaged frame)`);
        });
        for (const frame of result.frames) assert.ok(frame.time <= lastWhole + 1e-6, `a frame after the cut was delivered: ${frame.time} s`);
        assert.ok(result.frames.length > 0 && result.frames.length < times.length, 'some frames, not all');
        assert.ok(result.warnings.some((warning) => /truncat/i.test(warning)), `warnings mention truncation: ${JSON.stringify(result.warnings)}`);
      });
    }
  }
}
