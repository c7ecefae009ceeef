/**
 * Where a coarse answer's boundaries may really lie: a span answered from frames `interval` seconds
 * apart has each boundary somewhere within half an interval of where it was written (the event began
 * after the last frame without it and by the first frame with it). Each boundary gets a window of one
 * interval centred on it, to be looked at densely; a span shorter than its windows gets one window
 * for both boundaries, and a boundary at the edge of the searched span needs none.
 */

import type { TimeSpan } from '../core/time.js';

export interface BoundaryWindow extends TimeSpan {
  /** Index of the coarse span whose boundaries this window refines. */
  spanIndex: number;
  /** Which boundaries of that span lie in the window. */
  refines: 'start' | 'end' | 'both';
}

/**
 * @example boundaryWindows([{ start: 40, end: 60 }], 6, { start: 0, end: 120 })
 * // [{ start: 37, end: 43, spanIndex: 0, refines: 'start' }, { start: 57, end: 63, spanIndex: 0, refines: 'end' }]
 */
export function boundaryWindows(spans: readonly TimeSpan[], interval: number, searched: TimeSpan): BoundaryWindow[] {
  const half = interval / 2;
  const clamp = (window: TimeSpan): TimeSpan => ({ start: Math.max(searched.start, window.start), end: Math.min(searched.end, window.end) });
  const windows: BoundaryWindow[] = [];
  spans.forEach((span, spanIndex) => {
    const startNeeded = span.start - searched.start > 1e-6;
    const endNeeded = searched.end - span.end > 1e-6;
    if (span.end - span.start <= interval && (startNeeded || endNeeded)) {
      windows.push({ ...clamp({ start: span.start - half, end: span.end + half }), spanIndex, refines: 'both' });
      return;
    }
    if (startNeeded) windows.push({ ...clamp({ start: span.start - half, end: span.start + half }), spanIndex, refines: 'start' });
    if (endNeeded) windows.push({ ...clamp({ start: span.end - half, end: span.end + half }), spanIndex, refines: 'end' });
  });
  return windows.filter((window) => window.end > window.start);
}

/**
 * A coarse span with its boundaries moved to what the dense look at each window found: the earliest
 * start and the latest end of the spans answered inside the window (clipped to it). A window where the
 * event was not seen at all (`found` empty) moves its boundary to the window's inner edge — the coarse
 * look saw the event there, so a start window empty of it means the event began after the window, an
 * end window empty of it that the event ended before. An answer that could not be read (`found` null)
 * or spans only outside the window leave the boundary as the coarse answer had it; a result that would
 * end before it starts keeps the coarse span.
 * @example refineSpan({ start: 40, end: 60 }, [{ window: startWindow, found: [{ start: 41.2, end: 43 }] }]) // { start: 41.2, end: 60 }
 */
export function refineSpan(coarse: TimeSpan, looks: ReadonlyArray<{ window: BoundaryWindow; found: readonly TimeSpan[] | null }>): TimeSpan {
  let { start, end } = coarse;
  for (const { window, found } of looks) {
    if (found === null) continue;
    if (found.length === 0) {
      // Seen by the coarse look but nowhere in a window around one boundary: that boundary lies outside it.
      if (window.refines === 'start') start = window.end;
      if (window.refines === 'end') end = window.start;
      continue;
    }
    const inside = found
      .map((span) => ({ start: Math.max(window.start, span.start), end: Math.min(window.end, span.end) }))
      .filter((span) => span.end >= span.start);
    if (inside.length === 0) continue;
    if (window.refines !== 'end') start = Math.min(...inside.map((span) => span.start));
    if (window.refines !== 'start') end = Math.max(...inside.map((span) => span.end));
  }
  return end > start ? { start, end } : { ...coarse };
}
