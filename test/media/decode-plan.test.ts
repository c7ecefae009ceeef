import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFrames, defaultKeyframeTolerance, partitionSegments, planSegments, segmentCost } from '../../src/media/decode/decode-plan.js';
import { parsePacketLines } from '../../src/media/packet-index.js';

/** A constant 10 fps stream without B-frames, keyframe every `gop` frames. */
function regularStream(frames: number, gop: number) {
  const lines = Array.from({ length: frames }, (_, i) => `pts=${i}|dts=${i}|size=10|pos=${i * 10}|flags=${i % gop === 0 ? 'K_' : '__'}`);
  return parsePacketLines(lines.join('\n'), 0.1, 0);
}

const base = { keyframeTolerance: 0, decodableEnd: 100, byteSize: 1e9 };

test('exact mode delivers the frame shown at each time', () => {
  const index = regularStream(100, 25);
  const choices = chooseFrames(index, [0, 0.05, 0.1, 4.99, 9.95], { ...base, mode: 'exact' });
  assert.deepEqual(choices.map((choice) => choice.packet), [0, 0, 1, 49, 99]);
});

test('keyframe mode snaps within the tolerance, one time per keyframe, the rest exact', () => {
  const index = regularStream(100, 25); // keyframes at 0, 2.5, 5, 7.5 s
  const choices = chooseFrames(index, [2.2, 2.6, 4, 6.1], { ...base, mode: 'keyframe', keyframeTolerance: 0.5 });
  // 2.6 is closer to 2.5 than 2.2 is, so it takes the keyframe; 2.2 is decoded exactly; 4 and 6.1 are too far.
  assert.deepEqual(choices.map((choice) => choice.packet), [22, 25, 40, 61]);
  assert.equal(defaultKeyframeTolerance([0, 10, 20, 30]), 5);
  assert.equal(defaultKeyframeTolerance([7]), 1);
});

test('times past the decodable end, negative or beyond the file are reported missing', () => {
  const index = regularStream(10, 5);
  const choices = chooseFrames(index, [-1, 0.5, 5], { ...base, mode: 'exact', decodableEnd: 1, byteSize: 55 });
  assert.equal(choices[0]!.packet, -1);
  assert.match(choices[0]!.missingReason!, /not a non-negative/);
  assert.equal(choices[1]!.packet, -1, 'frame 5 (bytes 50–60) lies past a 55-byte file');
  assert.match(choices[1]!.missingReason!, /past the end of the truncated file/);
  assert.match(choices[2]!.missingReason!, /after the last decodable frame/);
});

test('targets sharing a GOP share a segment; segments spread evenly over workers', () => {
  const index = regularStream(100, 25);
  const segments = planSegments(index, [3, 10, 30, 99, 75]);
  assert.deepEqual(segments, [
    { keyPacket: 0, lastPacket: 10, targets: [3, 10] },
    { keyPacket: 25, lastPacket: 30, targets: [30] },
    { keyPacket: 75, lastPacket: 99, targets: [75, 99] },
  ]);
  assert.equal(segmentCost(segments[2]!), 25);
  const groups = partitionSegments(segments, 2);
  assert.equal(groups.length, 2);
  assert.deepEqual(groups.map((group) => group.map((segment) => segment.keyPacket)), [[75], [0, 25]]);
  assert.equal(partitionSegments(segments, 8).length, 3, 'never more workers than segments');
});

test('open-GOP leading pictures start from the previous keyframe', () => {
  // Decode order: K(0.0) P(0.3) B(0.1) B(0.2) K(0.6) B(0.4, leading, shown before its keyframe) B(0.5)
  const lines = [[0, 'K_'], [3, '__'], [1, '__'], [2, '__'], [6, 'K_'], [4, '__'], [5, '__']].map(
    ([pts, flags], i) => `pts=${pts}|dts=${i}|size=1|pos=${i}|flags=${flags}`,
  );
  const index = parsePacketLines(lines.join('\n'), 0.1, 0);
  assert.deepEqual(planSegments(index, [5]), [{ keyPacket: 0, lastPacket: 5, targets: [5] }]);
});
