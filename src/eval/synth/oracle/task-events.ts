/**
 * What happened in the images, as events the task answers are written from: each tracked object's
 * stay on screen (its first to last sampled time, widened by half the sampling interval — it may have
 * been there between samples), with its colour, shape, how many came together and which way it moved;
 * each colour change inside a track (a one-second event from the moment it is estimated to happen:
 * midway between the last sample in the old colour and the first in the new); each on-screen word or number, for the samples that showed it.
 *
 * Only observations (perceive.ts, track-objects.ts) go in: what the oracle saw in the request.
 */

import { objectName, samplingInterval, trackObjects, type Track } from './track-objects.js';
import type { Observation } from './observe.js';

export interface SeenEvent {
  kind: 'appearance' | 'change' | 'text';
  start: number;
  end: number;
  /** `red circle` (appearance, change: the colour before), or the text shown. */
  name: string;
  /** Appearance: how many objects of the name came and went together. */
  count: number;
  /** Appearance: left, right, up, down, or none. */
  direction: string;
  /** Change: the colour it turned. */
  turnedTo?: string;
  /** Text: a word or a number. */
  textKind?: 'word' | 'number';
}

interface Stay {
  name: string;
  start: number;
  end: number;
  tracks: Track[];
}

function direction(track: Track): string {
  if (track.points.length < 2) return 'none';
  const a = track.points[0]!;
  const b = track.points.at(-1)!;
  const dx = b.object.x - a.object.x;
  const dy = b.object.y - a.object.y;
  // Moving means travelling at least its own size; jitter of the centroid is a few pixels.
  const size = Math.max(a.object.box.x1 - a.object.box.x0, a.object.box.y1 - a.object.box.y0, 1);
  if (Math.hypot(dx, dy) < size) return 'none';
  return Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'down' : 'up';
}

/** Tracks of the same first name whose times touch (gaps under 1.6 samples) are one stay: a group, or one object missed in a sample. */
function stays(tracks: readonly Track[], half: number, interval: number): Stay[] {
  const ordered = [...tracks].sort((a, b) => a.points[0]!.time - b.points[0]!.time);
  const open = new Map<string, Stay>();
  const all: Stay[] = [];
  for (const track of ordered) {
    const name = objectName(track.points[0]!.object);
    const start = track.points[0]!.time - half;
    const end = track.points.at(-1)!.time + half;
    const stay = open.get(name);
    if (stay && start - stay.end <= interval * 0.6) {
      stay.end = Math.max(stay.end, end);
      stay.tracks.push(track);
      continue;
    }
    const fresh = { name, start, end, tracks: [track] };
    open.set(name, fresh);
    all.push(fresh);
  }
  return all;
}

/** The most tracks of a stay on screen in one sample: the size of a group. */
function groupSize(stay: Stay): number {
  const perTime = new Map<number, number>();
  for (const track of stay.tracks) for (const point of track.points) perTime.set(point.time, (perTime.get(point.time) ?? 0) + 1);
  return Math.max(1, ...perTime.values());
}

function textEvents(observations: readonly Observation[], half: number, interval: number, clamp: (t: number) => number): SeenEvent[] {
  const open = new Map<string, SeenEvent>();
  const events: SeenEvent[] = [];
  for (const observation of observations) {
    for (const raw of new Set(observation.texts.map((t) => t.trim().toLowerCase()))) {
      if (!/^[a-z]+$|^\d+$/.test(raw)) continue;
      const event = open.get(raw);
      if (event && observation.time - half - event.end <= interval * 0.6) {
        event.end = clamp(observation.time + half);
        continue;
      }
      const fresh: SeenEvent = { kind: 'text', start: clamp(observation.time - half), end: clamp(observation.time + half), name: raw, count: 1, direction: 'none', textKind: /^\d+$/.test(raw) ? 'number' : 'word' };
      open.set(raw, fresh);
      events.push(fresh);
    }
  }
  return events;
}

/**
 * The events seen in a request's observations, in time order.
 * @example seenEvents(observations, 60)[0] // { kind: 'appearance', start: 0.5, end: 4.5, name: 'red circle', count: 1, direction: 'right' }
 */
export function seenEvents(observations: readonly Observation[], duration: number): SeenEvent[] {
  const interval = samplingInterval(observations);
  const half = interval / 2;
  const clamp = (t: number): number => Math.round(Math.min(duration, Math.max(0, t)) * 10) / 10;
  const events: SeenEvent[] = [];
  for (const stay of stays(trackObjects(observations), half, interval)) {
    const longest = [...stay.tracks].sort((a, b) => b.points.length - a.points.length)[0]!;
    events.push({ kind: 'appearance', start: clamp(stay.start), end: clamp(stay.end), name: stay.name, count: groupSize(stay), direction: direction(longest) });
    // A colour change: the first sample where the track shows another colour; it happened since the sample before.
    const points = longest.points;
    for (let i = 1; i < points.length; i++) {
      const before = points[i - 1]!;
      const after = points[i]!;
      if (after.object.colour === before.object.colour) continue;
      const middle = (before.time + after.time) / 2;
      events.push({ kind: 'change', start: clamp(middle), end: clamp(middle + 1), name: objectName(before.object), count: 1, direction: 'none', turnedTo: after.object.colour });
    }
  }
  events.push(...textEvents(observations, half, interval, clamp));
  return events.sort((a, b) => a.start - b.start || a.end - b.end || a.name.localeCompare(b.name));
}

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function plural(shapeName: string): string {
  return /(s|x|sh|ch)$/.test(shapeName) ? `${shapeName}es` : `${shapeName}s`;
}

/** One sentence about an event: `A red circle appears and moves right.` */
export function describeEvent(event: SeenEvent): string {
  if (event.kind === 'text') return event.textKind === 'number' ? `The number ${event.name} is shown on screen.` : `The word "${event.name}" is shown on screen.`;
  if (event.kind === 'change') return `The ${event.name} turns ${event.turnedTo}.`;
  const motion = event.direction === 'none' ? '' : ` and ${event.count > 1 ? 'move' : 'moves'} ${event.direction}`;
  if (event.count > 1) {
    const [colour, ...shape] = event.name.split(' ');
    return `${capitalise(numberWords[event.count] ?? String(event.count))} ${colour} ${plural(shape.join(' '))} appear${motion}.`;
  }
  return `${/^[aeiou]/.test(event.name) ? 'An' : 'A'} ${event.name} appears${motion}.`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
