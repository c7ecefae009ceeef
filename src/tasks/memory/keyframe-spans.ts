/**
 * The stretch of video a stored signal really rests on. Frame analyzers store each signal from the
 * analysed frame's time to the next analysed frame's (the analyzer contract), so on a slide shown
 * 30–40 s whose keyframe sits at 34 s, the OCR line reads 34–47 s. The keyframes themselves record the
 * run of near-identical frames each stands for (`represents`, 30–40 s), so a signal's span is mapped to
 * the union of what its keyframes represent; a span with no keyframe inside it (span analyzers, a
 * store without keyframes) is kept as stored.
 */

import type { TimeSpan } from '../../core/time.js';
import { keyframesInSpan } from '../../memory/query/segments.js';
import type { Store } from '../../memory/store/open-store.js';

/** Keeps a keyframe exactly at the span's end (the next analysed frame) out of it. */
const endEpsilon = 1e-3;

/**
 * @example representedSpan(store, videoId, { start: 34, end: 47 }) // { start: 30, end: 40 }
 */
export function representedSpan(store: Store, videoId: number, span: TimeSpan): TimeSpan {
  if (!(span.end > span.start)) return span;
  const keyframes = keyframesInSpan(store, videoId, { start: span.start, end: span.end - endEpsilon });
  if (keyframes.length === 0) return span;
  return {
    start: Math.min(...keyframes.map((keyframe) => keyframe.represents.start)),
    end: Math.max(...keyframes.map((keyframe) => keyframe.represents.end)),
  };
}
