/**
 * The packet index of a video stream: every packet's presentation time, byte position, size and
 * keyframe flag, in decode order, read by ffprobe without decoding. It gives the keyframe list, the
 * exact time of every frame (so "the frame a player shows at t" is a lookup, not a guess from fps),
 * the variable-frame-rate test, truncation detection, and the byte ranges the elementary-stream
 * decoder reads. Stored in the artifact cache as a compact binary table.
 */

export interface PacketIndex {
  /** Number of packets (decodable frames) in decode order. */
  count: number;
  /** Presentation time of each packet in seconds on the presentation timeline. */
  time: Float64Array;
  /** Byte offset in the file, or -1 when the demuxer does not report one. */
  position: Float64Array;
  size: Float64Array;
  /** 1 for keyframes. */
  key: Uint8Array;
  /** Packet indices sorted by presentation time. */
  presentationOrder: Uint32Array;
}

/** Parses ffprobe's `compact` packet lines; skips packets the demuxer marks as discarded (edit lists). */
export function parsePacketLines(text: string, timeBase: number, startTime: number): PacketIndex {
  const times: number[] = [];
  const positions: number[] = [];
  const sizes: number[] = [];
  const keys: number[] = [];
  let lastTime = Number.NaN;
  for (const line of text.split('\n')) {
    if (!line) continue;
    let pts = Number.NaN;
    let dts = Number.NaN;
    let size = 0;
    let position = -1;
    let flags = '';
    for (const field of line.split('|')) {
      const equals = field.indexOf('=');
      const key = field.slice(0, equals);
      const value = field.slice(equals + 1);
      if (key === 'pts') pts = value === 'N/A' ? Number.NaN : Number(value);
      else if (key === 'dts') dts = value === 'N/A' ? Number.NaN : Number(value);
      else if (key === 'size') size = Number(value);
      else if (key === 'pos') position = value === 'N/A' ? -1 : Number(value);
      else if (key === 'flags') flags = value;
    }
    if (flags.includes('D')) continue;
    // Some containers (raw streams, some AVI) give no pts; fall back to dts, then to "just after the last one".
    const stamp = Number.isNaN(pts) ? dts : pts;
    const time = Number.isNaN(stamp) ? (Number.isNaN(lastTime) ? 0 : lastTime) : packetSeconds(stamp, timeBase, startTime);
    lastTime = time;
    times.push(time);
    positions.push(position);
    sizes.push(size);
    keys.push(flags.includes('K') ? 1 : 0);
  }
  return buildPacketIndex(times, positions, sizes, keys);
}

/**
 * A timestamp in stream units as seconds on the presentation timeline, rounded to the microsecond so
 * 3 s reads as 3, not 3.0000000000000004, in every report. Every packet index computes times here.
 */
export function packetSeconds(stamp: number, timeBase: number, startTime: number): number {
  return Math.round((stamp * timeBase - startTime) * 1e6) / 1e6;
}

/** Builds an index from per-packet columns in decode order (sorting out the presentation order). */
export function buildPacketIndex(times: number[], positions: number[], sizes: number[], keys: number[]): PacketIndex {
  const count = times.length;
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => times[a]! - times[b]! || a - b,
  );
  return {
    count,
    time: Float64Array.from(times),
    position: Float64Array.from(positions),
    size: Float64Array.from(sizes),
    key: Uint8Array.from(keys),
    presentationOrder: Uint32Array.from(order),
  };
}

/** Serialises an index for the artifact cache: 4 float64 per packet. */
export function serializePacketIndex(index: PacketIndex): Buffer {
  const table = new Float64Array(index.count * 4);
  for (let i = 0; i < index.count; i++) {
    table[i * 4] = index.time[i]!;
    table[i * 4 + 1] = index.position[i]!;
    table[i * 4 + 2] = index.size[i]!;
    table[i * 4 + 3] = index.key[i]!;
  }
  return Buffer.from(table.buffer, table.byteOffset, table.byteLength);
}

export function deserializePacketIndex(bytes: Buffer): PacketIndex {
  const copy = new Float64Array(bytes.byteLength / 8);
  Buffer.from(copy.buffer).set(bytes);
  const count = copy.length / 4;
  const times: number[] = new Array(count);
  const positions: number[] = new Array(count);
  const sizes: number[] = new Array(count);
  const keys: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = copy[i * 4]!;
    positions[i] = copy[i * 4 + 1]!;
    sizes[i] = copy[i * 4 + 2]!;
    keys[i] = copy[i * 4 + 3]!;
  }
  return buildPacketIndex(times, positions, sizes, keys);
}

/** Index (in decode order) of the frame a player shows at `time`: the last frame presented at or before it. */
export function frameShownAt(index: PacketIndex, time: number): number {
  const order = index.presentationOrder;
  let low = 0;
  let high = order.length - 1;
  if (high < 0) return -1;
  // Tolerate float noise of a microsecond, so asking for a frame's own time returns that frame.
  const target = time + 1e-6;
  if (index.time[order[0]!]! > target) return order[0]!;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (index.time[order[middle]!]! <= target) low = middle;
    else high = middle - 1;
  }
  return order[low]!;
}

/** Presentation times of all keyframes, ascending. */
export function keyframeTimesOf(index: PacketIndex): number[] {
  const times: number[] = [];
  for (let i = 0; i < index.count; i++) if (index.key[i]) times.push(index.time[i]!);
  return times.sort((a, b) => a - b);
}
