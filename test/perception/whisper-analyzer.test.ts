/**
 * Local speech to text with Whisper through transformers.js, on the tiny Whisper that
 * scripts/build-tiny-models.py builds (a model double at the model boundary: real ONNX encoder and
 * merged decoder with a KV cache, real feature extractor and tokenizer, whose decoder says " sound"
 * from the first to the last loud frame of each 30-s window). Audio comes from clips ffmpeg generates
 * and from ../shared/media/test_speech.wav. Checked: times on the video timeline with the unit's
 * offset, producer and kind, silence gives nothing, long audio heard in 30-s windows with segments in
 * each and times in order, cancellation, progress, and typed errors for a wrong model folder.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ProgressEvent } from '../../src/core/progress.js';
import type { SpanAnalyzer } from '../../src/perception/analyzer.js';
import { buildAudioPcmArgs } from '../../src/perception/speech/extract-audio.js';
import { createWhisperAnalyzer } from '../../src/perception/speech/whisper-analyzer.js';
import { firstWindow, placeWindow } from '../../src/perception/speech/whisper-windows.js';
import { ffmpeg } from '../support/media-generators.js';
import { tinyModels, tinyModelsUnavailable } from '../support/tiny-models.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const speechWav = path.resolve(repoRoot, '../shared/media/test_speech.wav');
// Whisper times step by 0.02 s, its STFT window is 25 ms and the tiny encoder pairs frames: ±0.1 s.
const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

/** A sine that sounds only inside `loud` spans (volume 0 elsewhere: digital silence). */
const gatedTone = (loud: Array<[number, number]>) =>
  `volume='if(${loud.map(([start, end]) => `between(t,${start},${end})`).join('+')},0.5,0)':eval=frame`;

describe('pure parts', () => {
  test('the PCM extraction command line', () => {
    assert.deepEqual(buildAudioPcmArgs('in.mp4', 1, { start: 2, end: 5.5 }), [
      '-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-ss', '2.000000', '-t', '3.500000', '-i', 'in.mp4',
      '-map', '0:1', '-vn', '-sn', '-dn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_f32le', '-f', 'f32le', 'pipe:1',
    ]);
  });

  test('windows: 30 s each, an open last segment heard again from its start, the last window keeps it', () => {
    const span = { start: 10, end: 75 };
    assert.deepEqual(firstWindow(span), { start: 10, end: 40 });
    assert.equal(firstWindow({ start: 3, end: 3.1 }), undefined);
    const first = placeWindow({ start: 10, end: 40 }, span, [
      { start: 1, end: 4, text: ' one ' },
      { start: 5, end: 6, text: '   ' },
      { start: 26, end: null, text: ' cut' },
    ]);
    assert.deepEqual(first, { segments: [{ span: { start: 11, end: 14 }, text: 'one' }], next: { start: 36, end: 66 } });
    const closed = placeWindow({ start: 36, end: 66 }, span, [{ start: 0, end: 29.5, text: 'two' }]);
    assert.deepEqual(closed.next, { start: 66, end: 75 });
    const last = placeWindow({ start: 66, end: 75 }, span, [{ start: 2, end: null, text: 'three' }]);
    assert.deepEqual(last, { segments: [{ span: { start: 68, end: 75 }, text: 'three' }], next: undefined });
    // An open segment at the window's very start cannot move the window: it is kept, the next window follows.
    const stuck = placeWindow({ start: 10, end: 40 }, span, [{ start: 0, end: null, text: 'long' }]);
    assert.deepEqual(stuck, { segments: [{ span: { start: 10, end: 40 }, text: 'long' }], next: { start: 40, end: 70 } });
    // Times past the window are clamped into it.
    assert.deepEqual(placeWindow({ start: 0, end: 5 }, { start: 0, end: 5 }, [{ start: 1, end: 9, text: 'x' }]).segments, [{ span: { start: 1, end: 5 }, text: 'x' }]);
  });
});

