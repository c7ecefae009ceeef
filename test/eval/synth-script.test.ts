/**
 * Scene scripts and ground truth, without rendering: determinism from the seed, every span inside the
 * video, items only in active time and never overlapping, answers re-derived from the script, and the
 * question plan of synth-medium balanced across families. Tests use seeds the benchmarks never use.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTime } from '../../src/core/time.js';
import { buildGroundTruth } from '../../src/eval/synth/ground-truth.js';
import { questionFamilies } from '../../src/eval/synth/questions.js';
import { isVisible, itemStateAt, parseSceneScript, sweptBox } from '../../src/eval/synth/scene-script.js';
import { planSynthSet, synthSets } from '../../src/eval/synth/sets.js';
import { capHeightRatio } from '../../src/eval/synth/text-bitmaps.js';

const testSeed = 101;
const small = synthSets['synth-small'];

function truthOf(seed: number) {
  return planSynthSet(small, { seed }).map((v) => buildGroundTruth(v.script, { set: small.id, video: `${v.id}.mp4`, variant: 'base', questionsPerFamily: v.questionsPerFamily }));
}

test('tests never use a benchmark seed', () => {
  for (const set of Object.values(synthSets)) assert.notEqual(set.benchmarkSeed, testSeed);
});

test('the same seed gives identical ground truth; another seed gives another', () => {
  assert.equal(JSON.stringify(truthOf(testSeed)), JSON.stringify(truthOf(testSeed)));
  assert.notEqual(JSON.stringify(truthOf(testSeed)), JSON.stringify(truthOf(testSeed + 1)));
});

describe('ground truth is consistent with its script', () => {
  for (const seed of [testSeed, 202, 303]) {
    for (const truth of truthOf(seed)) {
      test(`${truth.videoId} (seed ${seed})`, () => {
        const { script } = truth;
        assert.deepEqual(parseSceneScript(JSON.parse(JSON.stringify(script))), script);
        for (const event of truth.events) assert.ok(event.span.start >= 0 && event.span.end <= truth.duration && event.span.end > event.span.start, event.id);
        for (const item of script.items) {
          const life = item.disappear - item.appear;
          assert.ok(life >= 0.5 - 1e-9 && life <= 20 + 1e-9, `${item.id} lasts ${life} s`);
          for (const quiet of script.quiet) assert.ok(item.disappear <= quiet.start || item.appear >= quiet.end, `${item.id} overlaps a quiet span`);
          assert.ok(script.scenes.some((s) => item.appear >= s.start && item.disappear <= s.end), `${item.id} crosses a cut`);
          const box = sweptBox(item);
          assert.ok(box.x0 >= 0 && box.y0 >= 0 && box.x1 <= script.width && box.y1 <= script.height, `${item.id} leaves the frame`);
        }
        for (const [i, a] of script.items.entries()) {
          for (const b of script.items.slice(i + 1)) {
            if (a.disappear <= b.appear || b.disappear <= a.appear) continue;
            const p = sweptBox(a);
            const q = sweptBox(b);
            assert.ok(p.x1 <= q.x0 || q.x1 <= p.x0 || p.y1 <= q.y0 || q.y1 <= p.y0, `${a.id} and ${b.id} overlap`);
          }
        }
        assert.equal(truth.scenes.length, script.scenes.length);
        for (const highlight of truth.highlights) assert.equal(highlight.salience.length, Math.ceil(truth.duration / 2));
      });
    }
  }
});

test('answers re-derived from the script agree', () => {
  let checked = 0;
  for (const truth of [...truthOf(testSeed), ...truthOf(404)]) {
    const { script } = truth;
    for (const q of truth.questions) {
      const answer = q.form === 'multiple-choice' ? q.options![q.answer.charCodeAt(0) - 65]! : q.answer;
      const time = parseTime(/at (\d\d:\d\d:\d\d\.\d)/.exec(q.question)?.[1] ?? '');
      if (q.family === 'colour' && time !== undefined) {
        const shape = /the (\w+) on screen/.exec(q.question)![1];
        const shown = script.items.filter((item) => isVisible(item, time) && item.shape === shape);
        assert.deepEqual(shown.map((item) => itemStateAt(item, time).colour), [answer], q.id);
        checked++;
      }
      if (q.family === 'count' && time !== undefined) {
        const [colour, shape] = /many (\w+) (\w+?)s are/.exec(q.question)!.slice(1);
        assert.equal(String(script.items.filter((item) => isVisible(item, time) && item.colour === colour && item.shape === shape).length), answer, q.id);
        checked++;
      }
      if (q.family === 'text' && time !== undefined) {
        assert.ok(script.texts.some((t) => t.text === answer && time >= t.start && time < t.end), q.id);
        checked++;
      }
      if (q.family === 'needle') {
        const [colour, shape] = /an? (\w+) (\w+) appear/.exec(q.question)!.slice(1);
        const present = script.items.some((item) => item.shape === shape && (item.colour === colour || item.changes.some((c) => c.colour === colour)));
        assert.equal(present ? 'yes' : 'no', answer, q.id);
        checked++;
      }
      if (q.form === 'grounding') for (const span of q.spans!) assert.ok(span.start >= 0 && span.end <= truth.duration);
    }
  }
  assert.ok(checked >= 10, `only ${checked} answers checked`);
});

test('synth-medium: every family equally represented, quiet 20–50 %, text cap height ≥ 28 px', () => {
  const medium = synthSets['synth-medium'];
  const planned = planSynthSet(medium, { seed: testSeed });
  assert.equal(planned.length, 60);
  const counts = new Map<string, number>();
  for (const video of planned) {
    const { script } = video;
    assert.ok(script.duration >= 120 && script.duration <= 600);
    const quiet = script.quiet.reduce((sum, span) => sum + span.end - span.start, 0) / script.duration;
    assert.ok(quiet >= 0.2 && quiet <= 0.5, `${script.id} is ${(quiet * 100).toFixed(1)} % quiet`);
    for (const text of script.texts) assert.ok(text.fontSize * capHeightRatio >= 28, `${text.id} font ${text.fontSize}`);
    const truth = buildGroundTruth(script, { set: medium.id, video: 'v.mp4', variant: 'base', questionsPerFamily: video.questionsPerFamily });
    for (const q of truth.questions) counts.set(q.family, (counts.get(q.family) ?? 0) + 1);
  }
  for (const family of questionFamilies) assert.equal(counts.get(family), 60 * medium.questionsPerFamily, `${family}: ${counts.get(family)}`);
});
