import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSeekDecodeArgs, buildStreamDecodeArgs, outputFilters, rotationFilters } from '../../src/media/decode/decode-args.js';
import { buildDemoClipArgs } from '../../src/media/demo-clip.js';
import { buildPacketIndexArgs, buildProbeArgs } from '../../src/media/probe-args.js';
import { buildScenePassArgs } from '../../src/media/scenes.js';

test('probe and packet-index command lines', () => {
  assert.deepEqual(buildProbeArgs('/v/a b.mp4'), ['-v', 'error', '-hide_banner', '-of', 'json', '-show_format', '-show_streams', '-show_data', '--', '/v/a b.mp4']);
  assert.deepEqual(buildPacketIndexArgs('/v/a.mp4', 'V:0'), [
    '-v', 'error', '-hide_banner', '-select_streams', 'V:0', '-show_entries', 'packet=pts,dts,size,pos,flags', '-of', 'compact=p=0:nk=0', '--', '/v/a.mp4',
  ]);
});

test('rotation filters match what ffmpeg autorotate inserts', () => {
  assert.deepEqual(rotationFilters(0), []);
  assert.deepEqual(rotationFilters(90), ['transpose=clock']);
  assert.deepEqual(rotationFilters(180), ['hflip', 'vflip']);
  assert.deepEqual(rotationFilters(270), ['transpose=cclock']);
  assert.deepEqual(outputFilters({ width: 384, height: 216, rotation: 0, pixelFormat: 'rgb24' }), ['scale=384:216:flags=bicubic', 'format=rgb24']);
});

test('stream decode command line', () => {
  assert.deepEqual(
    buildStreamDecodeArgs({ codec: 'h264', threads: 1, selectIndices: [0, 7], geometry: { width: 384, height: 216, rotation: 90, pixelFormat: 'rgb24' } }),
    [
      '-hide_banner', '-nostats', '-nostdin', '-v', 'info', '-threads', '1', '-strict', 'strict', '-f', 'h264', '-i', 'pipe:0',
      '-vf', "showinfo=checksum=0,select='eq(n\\,0)+eq(n\\,7)',transpose=clock,scale=384:216:flags=bicubic,format=rgb24",
      '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
    ],
  );
});

test('seek decode command line: one input per segment, concatenated', () => {
  const args = buildSeekDecodeArgs({
    input: '/v/a.mkv',
    streamIndex: 1,
    inputs: [
      { seekTo: 0.0005, readSeconds: 1.05, keepTimes: [-0.0005] },
      { seekTo: 8.3338, readSeconds: 2, keepTimes: [0.5, 0.9] },
    ],
    threads: 1,
    keyframesOnly: false,
    tolerance: 0.0005,
    geometry: { width: 320, height: 240, rotation: 0, pixelFormat: 'gray' },
  });
  assert.deepEqual(args.slice(0, 15), ['-hide_banner', '-nostats', '-nostdin', '-v', 'info', '-noautorotate', '-noaccurate_seek', '-threads', '1', '-ss', '0.000500', '-t', '1.050000', '-i', '/v/a.mkv']);
  const graph = args[args.indexOf('-filter_complex') + 1]!;
  assert.equal(
    graph,
    "[0:1]select='between(t\\,-0.001000\\,0.000000)',showinfo@in0=checksum=0,scale=320:240:flags=bicubic,format=gray[v0];" +
      "[1:1]select='between(t\\,0.499500\\,0.500500)+between(t\\,0.899500\\,0.900500)',showinfo@in1=checksum=0,scale=320:240:flags=bicubic,format=gray[v1];" +
      '[v0][v1]concat=n=2:v=1:a=0[out]',
  );
  assert.deepEqual(args.slice(-9), ['-map', '[out]', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1']);
});

test('keyframes-only seek inputs skip non-key frames in the decoder', () => {
  const args = buildSeekDecodeArgs({
    input: 'x.mp4', streamIndex: 0, inputs: [{ seekTo: 1, readSeconds: 1, keepTimes: [0] }], threads: 2, keyframesOnly: true, tolerance: 0.001,
    geometry: { width: 8, height: 8, rotation: 0, pixelFormat: 'rgb24' },
  });
  assert.deepEqual(args.slice(5, 13), ['-noautorotate', '-noaccurate_seek', '-threads', '2', '-skip_frame', 'nokey', '-ss', '1.000000']);
  assert.ok(args[args.indexOf('-filter_complex') + 1]!.endsWith('[out]'));
});

test('scene detection and demo clip command lines', () => {
  assert.deepEqual(buildScenePassArgs('/v/a.mp4', 0, { start: 10, end: 70 }, 1), [
    '-hide_banner', '-nostdin', '-v', 'error', '-nostats',
    '-ss', '10.000000', '-t', '60.000000', '-threads', '1', '-filter_threads', '1', '-skip_loop_filter', 'all',
    '-i', '/v/a.mp4', '-map', '0:0', '-an', '-sn', '-dn',
    '-vf', "scale=160:-2:flags=fast_bilinear,select='gte(scene\\,0)',metadata=mode=print:key=lavfi.scene_score:file=pipe\\\\:2,"
      + 'format=gray,tblend=all_mode=difference,signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=-',
    '-f', 'null', '-',
  ]);
  const demo = buildDemoClipArgs('/tmp/d.mp4', { shotSeconds: 2 });
  assert.equal(demo.at(-1), '/tmp/d.mp4');
  assert.ok(demo.includes('-sc_threshold') && demo[demo.indexOf('-sc_threshold') + 1] === '0');
});

test('select expressions sum as a balanced tree, so hundreds of frames fit one filter', async () => {
  const { balancedSum, selectByIndexExpression } = await import('../../src/media/decode/decode-args.js');
  assert.equal(balancedSum(['a']), 'a');
  assert.equal(balancedSum(['a', 'b']), 'a+b');
  assert.equal(balancedSum(['a', 'b', 'c', 'd', 'e']), '(a+b)+(c+(d+e))');
  const expression = selectByIndexExpression(Array.from({ length: 600 }, (_, i) => i * 30));
  const depth = Math.max(...[...expression].reduce<number[]>((depths, c) => [...depths, (depths.at(-1) ?? 0) + (c === '(' ? 1 : c === ')' ? -1 : 0)], []));
  assert.ok(depth <= 10, `nesting depth ${depth}`);
});
