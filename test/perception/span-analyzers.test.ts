/**
 * The ffmpeg span analyzers (scene cuts, motion, loudness, silence) and the subtitle analyzer.
 * Argument builders are checked against exact command lines; parsers against output captured from real
 * ffmpeg 5.1 runs of those command lines (test/perception/fixtures: `ebur128-stderr.txt` and
 * `silencedetect-stderr.txt` from the clip below over 0–6 s, `motion-stdout.txt` over 2–4 s); the
 * analyzers then run for real on a clip generated here with known truth: a moving test pattern for
 * 0–3 s, then still colour bars (one cut at 3.0 s, no motion after it), and a 440 Hz tone that is
 * silent from 2.0 to 3.5 s. A copy without audio must give no audio signals, not an error.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpanAnalyzer } from '../../src/perception/analyzer.js';
import { perceptionAnalyzerEntries, perceptionAnalyzers } from '../../src/perception/analyzers.js';
import { buildLoudnessArgs, createLoudnessAnalyzer, loudnessSignals, parseEbur128Log } from '../../src/perception/ffmpeg/loudness.js';
import { createMotionAnalyzer, parseMotionOutput } from '../../src/perception/ffmpeg/motion.js';
import { createSceneCutAnalyzer } from '../../src/perception/ffmpeg/scene-cuts.js';
import { buildSilenceArgs, createSilenceAnalyzer, parseSilencedetectLog } from '../../src/perception/ffmpeg/silence.js';
import { averageByWindow, energyMean, spanWindows } from '../../src/perception/ffmpeg/span-windows.js';
import { createSubtitleAnalyzer, subtitleSignals } from '../../src/perception/subtitle-analyzer.js';
import { ffmpeg } from '../support/media-generators.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => fs.readFile(path.join(fixtures, name), 'utf8');
const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

describe('argument builders', () => {
  const span = { start: 1.5, end: 4 };
  test('loudness', () => {
    assert.deepEqual(buildLoudnessArgs('in.mp4', 1, span), [
      '-hide_banner', '-nostdin', '-v', 'info', '-nostats', '-ss', '1.500000', '-t', '2.500000', '-i', 'in.mp4',
      '-map', '0:1', '-vn', '-sn', '-dn', '-af', 'ebur128', '-f', 'null', '-',
    ]);
  });
  test('silence', () => {
    assert.deepEqual(buildSilenceArgs('in.mp4', 2, span, { noiseDb: -40, minDuration: 0.25 }), [
      '-hide_banner', '-nostdin', '-v', 'info', '-nostats', '-ss', '1.500000', '-t', '2.500000', '-i', 'in.mp4',
      '-map', '0:2', '-vn', '-sn', '-dn', '-af', 'silencedetect=noise=-40dB:d=0.25', '-f', 'null', '-',
    ]);
  });
});

describe('parsers on captured ffmpeg output', () => {
  test('ebur128: 100 ms blocks, the summary integrated loudness, silence gated out', async () => {
    const log = parseEbur128Log((await fixture('ebur128-stderr.txt')).split('\n'));
    assert.equal(log.momentary.length, 60);
    assert.equal(log.integrated, -28.1);
    near(log.momentary[0]!.time, 0.1, 0.001, 'first block end');
    assert.equal(log.momentary.find((b) => b.time > 2.75 && b.time < 2.85)!.value, -163.6);
    const signals = loudnessSignals(log, { start: 10, end: 16 }, 1, 'p');
    const windows = signals.filter((s) => s.producer === 'p');
    assert.deepEqual(windows.map((s) => s.span.start), [10, 11, 12, 13, 14, 15]);
    for (const s of windows.filter((w) => [11, 14, 15].includes(w.span.start))) near(Number(s.value), -28.1, 1, `loudness at ${s.span.start}`);
    assert.deepEqual(signals.filter((s) => s.producer === 'p:integrated').map((s) => [s.span, s.value]), [[{ start: 10, end: 16 }, -28.1]]);
  });

  test('silencedetect: a closed silence, and an open one that runs to the end', async () => {
    assert.deepEqual(parseSilencedetectLog((await fixture('silencedetect-stderr.txt')).split('\n'), 6), [{ start: 2.00537, end: 3.51996 }]);
    assert.deepEqual(parseSilencedetectLog(['[silencedetect @ 0x1] silence_start: 4.5', 'size=N/A'], 6), [{ start: 4.5, end: 6 }]);
    assert.deepEqual(parseSilencedetectLog(['[silencedetect @ 0x1] silence_start: -0.02', '[silencedetect @ 0x1] silence_end: 1 | silence_duration: 1.02'], 6), [{ start: 0, end: 1 }]);
  });

  test('motion: one value per frame; the cut (at 1 s into the span) is the peak; still bars read 0', async () => {
    const values = parseMotionOutput(await fixture('motion-stdout.txt'));
    assert.equal(values.length, 49);
    const peak = values.reduce((a, b) => (b.value > a.value ? b : a));
    assert.equal(peak.time, 1);
    near(peak.value, 87.9182 / 255, 1e-6, 'peak');
    assert.ok(values.filter((v) => v.time > 1.05).every((v) => v.value < 0.001));
  });

  test('windows: boundaries belong to the later window, the last is cut short, empty ones are left out', () => {
    assert.deepEqual(spanWindows({ start: 1, end: 3.5 }, 1), [{ start: 1, end: 2 }, { start: 2, end: 3 }, { start: 3, end: 3.5 }]);
    const values = [{ time: 1, value: 1 }, { time: 2, value: 3 }, { time: 2.5, value: 5 }, { time: 3.5, value: 7 }];
    assert.deepEqual(averageByWindow(values, { start: 1, end: 3.5 }, 1, (v) => v.reduce((a, b) => a + b) / v.length).map((w) => [w.span.start, w.value]), [[1, 1], [2, 4], [3, 7]]);
    assert.deepEqual(averageByWindow([{ time: 0.5, value: 1 }], { start: 1, end: 2 }, 1, energyMean), []);
    near(energyMean([-20, -20]), -20, 1e-9, 'equal values');
    near(energyMean([-20, -120]), -20 - 10 * Math.log10(2), 1e-6, 'energy mean');
    assert.throws(() => spanWindows({ start: 0, end: 1 }, 0), RangeError);
  });
});

describe('span analyzers on a generated clip', () => {
  let folder = '';
  let clip = '';
  let silentClip = '';
  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-span-analyzers-'));
    clip = path.join(folder, 'cut.mp4');
    silentClip = path.join(folder, 'no-audio.mp4');
    await ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=3',
      '-f', 'lavfi', '-i', 'smptebars=size=320x240:rate=25:duration=3',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6',
      '-filter_complex', "[0:v][1:v]concat=n=2:v=1:a=0[v];[2:a]volume='if(between(t,2,3.5),0,0.5)':eval=frame[a]",
      '-map', '[v]', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip,
    ]);
    await ffmpeg(['-i', clip, '-map', '0:v', '-c', 'copy', silentClip]);
    await fs.writeFile(path.join(folder, 'cut.srt'), '1\n00:00:00,500 --> 00:00:02,000\nTest <i>pattern</i>\n\n2\n00:00:02,900 --> 00:00:04,000\nColour bars\n');
  });
  after(() => fs.rm(folder, { recursive: true, force: true }));
  const run = (analyzer: SpanAnalyzer, video: string, start = 0, end = 6) => analyzer.analyzeSpan({ video, span: { start, end } });

  test('scene cuts: one cut at 3.0 s', async () => {
    const signals = await run(createSceneCutAnalyzer({ cache: null }), clip);
    assert.equal(signals.length, 1);
    near(signals[0]!.span.start, 3, 0.05, 'cut');
    assert.deepEqual([signals[0]!.kind, signals[0]!.value, signals[0]!.span.end], ['scene', 'cut', signals[0]!.span.start]);
  });

  test('scene cuts: spans of one analyzer split the whole video\'s cuts, each cut in exactly one span', async () => {
    const analyzer = createSceneCutAnalyzer({ cache: null });
    const perSpan = [];
    for (const [start, end] of [[0, 2], [2, 3], [3, 6]] as const) perSpan.push((await run(analyzer, clip, start, end)).map((signal) => signal.span.start));
    assert.deepEqual(perSpan.map((cuts) => cuts.length), [0, 0, 1]);
    near(perSpan[2]![0]!, 3, 0.05, 'cut');
  });

  test('motion: the pattern moves, the bars do not, the cut second peaks', async () => {
    const signals = await run(createMotionAnalyzer({ cache: null }), clip);
    assert.deepEqual(signals.map((s) => s.span.start), [0, 1, 2, 3, 4, 5]);
    const value = (start: number) => Number(signals.find((s) => s.span.start === start)!.value);
    for (const start of [0, 1, 2]) assert.ok(value(start) > 0.005, `motion at ${start}: ${value(start)}`);
    for (const start of [4, 5]) assert.ok(value(start) < 0.001, `motion at ${start}: ${value(start)}`);
    assert.equal(Math.max(...signals.map((s) => Number(s.value))), value(3));
  });

  test('loudness and silence: the tone around a silence from 2.0 to 3.5 s; a span starting later is shifted', async () => {
    const loudness = await run(createLoudnessAnalyzer({ cache: null }), clip);
    const integrated = loudness.find((s) => s.producer === 'ffmpeg:ebur128:integrated')!;
    near(Number(integrated.value), -28.1, 0.5, 'integrated');
    for (const start of [1, 4, 5]) near(Number(loudness.find((s) => s.span.start === start && s.producer === 'ffmpeg:ebur128')!.value), -28.1, 1, `second ${start}`);
    const silence = await run(createSilenceAnalyzer({ cache: null }), clip);
    assert.equal(silence.length, 1);
    near(silence[0]!.span.start, 2, 0.05, 'silence start');
    near(silence[0]!.span.end, 3.5, 0.05, 'silence end');
    const shifted = await run(createSilenceAnalyzer({ cache: null }), clip, 1, 6);
    near(shifted[0]!.span.start, 2, 0.05, 'silence start, span from 1 s');
    const tail = await run(createSilenceAnalyzer({ cache: null }), clip, 2.5, 3);
    assert.deepEqual(tail.map((s) => [s.span.start, s.span.end]), [[2.5, 3]]);
  });

  test('a video without audio gives no loudness and no silence, and no error', async () => {
    assert.deepEqual(await run(createLoudnessAnalyzer({ cache: null }), silentClip), []);
    assert.deepEqual(await run(createSilenceAnalyzer({ cache: null }), silentClip), []);
  });

  test('subtitles: each cue once, in the unit its start falls in, markup stripped', async () => {
    const analyzer = createSubtitleAnalyzer({ cache: null });
    const first = await run(analyzer, clip, 0, 3);
    const second = await run(analyzer, clip, 3, 6);
    assert.deepEqual(first.map((s) => [s.kind, s.value, s.span.start, s.span.end, s.producer]), [
      ['subtitle', 'Test pattern', 0.5, 2, 'subtitles:cut.srt'],
      ['subtitle', 'Colour bars', 2.9, 4, 'subtitles:cut.srt'],
    ]);
    assert.deepEqual(second, []);
    assert.deepEqual(subtitleSignals([{ source: 'stream:2', language: 'en', cues: [{ start: 3, end: 4, text: 'x' }] }], { start: 3, end: 6 }).map((s) => s.producer), ['subtitles:stream:2:en']);
  });

  test('a missing video is a typed error naming it', async () => {
    const missing = path.join(folder, 'missing.mp4');
    await assert.rejects(run(createMotionAnalyzer({ cache: null }), missing), (error: Error) => error.name === 'MediaError' && error.message.includes(missing));
  });
});

describe('analyzer registry', () => {
  test('frozen, ids from keys, every entry creates an analyzer with its id, kinds and a config hash', async () => {
    assert.ok(Object.isFrozen(perceptionAnalyzers));
    assert.deepEqual(Object.keys(perceptionAnalyzers), ['ocr', 'objects', 'scenes', 'motion', 'loudness', 'silence', 'subtitles']);
    assert.equal(perceptionAnalyzerEntries.length, 7);
    for (const [id, entry] of Object.entries(perceptionAnalyzers)) {
      assert.equal(entry.id, id);
      assert.ok(Object.isFrozen(entry));
      const analyzer = await entry.create({ cache: null });
      assert.equal(analyzer.id, id);
      assert.deepEqual([...analyzer.kinds], [...entry.kinds]);
      assert.match(analyzer.configHash, /^[0-9a-f]{64}$/);
      await analyzer.close?.();
    }
    const hashes = await Promise.all(perceptionAnalyzerEntries.map(async (entry) => (await entry.create({ cache: null })).configHash));
    assert.equal(new Set(hashes).size, hashes.length);
  });
});
