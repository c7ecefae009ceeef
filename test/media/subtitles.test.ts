/**
 * Subtitles: the SRT and WebVTT parsers on edge-case strings, sidecar discovery in a temporary folder,
 * and embedded streams in small videos made with ffmpeg (mp4 with mov_text, mkv with subrip and a
 * language tag, containers that start at 5 s, a Blu-ray PGS bitmap stream). Media lives in os.tmpdir()
 * and is removed afterwards.
 */

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AbortedError, MediaError } from '../../src/core/errors.js';
import { probe } from '../../src/media/probe.js';
import { runMediaTool } from '../../src/media/run-media-tool.js';
import {
  buildSubtitleExtractArgs,
  cleanCueText,
  extractEmbeddedSubtitles,
  findSidecarSubtitles,
  loadSubtitles,
  parseCueTimestamp,
  parseSrt,
  parseVtt,
  readSubtitleFile,
} from '../../src/media/subtitles/index.js';

// ---------------------------------------------------------------- parsers

test('parseCueTimestamp reads SRT and VTT forms and rejects others', () => {
  assert.equal(parseCueTimestamp('00:01:02,500'), 62.5);
  assert.equal(parseCueTimestamp('00:01:02.500'), 62.5);
  assert.equal(parseCueTimestamp('01:02.250'), 62.25);
  assert.equal(parseCueTimestamp('1:00:00.000'), 3600);
  assert.equal(parseCueTimestamp('00:00:03'), 3);
  assert.equal(parseCueTimestamp('00:61:00,000'), undefined);
  assert.equal(parseCueTimestamp('00:00:xx,000'), undefined);
  assert.equal(parseCueTimestamp('12.5'), undefined);
});

test('cleanCueText strips markup, decodes entities once and joins lines', () => {
  assert.equal(cleanCueText(['{\\an8}<i>Hello</i> &amp; <b>bye</b>']), 'Hello & bye');
  assert.equal(cleanCueText(['<c.yellow.bg_blue>one</c>', '<v Bob>two</v>']), 'one\ntwo');
  assert.equal(cleanCueText(['a<00:00:01.500>b<01:02.000>c']), 'abc');
  assert.equal(cleanCueText(['&lt;i&gt; is a tag', '&amp;lt;']), '<i> is a tag\n&lt;');
  assert.equal(cleanCueText(['a&nbsp;b', '   ', 'x < y > z', '&#233;&#xE9;&unknown;']), 'a b\nx < y > z\néé&unknown;');
});

test('parseSrt reads a plain file with tags and multi-line text', () => {
  const srt = '1\n00:00:01,000 --> 00:00:02,500\n<i>Hello</i> world\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\an8}Top &amp; line\nsecond line\n\n';
  assert.deepEqual(parseSrt(srt), {
    cues: [
      { start: 1, end: 2.5, text: 'Hello world' },
      { start: 3, end: 4, text: 'Top & line\nsecond line' },
    ],
    skipped: 0,
  });
});

test('parseSrt handles BOM, CRLF, CR, missing numbers, dot millis and missing blank lines', () => {
  const expected = [
    { start: 1, end: 2, text: 'one' },
    { start: 3, end: 4, text: 'two' },
  ];
  assert.deepEqual(parseSrt('\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\none\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\ntwo\r\n').cues, expected);
  assert.deepEqual(parseSrt('1\r00:00:01,000 --> 00:00:02,000\rone\r\r2\r00:00:03,000 --> 00:00:04,000\rtwo').cues, expected);
  assert.deepEqual(parseSrt('00:00:01.000 --> 00:00:02.000\none\n\n00:00:03.000 --> 00:00:04.000\ntwo').cues, expected);
  // No blank line between cues, with and without the cue number, and none at the end of the file.
  assert.deepEqual(parseSrt('1\n00:00:01,000 --> 00:00:02,000\none\n2\n00:00:03,000 --> 00:00:04,000\ntwo').cues, expected);
  assert.deepEqual(parseSrt('00:00:01,000 --> 00:00:02,000\none\n00:00:03,000 --> 00:00:04,000\ntwo').cues, expected);
  // Coordinates after the end time (an old SRT extension) are ignored.
  assert.deepEqual(parseSrt('1\n00:00:01,000 --> 00:00:02,000 X1:10 X2:20 Y1:5 Y2:9\none\n').cues, [expected[0]]);
});

