/**
 * Links the objects seen in consecutive observations into tracks: the same shape, close by (a moving
 * object may travel up to a quarter of the image between samples when its colour stays; an object that
 * changes colour must stay where it was). Greedy by distance, one object per track per frame. A track
 * ends when its object is missing from the next observation.
 */

import type { PerceivedObject } from './perceive.js';
import type { Observation } from './observe.js';

export interface TrackPoint {
  time: number;
  object: PerceivedObject;
  /** Size of the image the object was seen in. */
  width: number;
  height: number;
}

export interface Track {
  points: TrackPoint[];
}

/** Name of an object as one would say it: `red circle`. */
export function objectName(object: PerceivedObject): string {
  return `${object.colour} ${object.shape}`;
}

export function trackObjects(observations: readonly Observation[]): Track[] {
  const tracks: Track[] = [];
  let open: Track[] = [];
  let previousTime: number | undefined;
  const gaps = observations.slice(1).map((o, i) => o.time - observations[i]!.time).filter((g) => g > 0).sort((a, b) => a - b);
  const interval = gaps[gaps.length >> 1] ?? 1;
  for (const observation of observations) {
    if (previousTime !== undefined && observation.time - previousTime > interval * 1.6) open = [];
    const pairs: Array<{ track: Track; index: number; distance: number }> = [];
    const reach = 0.25 * Math.max(observation.width, observation.height);
    for (const track of open) {
      const last = track.points.at(-1)!.object;
      observation.objects.forEach((object, index) => {
        if (object.shape !== last.shape) return;
        const distance = Math.hypot(object.x - last.x, object.y - last.y);
        const radius = Math.sqrt(Math.max(last.area, object.area) / Math.PI);
        if (distance <= (object.colour === last.colour ? reach : radius * 0.6)) pairs.push({ track, index, distance });
      });
    }
    pairs.sort((a, b) => a.distance - b.distance);
    const usedTracks = new Set<Track>();
    const usedObjects = new Set<number>();
    const next: Track[] = [];
    const point = (object: PerceivedObject): TrackPoint => ({ time: observation.time, object, width: observation.width, height: observation.height });
    for (const { track, index } of pairs) {
      if (usedTracks.has(track) || usedObjects.has(index)) continue;
      usedTracks.add(track);
      usedObjects.add(index);
      track.points.push(point(observation.objects[index]!));
      next.push(track);
    }
    observation.objects.forEach((object, index) => {
      if (usedObjects.has(index)) return;
      const track = { points: [point(object)] };
      tracks.push(track);
      next.push(track);
    });
    open = next;
    previousTime = observation.time;
  }
  return tracks;
}

/** The names a track goes by (every colour it shows with its shape). */
export function trackNames(track: Track): Set<string> {
  return new Set(track.points.map((p) => objectName(p.object)));
}

/** The median sampling interval of the observations (seconds). */
export function samplingInterval(observations: readonly Observation[]): number {
  const gaps = observations.slice(1).map((o, i) => o.time - observations[i]!.time).filter((g) => g > 0).sort((a, b) => a - b);
  return gaps[gaps.length >> 1] ?? 1;
}
