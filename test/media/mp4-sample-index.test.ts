/**
 * The MP4/MOV packet index read from the sample tables (src/media/mp4-sample-index.ts) against the
 * ffprobe packet scan it replaces: for every MP4 case of the media catalog and every clip in
 * ../shared/media, both indexes must be identical (count, times to the microsecond, byte positions,
 * sizes, key flags, presentation order), because decoding to the exact frame depends on those times.
 * Files the tables cannot reproduce (fragmented MP4, an empty edit) must give `undefined`, and probe
 * must still work on them through the ffprobe scan.
 */

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMp4PacketIndex } from '../../src/media/mp4-sample-index.js';
import { parsePacketLines, type PacketIndex } from '../../src/media/packet-index.js';
import { buildPacketIndexArgs, buildProbeArgs } from '../../src/media/probe-args.js';
import { probe } from '../../src/media/probe.js';
import { catalogCaseNames, catalogMedia, mediaCatalog, type CatalogCaseName } from '../support/media-catalog.js';
import { ffmpeg, runTool } from '../support/media-generators.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedClips = readdirSync(path.resolve(repoRoot, '../shared/media'))
  .filter((name) => name.endsWith('.mp4'))
  .map((name) => path.resolve(repoRoot, '../shared/media', name));

/** Catalog cases stored as MP4/MOV with a video stream; the truncated one is checked with its intact original. */
const mp4Cases = catalogCaseNames.filter((name: CatalogCaseName) => {
  const expect = mediaCatalog[name].expect;
  return (expect.kind === 'video' || expect.kind === 'truncated') && (expect.kind === 'video' ? expect.facts.container : expect.container) === 'mp4';
});

interface FfprobeReference {
  packets: PacketIndex;
  streamIndex: number;
  startTime: number;
}

/** The packet index exactly as probe builds it from ffprobe's packet scan. */
async function ffprobeReference(file: string): Promise<FfprobeReference> {
  const meta = JSON.parse((await runTool('ffprobe', buildProbeArgs(file))).stdout.toString('utf8')) as {
    format?: { start_time?: string };
    streams: Array<{ index: number; codec_type?: string; time_base?: string; disposition?: { attached_pic?: number } }>;
  };
  const video = meta.streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
  assert.ok(video?.time_base, `${file}: ffprobe finds a video stream`);
  const [num, den] = video.time_base.split('/').map(Number);
  const startTime = Number(meta.format?.start_time ?? 0) || 0;
  const scan = await runTool('ffprobe', buildPacketIndexArgs(file, 'V:0'));
  return { packets: parsePacketLines(scan.stdout.toString('latin1'), num! / den!, startTime), streamIndex: video.index, startTime };
}

function assertSameIndex(actual: PacketIndex | undefined, expected: PacketIndex, label: string): void {
  assert.ok(actual, `${label}: the sample tables give an index`);
  assert.equal(actual.count, expected.count, `${label}: packet count`);
  for (let i = 0; i < expected.count; i++) {
    const at = `${label}: packet ${i}`;
    assert.ok(Math.abs(actual.time[i]! - expected.time[i]!) <= 1e-6, `${at} time ${actual.time[i]} ≠ ffprobe's ${expected.time[i]}`);
    assert.equal(actual.position[i], expected.position[i], `${at} position`);
    // ffprobe lists the sample a cut goes through with the bytes that exist, as the tables do (clipped).
    assert.equal(actual.size[i], expected.size[i], `${at} size`);
    assert.equal(actual.key[i], expected.key[i], `${at} key flag`);
  }
  assert.deepEqual(Array.from(actual.presentationOrder), Array.from(expected.presentationOrder), `${label}: presentation order`);
}

async function assertTablesMatchFfprobe(file: string, label: string): Promise<void> {
  const reference = await ffprobeReference(file);
  const fromTables = await readMp4PacketIndex(file, { streamIndex: reference.streamIndex, startTime: reference.startTime });
  assertSameIndex(fromTables, reference.packets, label);
}

describe('MP4 sample tables give ffprobe\'s packet index: media catalog', () => {
  for (const name of mp4Cases) {
    test(name, { timeout: 180_000 }, async () => {
      const file = await catalogMedia(name);
      await assertTablesMatchFfprobe(file, name);
      const expect = mediaCatalog[name].expect;
      if (expect.kind === 'truncated') await assertTablesMatchFfprobe(path.join(path.dirname(file), expect.intactFile), `${name} (intact)`);
    });
  }

  test('files that are not MP4 video give no index', async () => {
    for (const name of ['zero-byte', 'text-as-mp4', 'missing', 'directory', 'truncated-ts', 'audio-only'] as const) {
      const file = await catalogMedia(name);
      assert.equal(await readMp4PacketIndex(file, { streamIndex: 0, startTime: 0 }), undefined, name);
    }
  });
});

describe('MP4 sample tables give ffprobe\'s packet index: real clips in ../shared/media', () => {
  test('the shared clips are there', () => assert.ok(sharedClips.length > 0));
  for (const file of sharedClips) {
    test(path.basename(file), { timeout: 60_000 }, () => assertTablesMatchFfprobe(file, path.basename(file)));
  }
});

describe('MP4 files the tables do not reproduce fall back to the ffprobe scan', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reelm-mp4-index-'));
  });
  const source = ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=4', '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-g', '25'];
  const fallbacks = {
    'fragmented (frag_keyframe+empty_moov)': async (file: string) => ffmpeg([...source, '-movflags', 'frag_keyframe+empty_moov', file]),
    'an empty edit before the media (-itsoffset 0.5)': async (file: string) => {
      const plain = `${file}.plain.mp4`;
      await ffmpeg([...source, plain]);
      await ffmpeg(['-itsoffset', '0.5', '-i', plain, '-c', 'copy', file]);
    },
  };
  for (const [description, make] of Object.entries(fallbacks)) {
    test(description, { timeout: 60_000 }, async () => {
      const file = path.join(dir, `${description.replace(/\W+/g, '-')}.mp4`);
      await make(file);
      const reference = await ffprobeReference(file);
      assert.equal(await readMp4PacketIndex(file, { streamIndex: reference.streamIndex, startTime: reference.startTime }), undefined);
      const info = await probe(file, { cache: null });
      assert.equal(info.video?.frameCount, reference.packets.count, 'probe reads the index with the ffprobe scan');
      assert.equal(info.video?.firstFrameTime, reference.packets.time[reference.packets.presentationOrder[0]!]);
    });
  }

  test('timing on a long clip: sample tables vs ffprobe scan (printed, not asserted)', { timeout: 180_000 }, async (t) => {
    const file = path.join(dir, 'long-640x360-180s.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=180', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '250', file]);
    const reference = await ffprobeReference(file);
    const started = performance.now();
    await runTool('ffprobe', buildPacketIndexArgs(file, 'V:0'));
    const scanMs = performance.now() - started;
    const tablesStarted = performance.now();
    const fromTables = await readMp4PacketIndex(file, { streamIndex: reference.streamIndex, startTime: reference.startTime });
    const tablesMs = performance.now() - tablesStarted;
    assertSameIndex(fromTables, reference.packets, 'long clip');
    t.diagnostic(`${reference.packets.count} packets: ffprobe scan ${scanMs.toFixed(0)} ms, sample tables ${tablesMs.toFixed(0)} ms`);
  });
});
