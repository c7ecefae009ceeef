import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIngestScript, footageClips, sceneWords } from '../../bench/ingest-video-script.js';
import { finalEncodeArgs } from '../../bench/ingest-video.js';

test('the hour-long script: scenes of 20–40 s that tile the video, cuts clear of keyframes', () => {
  const truth = buildIngestScript({ seed: 1, durationSec: 3600 });
  assert.equal(truth.scenes[0]!.span.start, 0);
  assert.equal(truth.scenes.at(-1)!.span.end, 3600);
  for (let index = 0; index < truth.scenes.length; index++) {
    const { span } = truth.scenes[index]!;
    const length = span.end - span.start;
    assert.ok(length >= 20 - 1e-9 && length <= 40 + 1e-9, `scene ${index} lasts ${length} s`);
    if (index > 0) assert.equal(span.start, truth.scenes[index - 1]!.span.end);
    // Every cut falls on a frame at 25 fps.
    assert.ok(Math.abs(span.start * truth.fps - Math.round(span.start * truth.fps)) < 1e-6);
  }
  assert.deepEqual(truth.cuts, truth.scenes.slice(1).map((scene) => scene.span.start));
  const nearKeyframe = truth.cuts.filter((cut) => {
    const offset = cut % truth.keyframeIntervalSec;
    return offset < 0.5 || offset > truth.keyframeIntervalSec - 0.5;
  });
  assert.ok(nearKeyframe.length <= 1, `cuts within 0.5 s of a keyframe: ${nearKeyframe.join(', ')}`);
});

test('the script mixes text, plain and footage scenes, never the same clip twice in a row', () => {
  const truth = buildIngestScript({ seed: 1, durationSec: 3600 });
  const kinds = new Set(truth.scenes.map((scene) => scene.kind));
  assert.deepEqual([...kinds].sort(), ['footage', 'plain', 'text']);
  assert.ok(truth.textSpans.length >= 20 && truth.footageSpans.length >= 20);
  assert.ok(truth.footageSpans.some((span) => span.people));
  for (let index = 1; index < truth.scenes.length; index++) {
    const [previous, current] = [truth.scenes[index - 1]!, truth.scenes[index]!];
    if (previous.kind === 'footage' && current.kind === 'footage') assert.notEqual(previous.clip, current.clip);
  }
  const clipNames = new Set(footageClips.map((clip) => clip.name));
  for (const span of truth.footageSpans) assert.ok(clipNames.has(span.clip));
  for (const span of truth.textSpans) {
    assert.ok(span.words.length >= 1);
    for (const word of span.words) assert.ok(sceneWords.includes(word));
  }
});

test('the script is a pure function of its seed', () => {
  assert.deepEqual(buildIngestScript({ seed: 5, durationSec: 600 }), buildIngestScript({ seed: 5, durationSec: 600 }));
  assert.notDeepEqual(buildIngestScript({ seed: 5, durationSec: 600 }).cuts, buildIngestScript({ seed: 6, durationSec: 600 }).cuts);
});

test('no scene word contains another, so a search for one cannot match a different word', () => {
  assert.equal(new Set(sceneWords).size, sceneWords.length);
  for (const word of sceneWords) for (const other of sceneWords) if (word !== other) assert.ok(!other.includes(word), `${other} contains ${word}`);
});

test('the final encode keeps a fixed keyframe interval and no scene-change keyframes', () => {
  const truth = buildIngestScript({ seed: 1, durationSec: 180 });
  const args = finalEncodeArgs(truth, 'list.txt', 'out.mp4');
  const value = (flag: string): string | undefined => args[args.indexOf(flag) + 1];
  assert.equal(value('-sc_threshold'), '0');
  assert.equal(value('-g'), '250');
  assert.equal(value('-keyint_min'), '250');
  assert.equal(args.at(-1), 'out.mp4');
});
