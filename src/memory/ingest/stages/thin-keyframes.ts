/**
 * Thinning the sampled keyframe times before they are decoded and analysed. The `dedup` sampler keeps a
 * frame for every second of moving footage, but the analyzers need distinct content, not a frame per
 * second of a slowly panning shot: OCR and the object detector cost most of an ingest. Within each
 * segment (shot) this keeps the first sample after the cut, then a sample only once the segment's spacing
 * has passed since the last one kept, at most `maxPerSegment` of those. The spacing is `spacingSeconds`,
 * or less in a short segment (its length over `maxPerSegment + 1`), so a 10-second clip still gets
 * several looks rather than one. A sample whose dedup run lasted
 * `stableSeconds` or longer is distinct, steady content (a slide appearing mid-shot) and is always kept.
 * Each kept sample takes over the `represents` spans of the dropped samples that follow it, so what the
 * keyframes stand for still covers the video without gaps.
 */

import type { TimeSpan } from '../../../core/time.js';
import type { SampledTime } from '../../../media/samplers/index.js';

export interface KeyframeThinning {
  /** Least seconds between kept samples of a long segment (short ones use less, see above). */
  spacingSeconds: number;
  /** Most samples kept by spacing per segment, besides the first and the steady ones. */
  maxPerSegment: number;
  /** A sample standing for a dedup run at least this long is always kept. */
  stableSeconds: number;
}

export const defaultKeyframeThinning: Readonly<KeyframeThinning> = Object.freeze({ spacingSeconds: 8, maxPerSegment: 2, stableSeconds: 12 });

function representsOf(sample: SampledTime): TimeSpan {
  return sample.represents ?? { start: sample.time, end: sample.time };
}

/** Index of the segment holding `time`: the last segment start at or before it (0 before the first). */
function segmentIndexOf(time: number, segmentStarts: readonly number[]): number {
  let index = 0;
  for (let i = 0; i < segmentStarts.length; i++) if (segmentStarts[i]! <= time) index = i;
  return index;
}

/**
 * Pure: the samples kept, time-ordered, with their `represents` widened over the dropped ones.
 * `segmentStarts` are ascending segment start times (empty: the whole video is one segment).
 * @example thinKeyframes(samples, [0, 31.2], defaultKeyframeThinning) // → the first sample of each shot, and one every ≤ 8 s
 */
export function thinKeyframes(samples: readonly SampledTime[], segmentStarts: readonly number[], thinning: KeyframeThinning): SampledTime[] {
  const sorted = [...samples].sort((a, b) => a.time - b.time);
  const segmentOf = sorted.map((sample) => segmentIndexOf(sample.time, segmentStarts));
  // Each segment's length as its samples cover it.
  const lengths = new Map<number, { start: number; end: number }>();
  sorted.forEach((sample, i) => {
    const represents = representsOf(sample);
    const length = lengths.get(segmentOf[i]!);
    if (length) length.end = Math.max(length.end, represents.end);
    else lengths.set(segmentOf[i]!, { start: represents.start, end: represents.end });
  });
  const spacingOf = (segmentIndex: number): number => {
    const length = lengths.get(segmentIndex)!;
    return Math.min(thinning.spacingSeconds, (length.end - length.start) / (thinning.maxPerSegment + 1));
  };
  const kept: Array<{ time: number; represents: TimeSpan }> = [];
  let segment = -1;
  let lastKeptTime = Number.NEGATIVE_INFINITY;
  let spacedInSegment = 0;
  for (const [i, sample] of sorted.entries()) {
    const represents = representsOf(sample);
    const sampleSegment = segmentOf[i]!;
    const firstInSegment = sampleSegment !== segment;
    const steady = represents.end - represents.start >= thinning.stableSeconds;
    const spaced = sample.time - lastKeptTime >= spacingOf(sampleSegment) && spacedInSegment < thinning.maxPerSegment;
    if (firstInSegment || steady || spaced) {
      if (!firstInSegment && !steady) spacedInSegment++;
      if (firstInSegment) spacedInSegment = 0;
      segment = sampleSegment;
      lastKeptTime = sample.time;
      kept.push({ time: sample.time, represents: { ...represents } });
      continue;
    }
    const owner = kept.at(-1)!;
    owner.represents = { start: Math.min(owner.represents.start, represents.start), end: Math.max(owner.represents.end, represents.end) };
  }
  return kept;
}
