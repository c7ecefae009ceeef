/**
 * Speech to text through an OpenAI-compatible `/v1/audio/transcriptions` endpoint, against the loopback
 * double in transcription-server.ts (which segments the WAV it receives by energy). Checked: the exact
 * ffmpeg command line, the answer parser, the upload (16 kHz mono WAV of exactly the span, the form
 * fields), times shifted onto the video's timeline, retries on 503, no retry on 400, no request for a
 * video without audio, and a real speech recording (../shared/media/test_speech.wav).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAudioExtractArgs } from '../../src/perception/speech/extract-audio.js';
import { createSpeechAnalyzer } from '../../src/perception/speech/speech-analyzer.js';
import { parseTranscription } from '../../src/perception/speech/transcription-response.js';
import { ffmpeg } from '../support/media-generators.js';
import { startTranscriptionServer, type TranscriptionServer } from './transcription-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const speechWav = path.resolve(repoRoot, '../shared/media/test_speech.wav');
const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

describe('pure parts', () => {
  test('audio extraction command line', () => {
    assert.deepEqual(buildAudioExtractArgs('in.mp4', 1, { start: 2, end: 5.5 }), [
      '-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-ss', '2.000000', '-t', '3.500000', '-i', 'in.mp4',
      '-map', '0:1', '-vn', '-sn', '-dn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', 'pipe:1',
    ]);
  });

  test('verbose_json segments, text-only answers, and answers of another shape', () => {
    assert.deepEqual(parseTranscription({ text: 'a b', segments: [{ start: 0.5, end: 1, text: ' a ' }, { start: 1, end: 2, text: '  ' }, { start: -0.1, end: 3, text: 'b' }] }, 4, 'u'), [
      { start: 0.5, end: 1, text: 'a' },
      { start: 0, end: 3, text: 'b' },
    ]);
    assert.deepEqual(parseTranscription({ text: ' hello ' }, 4, 'u'), [{ start: 0, end: 4, text: 'hello' }]);
    assert.deepEqual(parseTranscription({ text: '' }, 4, 'u'), []);
    for (const bad of [null, 'text', { segments: [{ start: 'x', end: 1, text: 'a' }] }, { result: 'a' }]) {
      assert.throws(() => parseTranscription(bad, 4, 'http://h/v1/audio/transcriptions'), (error: Error) => error.name === 'ApiCallError' && /OpenAI-compatible/.test(error.message));
    }
  });
});

describe('speech analyzer against a loopback transcription server', () => {
  let server: TranscriptionServer;
  let folder = '';
  let clip = '';
  let silentClip = '';
  before(async () => {
    server = await startTranscriptionServer();
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-speech-'));
    clip = path.join(folder, 'tone.mp4');
    silentClip = path.join(folder, 'no-audio.mp4');
    await ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=6',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6',
      '-filter_complex', "[1:a]volume='if(between(t,2,3.5),0,0.5)':eval=frame[a]",
      '-map', '0:v', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip,
    ]);
    await ffmpeg(['-i', clip, '-map', '0:v', '-c', 'copy', silentClip]);
  });
  after(async () => {
    await server.close();
    await fs.rm(folder, { recursive: true, force: true });
  });
  const analyzer = (extra: Partial<Parameters<typeof createSpeechAnalyzer>[0]> = {}) =>
    createSpeechAnalyzer({ baseUrl: server.baseUrl, model: 'whisper-test', language: 'en', apiKey: 'k-1', cache: null, initialBackoffMs: 10, ...extra });

  test('uploads the span as 16 kHz mono WAV and puts the segments on the video timeline', async () => {
    const before = server.received.length;
    const signals = await analyzer().analyzeSpan({ video: clip, span: { start: 1, end: 6 } });
    const upload = server.received[before]!;
    assert.equal(server.received.length, before + 1);
    assert.deepEqual([upload.sampleRate, upload.channels], [16000, 1]);
    near(upload.seconds, 5, 0.05, 'uploaded seconds');
    assert.deepEqual(upload.fields, { model: 'whisper-test', response_format: 'verbose_json', 'timestamp_granularities[]': 'segment', language: 'en' });
    assert.equal(upload.authorization, 'Bearer k-1');
    assert.equal(signals.length, 2, JSON.stringify(signals));
    near(signals[0]!.span.start, 1, 0.06, 'first segment start');
    near(signals[0]!.span.end, 2, 0.1, 'first segment end');
    near(signals[1]!.span.start, 3.5, 0.1, 'second segment start');
    near(signals[1]!.span.end, 6, 0.06, 'second segment end');
    assert.match(String(signals[1]!.value), /^voiced 2 lasting 2\.\d s$/);
    assert.ok(signals.every((s) => s.kind === 'speech' && s.producer === 'speech:whisper-test'));
  });

  test('a 503 is retried; a 400 is an ApiCallError at once', async () => {
    server.failNext(503);
    const before = server.received.length;
    const signals = await analyzer().analyzeSpan({ video: clip, span: { start: 0, end: 2 } });
    assert.equal(server.received.length, before + 2);
    assert.equal(signals.length, 1);
    server.failNext(400);
    await assert.rejects(analyzer().analyzeSpan({ video: clip, span: { start: 0, end: 2 } }), (error: Error & { statusCode?: number }) => error.name === 'ApiCallError' && error.statusCode === 400);
    assert.equal(server.received.length, before + 3);
  });

  test('no audio, no request and no signals; an unreachable server is an ApiCallError', async () => {
    const before = server.received.length;
    assert.deepEqual(await analyzer().analyzeSpan({ video: silentClip, span: { start: 0, end: 6 } }), []);
    assert.equal(server.received.length, before);
    await assert.rejects(
      analyzer({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 }).analyzeSpan({ video: clip, span: { start: 0, end: 1 } }),
      (error: Error) => error.name === 'ApiCallError' && /could not be reached/.test(error.message),
    );
  });

  test('real speech (test_speech.wav) reaches the server whole and comes back as segments inside it', async () => {
    const signals = await analyzer().analyzeSpan({ video: speechWav, span: { start: 0, end: 6.56 } });
    const upload = server.received.at(-1)!;
    near(upload.seconds, 6.56, 0.05, 'uploaded seconds');
    assert.ok(signals.length >= 1);
    for (const s of signals) assert.ok(s.span.start >= 0 && s.span.end <= 6.56 && s.span.end > s.span.start);
  });

  test('the config hash follows the endpoint, model and language', () => {
    assert.equal(analyzer().configHash, analyzer({ apiKey: 'other' }).configHash);
    assert.notEqual(analyzer().configHash, analyzer({ model: 'whisper-2' }).configHash);
    assert.notEqual(analyzer().configHash, analyzer({ language: 'de' }).configHash);
  });
});
