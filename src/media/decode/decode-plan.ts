/**
 * Turns requested times into decode work: which frame each time gets (exact: the frame a player shows;
 * keyframe: the nearest keyframe within a tolerance), and which stretches of the stream must be decoded
 * to produce them. Targets that share a GOP share one segment; segments are spread over workers by cost.
 * Pure functions over the packet index, so the choices are tested without running ffmpeg.
 */

import type { PacketIndex } from '../packet-index.js';
import { frameShownAt } from '../packet-index.js';

export type DecodeMode = 'exact' | 'keyframe';

export interface FrameChoice {
  requestedTime: number;
  /** Decode-order index of the delivered frame, or -1 when no frame can be delivered. */
  packet: number;
  /** Why no frame can be delivered, when packet is -1. */
  missingReason?: string;
}

/** A stretch of the stream decoded from a keyframe up to its last wanted frame (decode order). */
export interface DecodeSegment {
  keyPacket: number;
  lastPacket: number;
  /** Wanted packets, unique, ascending by decode index. */
  targets: number[];
}

function sortedKeyPackets(index: PacketIndex): number[] {
  const keys: number[] = [];
  for (let i = 0; i < index.count; i++) if (index.key[i]) keys.push(i);
  return keys;
}

/** Keyframe packets in presentation order (for nearest-keyframe lookups). */
function keysByTime(index: PacketIndex): number[] {
  return sortedKeyPackets(index).sort((a, b) => index.time[a]! - index.time[b]!);
}

/** The keyframe to start decoding from: the last keyframe at or before `packet` in both decode and presentation order. */
export function segmentStartFor(index: PacketIndex, keys: readonly number[], packet: number): number {
  let low = 0;
  let high = keys.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (keys[middle]! <= packet) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  // Open-GOP leading pictures come after their keyframe in decode order but are shown before it and
  // reference the previous GOP: step back until the keyframe is also no later in presentation.
  while (found > 0 && index.time[keys[found]!]! > index.time[packet]! + 1e-9) found--;
  return found >= 0 ? keys[found]! : packet;
}

export interface ChooseFramesOptions {
  mode: DecodeMode;
  /** Keyframe mode: the largest distance in seconds to snap; farther targets are decoded exactly. */
  keyframeTolerance: number;
  /** Times after this cannot be delivered (truncated files): the end of the last decodable frame. */
  decodableEnd: number;
  /** Bytes in the file: packets that reach past it are not decodable. */
  byteSize: number;
  /** A packet known to be cut (the last stored packet of a truncated file), or -1. */
  damagedPacket?: number;
}

/** The default keyframe tolerance: half the median gap between requested times (or 1 s for one time). */
export function defaultKeyframeTolerance(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((time, i) => time - sorted[i]!).filter((gap) => gap > 0);
  if (gaps.length === 0) return 1;
  return 0.5 * gaps.sort((a, b) => a - b)[gaps.length >> 1]!;
}

export function chooseFrames(index: PacketIndex, times: readonly number[], options: ChooseFramesOptions): FrameChoice[] {
  const keys = options.mode === 'keyframe' ? keysByTime(index) : [];
  // Keyframe mode: each keyframe goes to the closest time that wants it; the others are decoded exactly,
  // so distinct times keep distinct frames instead of two of them collapsing onto one keyframe.
  const claimedBy = new Map<number, number>();
  if (keys.length > 0) {
    times.forEach((time, i) => {
      if (!Number.isFinite(time)) return;
      const nearest = nearestKeyframe(index, keys, time);
      const distance = Math.abs(index.time[nearest]! - time);
      if (distance > options.keyframeTolerance) return;
      const holder = claimedBy.get(nearest);
      if (holder === undefined || distance < Math.abs(index.time[nearest]! - times[holder]!)) claimedBy.set(nearest, i);
    });
  }
  const snapped = new Map([...claimedBy].map(([keyframe, timeIndex]) => [timeIndex, keyframe]));
  return times.map((requestedTime, timeIndex): FrameChoice => {
    if (!Number.isFinite(requestedTime) || requestedTime < 0) {
      return { requestedTime, packet: -1, missingReason: `time ${requestedTime} is not a non-negative number of seconds` };
    }
    if (requestedTime > options.decodableEnd + 1e-6) {
      return { requestedTime, packet: -1, missingReason: `time ${requestedTime.toFixed(3)} s is after the last decodable frame (${options.decodableEnd.toFixed(3)} s)` };
    }
    const packet = snapped.get(timeIndex) ?? frameShownAt(index, requestedTime);
    if (packet < 0) return { requestedTime, packet: -1, missingReason: 'the video has no frames' };
    if (packet === options.damagedPacket || (index.position[packet]! >= 0 && index.position[packet]! + index.size[packet]! > options.byteSize)) {
      return { requestedTime, packet: -1, missingReason: `the frame for ${requestedTime.toFixed(3)} s lies past the end of the truncated file` };
    }
    return { requestedTime, packet };
  });
}

function nearestKeyframe(index: PacketIndex, keysInTimeOrder: readonly number[], time: number): number {
  let low = 0;
  let high = keysInTimeOrder.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (index.time[keysInTimeOrder[middle]!]! < time) low = middle + 1;
    else high = middle;
  }
  const after = keysInTimeOrder[low]!;
  const before = keysInTimeOrder[Math.max(0, low - 1)]!;
  // On a tie prefer the later keyframe: a span's first time then stays inside the span.
  return Math.abs(index.time[before]! - time) < Math.abs(index.time[after]! - time) ? before : after;
}

/** Groups wanted packets into segments, one per starting keyframe. */
export function planSegments(index: PacketIndex, packets: readonly number[]): DecodeSegment[] {
  const keys = sortedKeyPackets(index);
  const byKey = new Map<number, Set<number>>();
  for (const packet of packets) {
    if (packet < 0) continue;
    const key = index.key[packet] ? packet : segmentStartFor(index, keys, packet);
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(packet);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a - b)
    .map(([keyPacket, set]) => {
      const targets = [...set].sort((a, b) => a - b);
      return { keyPacket, lastPacket: Math.max(keyPacket, targets.at(-1)!), targets };
    });
}

/** Packets a segment decodes: its span in decode order (the cost of the segment). */
export function segmentCost(segment: DecodeSegment): number {
  return segment.lastPacket - segment.keyPacket + 1;
}

/**
 * Spreads segments over `workers` groups with similar total cost (longest first, each to the least
 * loaded), keeping each group's segments in stream order so reads move forward through the file.
 */
export function partitionSegments(segments: readonly DecodeSegment[], workers: number): DecodeSegment[][] {
  const groups: DecodeSegment[][] = Array.from({ length: Math.max(1, Math.min(workers, segments.length)) }, () => []);
  const loads = groups.map(() => 0);
  const byCost = [...segments].sort((a, b) => segmentCost(b) - segmentCost(a));
  for (const segment of byCost) {
    const least = loads.indexOf(Math.min(...loads));
    groups[least]!.push(segment);
    loads[least]! += segmentCost(segment) + 8; // a seek costs about as much as decoding a few frames
  }
  for (const group of groups) group.sort((a, b) => a.keyPacket - b.keyPacket);
  return groups.filter((group) => group.length > 0);
}
