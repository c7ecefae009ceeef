/**
 * The spans the caption stage captions: the segments, with runs of short ones joined. A fast-cut video
 * can have shots of half a second; one request each would cost many requests for captions that say
 * little, so consecutive segments are joined until the span is at least `minSpanSeconds` long, and a
 * short remainder at the end joins the span before it. A span is named by its first segment's index,
 * which is also its unit index, so the units stay stable while the segments do.
 */

import type { TimeSpan } from '../../../core/time.js';

export interface CaptionSpan {
  /** The first segment's index: the unit index. */
  index: number;
  span: TimeSpan;
  /** Segments joined into it. */
  segments: number;
}

/**
 * @example captionSpans([{ index: 0, span: { start: 0, end: 0.5 } }, { index: 1, span: { start: 0.5, end: 4 } }], 2) // [{ index: 0, span: { start: 0, end: 4 }, segments: 2 }]
 */
export function captionSpans(segments: ReadonlyArray<{ index: number; span: TimeSpan }>, minSpanSeconds: number): CaptionSpan[] {
  const spans: CaptionSpan[] = [];
  let open: CaptionSpan | undefined;
  for (const segment of segments) {
    open = open ? { ...open, span: { start: open.span.start, end: segment.span.end }, segments: open.segments + 1 } : { index: segment.index, span: { ...segment.span }, segments: 1 };
    if (open.span.end - open.span.start >= minSpanSeconds) {
      spans.push(open);
      open = undefined;
    }
  }
  if (open) {
    const last = spans.pop();
    spans.push(last ? { index: last.index, span: { start: last.span.start, end: open.span.end }, segments: last.segments + open.segments } : open);
  }
  return spans;
}
