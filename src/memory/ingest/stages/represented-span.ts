/**
 * The stretch of video a frame signal rests on, fixed before it is stored. Frame analyzers give each
 * signal the span from its analysed frame to the next analysed frame (the analyzer contract), so a slide
 * shown 30–40 s whose keyframe sits at 34 s would be stored as text at 34–47 s. Each keyframe records
 * the stretch it stands for (`represents`), so a signal's span becomes the hull of what the keyframes
 * inside it represent (those are contiguous, so the hull is their union). A span with no keyframe in it,
 * or of zero length, is kept. src/tasks/memory/keyframe-spans.ts applies the same rule at query time; on
 * spans corrected here it changes nothing.
 */

import type { TimeSpan } from '../../../core/time.js';

export interface RepresentingKeyframe {
  time: number;
  represents: TimeSpan;
}

/** Keeps a keyframe exactly at the span's end (the next analysed frame) out of it. */
const endEpsilon = 1e-3;

/**
 * Pure.
 * @example representedSpan({ start: 34, end: 47 }, [{ time: 34, represents: { start: 30, end: 40 } }, { time: 47, represents: { start: 40, end: 52 } }]) // → { start: 30, end: 40 }
 */
export function representedSpan(span: TimeSpan, keyframes: readonly RepresentingKeyframe[]): TimeSpan {
  if (!(span.end > span.start)) return span;
  const inside = keyframes.filter((keyframe) => keyframe.time >= span.start - endEpsilon && keyframe.time < span.end - endEpsilon);
  if (inside.length === 0) return span;
  return {
    start: Math.min(...inside.map((keyframe) => keyframe.represents.start)),
    end: Math.max(...inside.map((keyframe) => keyframe.represents.end)),
  };
}