describe('whisper analyzer on the tiny Whisper', { skip: tinyModelsUnavailable() }, () => {
  let folder = '';
  let model = '';
  let analyzer: SpanAnalyzer;
  let toneClip = '';
  let longAudio = '';
  let silentClip = '';
  before(async () => {
    model = (await tinyModels()).whisper;
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-whisper-'));
    toneClip = path.join(folder, 'tone.mp4');
    longAudio = path.join(folder, 'long.wav');
    silentClip = path.join(folder, 'silent.mp4');
    await ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=12',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=12',
      '-filter_complex', `[1:a]${gatedTone([[4, 7]])}[a]`,
      '-map', '0:v', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', toneClip,
    ]);
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=16000:duration=45', '-af', gatedTone([[10, 20], [35, 40]]), '-c:a', 'pcm_s16le', longAudio]);
    await ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=5', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono',
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-t', '5', silentClip,
    ]);
    analyzer = await createWhisperAnalyzer({ model, cache: null });
  });
  after(async () => {
    await analyzer?.close?.();
    await fs.rm(folder, { recursive: true, force: true });
  });

  test('a tone inside a unit is one speech signal where it sounds, on the video timeline', async () => {
    // The unit starts at 1 s: the model hears the tone 3–6 s into its window, the signal sits at 4–7 s.
    const signals = await analyzer.analyzeSpan({ video: toneClip, span: { start: 1, end: 12 } });
    assert.equal(signals.length, 1, JSON.stringify(signals));
    const [signal] = signals;
    assert.equal(signal!.kind, 'speech');
    assert.equal(signal!.value, 'sound');
    assert.equal(signal!.producer, 'whisper:tiny-whisper');
    assert.equal(signal!.confidence, null);
    near(signal!.span.start, 4, 0.1, 'start');
    near(signal!.span.end, 7, 0.1, 'end');
    // A unit that holds only the silent part hears nothing.
    assert.deepEqual(await analyzer.analyzeSpan({ video: toneClip, span: { start: 8, end: 12 } }), []);
  });

  test('silence and a video without an audio stream give no signals', async () => {
    assert.deepEqual(await analyzer.analyzeSpan({ video: silentClip, span: { start: 0, end: 5 } }), []);
    const mute = path.join(folder, 'mute.mp4');
    await ffmpeg(['-i', toneClip, '-map', '0:v', '-c', 'copy', mute]);
    assert.deepEqual(await analyzer.analyzeSpan({ video: mute, span: { start: 0, end: 12 } }), []);
  });

  test('45 s of audio is heard in two windows, each with its segment, times in order', async () => {
    const events: ProgressEvent[] = [];
    const withProgress = await createWhisperAnalyzer({ model, cache: null, onProgress: (event) => events.push(event) });
    try {
      const signals = await withProgress.analyzeSpan({ video: longAudio, span: { start: 0, end: 45 } });
      assert.equal(signals.length, 2, JSON.stringify(signals));
      near(signals[0]!.span.start, 10, 0.1, 'first start');
      near(signals[0]!.span.end, 20, 0.1, 'first end');
      near(signals[1]!.span.start, 35, 0.1, 'second start (second window)');
      near(signals[1]!.span.end, 40, 0.1, 'second end');
      assert.ok(signals[0]!.span.end <= signals[1]!.span.start);
      const done = events.filter((event) => event.type === 'progress').map((event) => (event as { done: number }).done);
      assert.deepEqual(done, [30, 45]);
      assert.equal(events.at(-1)?.type, 'done');
    } finally {
      await withProgress.close?.();
    }
  });

  test('real speech (test_speech.wav) gives segments inside the recording', async () => {
    const signals = await analyzer.analyzeSpan({ video: speechWav, span: { start: 0, end: 10 } });
    assert.ok(signals.length >= 1);
    for (const signal of signals) assert.ok(signal.span.start >= 0 && signal.span.end <= 6.57 && signal.span.end > signal.span.start, JSON.stringify(signal));
  });

  test('cancelling stops between windows with an AbortedError; an aborted signal starts nothing', async () => {
    const controller = new AbortController();
    const stopping = await createWhisperAnalyzer({
      model,
      cache: null,
      onProgress: (event) => {
        if (event.type === 'progress') controller.abort();
      },
    });
    try {
      await assert.rejects(stopping.analyzeSpan({ video: longAudio, span: { start: 0, end: 45 }, signal: controller.signal }), (error: Error) => error.name === 'AbortedError');
      await assert.rejects(stopping.analyzeSpan({ video: longAudio, span: { start: 0, end: 45 }, signal: AbortSignal.abort() }), (error: Error) => error.name === 'AbortedError');
    } finally {
      await stopping.close?.();
    }
  });

  test('a missing folder, a folder of another model and options the model cannot honour are typed errors', async () => {
    const missing = path.join(folder, 'no-such-model');
    await assert.rejects(createWhisperAnalyzer({ model: missing }), (error: Error & { what?: string }) =>
      error.name === 'NotFoundError' && error.what === missing && error.message.includes(missing) && /huggingface-cli download/.test(error.message));
    const clip = (await tinyModels()).clip;
    await assert.rejects(createWhisperAnalyzer({ model: clip }), (error: Error) =>
      error.name === 'ConfigError' && error.message.includes(clip) && /not hold a Whisper model.*model_type "clip"/.test(error.message));
    await assert.rejects(createWhisperAnalyzer({ model, language: 'fr' }), (error: Error) => error.name === 'ConfigError' && /English-only/.test(error.message));
    // An export without alignment heads cannot give word timestamps: said when asked, as a ConfigError.
    const headless = path.join(folder, 'whisper-without-alignment-heads');
    await fs.cp(model, headless, { recursive: true });
    const generation = JSON.parse(await fs.readFile(path.join(headless, 'generation_config.json'), 'utf8')) as Record<string, unknown>;
    delete generation.alignment_heads;
    await fs.writeFile(path.join(headless, 'generation_config.json'), JSON.stringify(generation));
    const words = await createWhisperAnalyzer({ model: headless, timestamps: 'word' });
    try {
      await assert.rejects(words.analyzeSpan({ video: toneClip, span: { start: 0, end: 12 } }), (error: Error) => error.name === 'ConfigError' && /alignment_heads/.test(error.message));
    } finally {
      await words.close?.();
    }
  });

  test('word timestamps (cross-attention alignment) put each word where it is said', async () => {
    const words = await createWhisperAnalyzer({ model, timestamps: 'word' });
    try {
      assert.notEqual(words.configHash, analyzer.configHash);
      const signals = await words.analyzeSpan({ video: toneClip, span: { start: 1, end: 12 } });
      assert.equal(signals.length, 1, JSON.stringify(signals));
      assert.equal(signals[0]!.value, 'sound');
      assert.equal(signals[0]!.producer, 'whisper:tiny-whisper');
      // DTW over the median-filtered attention: a frame or three coarser than segment times.
      near(signals[0]!.span.start, 4, 0.15, 'word start');
      near(signals[0]!.span.end, 7, 0.15, 'word end');
    } finally {
      await words.close?.();
    }
  });

  test('the config hash follows the model, the timestamps and the window', async () => {
    const other = await createWhisperAnalyzer({ model, windowSeconds: 20 });
    const same = await createWhisperAnalyzer({ model });
    try {
      assert.notEqual(other.configHash, analyzer.configHash);
      assert.equal(same.configHash, analyzer.configHash);
    } finally {
      await other.close?.();
      await same.close?.();
    }
  });
});
