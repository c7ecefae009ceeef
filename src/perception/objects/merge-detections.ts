/**
 * Per-frame detections → spans, the form the store keeps and people read ("person present
 * 00:12–00:47, up to 3"). Pure, so the rules are tested without a model:
 * - each analysed frame stands for the time from its own time to the next analysed frame's (the last
 *   one to the end of the unit), as the analyzer contract says;
 * - `people`: a run of consecutive frames with the same nonzero person count is one signal whose value
 *   is that count; its confidence is the model score of the weakest counted person, averaged over the
 *   run (how sure the detector was that the last one counted is a person);
 * - `object`: a run of consecutive frames where a label is present is one signal per label, carrying
 *   the box and score of the run's best detection. Person boxes are object signals too, so "where was
 *   the person" and "how many" are both answerable.
 */

import type { TimeSpan } from '../../core/time.js';
import type { Signal } from '../signal.js';
import type { Detection } from './detection.js';

export interface FrameDetections {
  /** Presentation time of the analysed frame, seconds. */
  time: number;
  detections: readonly Detection[];
}

const personLabel = 'person';

interface Run<T> {
  start: number;
  end: number;
  items: T[];
}

/** Consecutive frames grouped by `keyOf` (frames whose key is undefined break runs and start none). */
function runsOf<T>(frames: readonly FrameDetections[], ends: readonly number[], keyOf: (frame: FrameDetections) => { key: string; item: T } | undefined): Array<Run<T> & { key: string }> {
  const runs: Array<Run<T> & { key: string }> = [];
  let open: (Run<T> & { key: string }) | undefined;
  frames.forEach((frame, i) => {
    const found = keyOf(frame);
    if (open && found?.key === open.key) {
      open.end = ends[i]!;
      open.items.push(found.item);
      return;
    }
    if (open) runs.push(open);
    open = found ? { key: found.key, start: frame.time, end: ends[i]!, items: [found.item] } : undefined;
  });
  if (open) runs.push(open);
  return runs;
}

/** The end of each frame's stretch: the next frame's time, and `span.end` for the last. */
function frameEnds(frames: readonly FrameDetections[], span: TimeSpan): number[] {
  return frames.map((frame, i) => Math.max(frame.time, frames[i + 1]?.time ?? span.end));
}

/**
 * `people` and `object` signals from the detections of frames in presentation order.
 * @example
 * mergeDetections([{ time: 0, detections: [person, person] }, { time: 1, detections: [person, person] }], { start: 0, end: 2 }, 'detector:centernet')
 * // → [{ kind: 'people', span: { start: 0, end: 2 }, value: 2, … }, { kind: 'object', value: 'person', … }]
 */
export function mergeDetections(frames: readonly FrameDetections[], span: TimeSpan, producer: string): Signal[] {
  const sorted = [...frames].sort((a, b) => a.time - b.time);
  const ends = frameEnds(sorted, span);
  const signals: Signal[] = [];

  const people = runsOf(sorted, ends, (frame) => {
    const persons = frame.detections.filter((d) => d.label === personLabel);
    if (persons.length === 0) return undefined;
    return { key: String(persons.length), item: Math.min(...persons.map((d) => d.score)) };
  });
  for (const run of people) {
    const mean = run.items.reduce((sum, score) => sum + score, 0) / run.items.length;
    signals.push({
      kind: 'people',
      span: { start: run.start, end: run.end },
      value: Number(run.key),
      confidence: { value: mean, source: 'model-score' },
      producer,
    });
  }

  const labels = [...new Set(sorted.flatMap((frame) => frame.detections.map((d) => d.label)))].sort();
  for (const label of labels) {
    const runs = runsOf(sorted, ends, (frame) => {
      const best = frame.detections.filter((d) => d.label === label).sort((a, b) => b.score - a.score)[0];
      return best ? { key: label, item: best } : undefined;
    });
    for (const run of runs) {
      const best = run.items.reduce((a, b) => (b.score > a.score ? b : a));
      signals.push({
        kind: 'object',
        span: { start: run.start, end: run.end },
        value: label,
        confidence: { value: best.score, source: 'model-score' },
        box: { ...best.box },
        producer,
      });
    }
  }
  return signals.sort((a, b) => a.span.start - b.span.start || a.kind.localeCompare(b.kind));
}
