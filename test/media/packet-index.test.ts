import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserializePacketIndex, frameShownAt, keyframeTimesOf, parsePacketLines, serializePacketIndex } from '../../src/media/packet-index.js';
import { parseHexDump, parseRational, rotationOf } from '../../src/media/ffprobe-output.js';

// Captured from `ffprobe -select_streams V:0 -show_entries packet=pts,dts,size,pos,flags -of compact=p=0:nk=0`
// on an x264 clip with B-frames (time base 1/12800, 25 fps): decode order differs from presentation order.
const captured = `pts=0|dts=-1024|size=3120|pos=48|flags=K_
pts=2048|dts=-512|size=80|pos=3168|flags=__
pts=1024|dts=0|size=45|pos=3248|flags=__
pts=512|dts=512|size=30|pos=3293|flags=__
pts=1536|dts=1024|size=33|pos=3323|flags=__
pts=2560|dts=1536|size=2900|pos=3356|flags=K_
pts=3072|dts=2048|size=70|pos=6256|flags=__D
`;

test('parsePacketLines keeps decode order, converts to seconds, drops discarded packets', () => {
  const index = parsePacketLines(captured, 1 / 12800, 0);
  assert.equal(index.count, 6);
  assert.deepEqual(Array.from(index.time), [0, 0.16, 0.08, 0.04, 0.12, 0.2]);
  assert.deepEqual(Array.from(index.presentationOrder), [0, 3, 2, 4, 1, 5]);
  assert.deepEqual(keyframeTimesOf(index), [0, 0.2]);
  assert.deepEqual(Array.from(index.position.slice(0, 2)), [48, 3168]);
});

test('frameShownAt finds the last frame presented at or before a time', () => {
  const index = parsePacketLines(captured, 1 / 12800, 0);
  assert.equal(frameShownAt(index, 0), 0);
  assert.equal(frameShownAt(index, 0.079), 3); // 0.04 is shown until 0.08
  assert.equal(frameShownAt(index, 0.08), 2);
  assert.equal(frameShownAt(index, 0.159999999), 1, 'float noise at a frame boundary goes to that frame');
  assert.equal(frameShownAt(index, 99), 5);
});

test('the container start time is subtracted', () => {
  const index = parsePacketLines('pts=126000|dts=126000|size=1|pos=0|flags=K_\n', 1 / 90000, 1.4);
  assert.ok(Math.abs(index.time[0]!) < 1e-9);
});

test('the binary form round-trips', () => {
  const index = parsePacketLines(captured, 1 / 12800, 0);
  const copy = deserializePacketIndex(serializePacketIndex(index));
  assert.deepEqual(Array.from(copy.time), Array.from(index.time));
  assert.deepEqual(Array.from(copy.key), Array.from(index.key));
  assert.deepEqual(Array.from(copy.presentationOrder), Array.from(index.presentationOrder));
});

test('ffprobe helpers: rationals, rotation, extradata hex dump', () => {
  assert.equal(parseRational('30000/1001'), 30000 / 1001);
  assert.equal(parseRational('0/0'), 0);
  assert.equal(rotationOf({ index: 0, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }), 90);
  assert.equal(rotationOf({ index: 0, side_data_list: [{ rotation: 90 }] }), 270);
  assert.equal(rotationOf({ index: 0, side_data_list: [{ rotation: 180 }] }), 180);
  assert.equal(rotationOf({ index: 0, tags: { rotate: '90' } }), 90);
  assert.equal(rotationOf({ index: 0 }), 0);
  // Captured from `ffprobe -show_streams -show_data -of json` (H.264 avcC).
  const dump = '\n00000000: 0142 c01f ffe1 0017 6742 c01f da01 4016  .B......gB....@.\n00000010: ec04 4000 0003 0040 0000 0f03 c60c a801  ..@....@........\n00000020: 0004 68ce 0fc8                           ..h...\n';
  const bytes = parseHexDump(dump)!;
  assert.equal(bytes.length, 38);
  assert.equal(bytes.toString('hex').slice(0, 12), '0142c01fffe1');
  assert.equal(bytes.toString('hex').slice(-8), '68ce0fc8');
});