test('parseSrt keeps overlapping cues, sorts by start and counts malformed blocks', () => {
  const srt = [
    '3\n00:00:05,000 --> 00:00:06,000\nlate',
    '1\n00:00:01,000 --> 00:00:04,000\nlong',
    '2\n00:00:02,000 --> 00:00:03,000\noverlapping',
    'just some stray text',
    '4\n00:00:xx,000 --> 00:00:09,000\nbad start',
    '5\n00:00:09,000 --> 00:00:08,000\nends before it starts',
    '6\n00:00:10,000 --> 00:00:11,000\n{\\an8}',
  ].join('\n\n');
  const { cues, skipped } = parseSrt(srt);
  assert.deepEqual(cues.map((cue) => cue.text), ['long', 'overlapping', 'late']);
  assert.equal(skipped, 3);
});

test('parseSrt on empty or blank text returns no cues', () => {
  assert.deepEqual(parseSrt(''), { cues: [], skipped: 0 });
  assert.deepEqual(parseSrt('\uFEFF\r\n\r\n'), { cues: [], skipped: 0 });
});

test('parseVtt skips header, NOTE, STYLE and REGION blocks and reads ids, short times and settings', () => {
  const vtt = [
    '\uFEFFWEBVTT - a title\r\nKind: captions\r\nLanguage: en',
    'NOTE this is a comment\r\nthat spans lines',
    'STYLE\r\n::cue(.loud) { color: red }',
    'REGION\r\nid:fred width:40%',
    'intro\r\n00:01.000 --> 00:02.500 align:start position:10%\r\n<c.loud>Hello</c> <v Bob>there</v>',
    '00:00:03.000 --> 00:00:04.000 region:fred\r\nkaraoke <00:03.500>words',
    'NOTE\r\ntrailing note',
  ].join('\r\n\r\n');
  assert.deepEqual(parseVtt(vtt), {
    cues: [
      { start: 1, end: 2.5, text: 'Hello there' },
      { start: 3, end: 4, text: 'karaoke words' },
    ],
    skipped: 0,
  });
});

test('parseVtt reads a cue directly under the header and counts malformed blocks', () => {
  const vtt = 'WEBVTT\n00:01.000 --> 00:02.000\nfirst\n\nnot a cue\n\n00:03.000 --> nonsense\nbad\n\n1:00:00.000 --> 1:00:01.000\nan hour in';
  const { cues, skipped } = parseVtt(vtt);
  assert.deepEqual(cues, [
    { start: 1, end: 2, text: 'first' },
    { start: 3600, end: 3601, text: 'an hour in' },
  ]);
  assert.equal(skipped, 2);
});

// ---------------------------------------------------------------- files

