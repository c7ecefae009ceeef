/**
 * One audio decode for loudness and silence (src/perception/ffmpeg/audio-pass.ts): on a clip generated
 * here (a 440 Hz tone, silent from 2.0 to 3.5 s), the analyzers reading the shared pass give exactly the
 * signals that `ebur128` and `silencedetect` give when each runs alone; two analyzers asking for the
 * same span at once share one pass; the exact command line is pinned.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runMediaTool } from '../../src/media/run-media-tool.js';
import { probe } from '../../src/media/probe.js';
import { audioPassLines, buildAudioPassArgs } from '../../src/perception/ffmpeg/audio-pass.js';
import { buildLoudnessArgs, createLoudnessAnalyzer, loudnessSignals, parseEbur128Log } from '../../src/perception/ffmpeg/loudness.js';
import { buildSilenceArgs, createSilenceAnalyzer, parseSilencedetectLog, silenceDefaults } from '../../src/perception/ffmpeg/silence.js';
import { ffmpeg } from '../support/media-generators.js';

let folder = '';
let clip = '';

before(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-audio-pass-'));
  clip = path.join(folder, 'tone.mp4');
  await ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=6',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6',
    '-filter_complex', "[1:a]volume='if(between(t,2,3.5),0,0.5)':eval=frame[a]",
    '-map', '0:v', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip,
  ]);
});
after(() => fs.rm(folder, { recursive: true, force: true }));

async function stderrLines(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runMediaTool('ffmpeg', args, { onStderrLine: (line) => lines.push(line) });
  return lines;
}

test('the command line', () => {
  assert.deepEqual(buildAudioPassArgs('in.mp4', 1, { start: 1.5, end: 4 }, { noiseDb: -40, minDuration: 0.25 }), [
    '-hide_banner', '-nostdin', '-v', 'info', '-nostats', '-ss', '1.500000', '-t', '2.500000', '-i', 'in.mp4',
    '-map', '0:1', '-vn', '-sn', '-dn', '-af', 'ebur128,silencedetect=noise=-40dB:d=0.25', '-f', 'null', '-',
  ]);
});

test('shared pass: the same loudness and silence signals as each filter alone', async () => {
  const info = await probe(clip, { cache: null });
  const audio = info.streams.find((stream) => stream.type === 'audio')!.index;
  for (const span of [{ start: 0, end: 6 }, { start: 1, end: 4 }]) {
    const alone = {
      loudness: loudnessSignals(parseEbur128Log(await stderrLines(buildLoudnessArgs(clip, audio, span))), span, 1, 'ffmpeg:ebur128'),
      silence: parseSilencedetectLog(await stderrLines(buildSilenceArgs(clip, audio, span)), span.end - span.start),
    };
    const loudness = await createLoudnessAnalyzer({ cache: null }).analyzeSpan({ video: clip, span });
    const silence = await createSilenceAnalyzer({ cache: null }).analyzeSpan({ video: clip, span });
    assert.deepEqual(loudness, alone.loudness, `loudness over ${span.start}–${span.end}`);
    assert.ok(loudness.length >= 4);
    assert.deepEqual(silence.map((signal) => [signal.span.start - span.start, signal.span.end - span.start]),
      alone.silence.map((quiet) => [quiet.start, Math.min(quiet.end, span.end - span.start)]), `silence over ${span.start}–${span.end}`);
    assert.equal(silence.length, 1);
  }
});

test('two analyzers asking for one span at once share one decode', async () => {
  const info = await probe(clip, { cache: null });
  const audio = info.streams.find((stream) => stream.type === 'audio')!.index;
  const span = { start: 0.5, end: 5 };
  const [first, second] = await Promise.all([
    audioPassLines(clip, info.contentHash, audio, span, silenceDefaults),
    audioPassLines(clip, info.contentHash, audio, span, silenceDefaults),
  ]);
  assert.equal(first, second, 'one result: one process');
  assert.ok(first.some((line) => line.includes('silence_start')) && first.some((line) => line.includes('Parsed_ebur128')));
  const other = await audioPassLines(clip, info.contentHash, audio, span, { noiseDb: -30, minDuration: 0.5 });
  assert.notEqual(other, first, 'other silence settings are another pass');
});