const temporaryFolders: string[] = [];
after(async () => {
  await Promise.all(temporaryFolders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function makeTemporaryFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-subtitles-'));
  temporaryFolders.push(folder);
  return folder;
}

const sampleSrt = '1\n00:00:01,000 --> 00:00:02,500\nHello <i>world</i>\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond &amp; line\nwrapped\n';
const sampleCues = [
  { start: 1, end: 2.5, text: 'Hello world' },
  { start: 3, end: 4, text: 'Second & line\nwrapped' },
];

test('findSidecarSubtitles finds same-name .srt/.vtt files and reads language suffixes', async () => {
  const folder = await makeTemporaryFolder();
  const names = ['talk.mp4', 'talk.srt', 'talk.en.vtt', 'talk.pt-BR.srt', 'talk.en.forced.srt', 'talk.SRT', 'talk.txt', 'talk2.srt', 'other.srt', 'talk.ass'];
  for (const name of names) await fs.writeFile(path.join(folder, name), '');
  await fs.mkdir(path.join(folder, 'talk.de.srt'));
  const found = await findSidecarSubtitles(path.join(folder, 'talk.mp4'));
  assert.deepEqual(found, [
    { path: path.join(folder, 'talk.SRT') },
    { path: path.join(folder, 'talk.en.forced.srt'), language: 'en', title: 'forced' },
    { path: path.join(folder, 'talk.en.vtt'), language: 'en' },
    { path: path.join(folder, 'talk.pt-BR.srt'), language: 'pt-BR' },
    { path: path.join(folder, 'talk.srt') },
  ]);
});

test('readSubtitleFile picks the parser by extension and reports skipped blocks', async () => {
  const folder = await makeTemporaryFolder();
  await fs.writeFile(path.join(folder, 'a.srt'), sampleSrt + '\ngarbage\n');
  await fs.writeFile(path.join(folder, 'a.VTT'), 'WEBVTT\n\n00:01.000 --> 00:02.000\nvtt cue\n');
  // Older SRT files are often Windows-1252, not UTF-8.
  await fs.writeFile(path.join(folder, 'latin.srt'), Buffer.from('1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n', 'latin1'));
  assert.deepEqual(await readSubtitleFile(path.join(folder, 'a.srt'), { language: 'en' }), {
    source: path.join(folder, 'a.srt'),
    language: 'en',
    cues: sampleCues,
    skippedBlocks: 1,
  });
  assert.deepEqual((await readSubtitleFile(path.join(folder, 'a.VTT'))).cues, [{ start: 1, end: 2, text: 'vtt cue' }]);
  assert.equal((await readSubtitleFile(path.join(folder, 'latin.srt'))).cues[0]?.text, 'café');
});

test('readSubtitleFile names the file in typed errors', async () => {
  const folder = await makeTemporaryFolder();
  const unknown = path.join(folder, 'a.ass');
  await fs.writeFile(unknown, '[Script Info]');
  await assert.rejects(readSubtitleFile(unknown), (error: unknown) => {
    assert.ok(MediaError.isInstance(error));
    assert.equal(error.reason, 'not-media');
    assert.equal(error.input, unknown);
    assert.match(error.message, /\.srt or \.vtt/);
    return true;
  });
  const missing = path.join(folder, 'missing.srt');
  await assert.rejects(readSubtitleFile(missing), (error: unknown) => MediaError.isInstance(error) && error.reason === 'not-found' && error.message.includes(missing));
});

test('buildSubtitleExtractArgs converts one stream to WebVTT on stdout', () => {
  assert.deepEqual(buildSubtitleExtractArgs('/videos/a.mkv', 3), [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:2',
    '-i', '/videos/a.mkv', '-map', '0:3', '-f', 'webvtt', 'pipe:1',
  ]);
});

// ---------------------------------------------------------------- embedded streams

async function ffmpeg(args: string[]): Promise<void> {
  await runMediaTool('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** A 6 s, 160×90 test video with `sampleSrt` muxed in as a subtitle stream. */
async function makeVideoWithSubtitles(folder: string, name: string, subtitleArgs: string[]): Promise<string> {
  const srtPath = path.join(folder, 'source.srt');
  await fs.writeFile(srtPath, sampleSrt);
  const output = path.join(folder, name);
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-i', srtPath, '-t', '6', '-map', '0:v', '-map', '1:s', '-c:v', 'mpeg4', ...subtitleArgs, output]);
  return output;
}

/** Raw pts (container timestamps, before the start time is subtracted) of subtitle packets that carry text. */
async function rawSubtitlePacketTimes(input: string, streamIndex: number): Promise<number[]> {
  const { stdout } = await runMediaTool('ffprobe', ['-v', 'error', '-select_streams', String(streamIndex), '-show_entries', 'packet=pts_time,size', '-of', 'csv=p=0', input]);
  return stdout
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(',').map(Number))
    // mov_text fills gaps between cues with empty 2-byte samples.
    .filter(([, size]) => (size ?? 0) > 2)
    .map(([time]) => time ?? Number.NaN);
}

test('extractEmbeddedSubtitles reads mov_text from mp4', async () => {
  const folder = await makeTemporaryFolder();
  const video = await makeVideoWithSubtitles(folder, 'a.mp4', ['-c:s', 'mov_text', '-metadata:s:s:0', 'language=eng']);
  assert.deepEqual(await extractEmbeddedSubtitles(video, 1), { source: 'stream:1', language: 'eng', cues: sampleCues });
});

test('extractEmbeddedSubtitles reads subrip from mkv with its language and title', async () => {
  const folder = await makeTemporaryFolder();
  const video = await makeVideoWithSubtitles(folder, 'a.mkv', ['-c:s', 'subrip', '-metadata:s:s:0', 'language=fra', '-metadata:s:s:0', 'title=Français']);
  assert.deepEqual(await extractEmbeddedSubtitles(video, 1), { source: 'stream:1', language: 'fra', title: 'Français', cues: sampleCues });
});

for (const [name, codec] of [['offset.mp4', 'mov_text'], ['offset.mkv', 'subrip']] as const) {
  test(`cue times are pts − container start when ${name} starts at 5 s`, async () => {
    const folder = await makeTemporaryFolder();
    const video = await makeVideoWithSubtitles(folder, name, ['-c:s', codec, '-output_ts_offset', '5']);
    const info = await probe(video, { cache: null });
    assert.equal(info.startTime, 5);
    // The first frame is at 0 on the presentation timeline, so a cue authored at 1 s must come back at 1 s…
    assert.equal(info.video?.firstFrameTime, 0);
    const track = await extractEmbeddedSubtitles(video, 1);
    assert.deepEqual(track.cues, sampleCues);
    // …and it is the packet stored at pts 6 s in the container: pts − start time, like frame times.
    const rawTimes = await rawSubtitlePacketTimes(video, 1);
    assert.deepEqual(rawTimes, [6, 8]);
    assert.deepEqual(track.cues.map((cue) => cue.start), rawTimes.map((time) => time - info.startTime));
  });
}

/** A minimal Blu-ray PGS (.sup) stream: three presentation segments at 1, 2 and 3 s, each closed by an END segment. */
function minimalPgsStream(): Buffer {
  const segments: Buffer[] = [];
  const addSegment = (pts: number, type: number, data: Buffer): void => {
    const header = Buffer.alloc(13);
    header.write('PG', 0, 'latin1');
    header.writeUInt32BE(pts, 2);
    header.writeUInt8(type, 10);
    header.writeUInt16BE(data.length, 11);
    segments.push(header, data);
  };
  for (const [second, compositionNumber] of [[1, 0], [2, 1], [3, 2]] as const) {
    const composition = Buffer.alloc(11);
    composition.writeUInt16BE(160, 0);
    composition.writeUInt16BE(90, 2);
    composition.writeUInt8(0x10, 4);
    composition.writeUInt16BE(compositionNumber, 5);
    composition.writeUInt8(0x80, 7);
    addSegment(second * 90_000, 0x16, composition);
    addSegment(second * 90_000, 0x80, Buffer.alloc(0));
  }
  return Buffer.concat(segments);
}

test('a bitmap subtitle stream gets a typed error saying it needs OCR, and loadSubtitles leaves it out', async () => {
  const folder = await makeTemporaryFolder();
  const supPath = path.join(folder, 'bitmap.sup');
  await fs.writeFile(supPath, minimalPgsStream());
  const video = path.join(folder, 'bitmap.mkv');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-i', supPath, '-t', '3', '-map', '0:v', '-map', '1:s', '-c:v', 'mpeg4', '-c:s', 'copy', video]);
  await assert.rejects(extractEmbeddedSubtitles(video, 1), (error: unknown) => {
    assert.ok(MediaError.isInstance(error));
    assert.equal(error.input, video);
    assert.match(error.message, /hdmv_pgs_subtitle\) holds bitmaps/);
    assert.match(error.message, /OCR/);
    return true;
  });
  assert.deepEqual(await loadSubtitles(video, { cache: null }), []);
});

test('extractEmbeddedSubtitles rejects streams that are not subtitles, and honours an aborted signal', async () => {
  const folder = await makeTemporaryFolder();
  const video = await makeVideoWithSubtitles(folder, 'streams.mkv', ['-c:s', 'subrip']);
  await assert.rejects(extractEmbeddedSubtitles(video, 0), (error: unknown) => MediaError.isInstance(error) && error.reason === 'out-of-range' && /not a subtitle stream/.test(error.message));
  await assert.rejects(extractEmbeddedSubtitles(video, 7), (error: unknown) => MediaError.isInstance(error) && error.reason === 'out-of-range' && /no stream #7/.test(error.message));
  await assert.rejects(extractEmbeddedSubtitles(video, 1, { signal: AbortSignal.abort() }), (error: unknown) => AbortedError.isInstance(error));
});

test('loadSubtitles combines sidecar files and embedded text streams', async () => {
  const folder = await makeTemporaryFolder();
  const video = await makeVideoWithSubtitles(folder, 'talk.mp4', ['-c:s', 'mov_text', '-metadata:s:s:0', 'language=eng']);
  await fs.writeFile(path.join(folder, 'talk.de.vtt'), 'WEBVTT\n\n00:00.500 --> 00:01.000\nHallo\n');
  const tracks = await loadSubtitles(video, { cache: null });
  assert.deepEqual(tracks, [
    { source: path.join(folder, 'talk.de.vtt'), language: 'de', cues: [{ start: 0.5, end: 1, text: 'Hallo' }] },
    { source: 'stream:1', language: 'eng', cues: sampleCues },
  ]);
});
