/**
 * The official frame choice of MVBench-format benchmarks (`MVBench_dataset.get_index` in
 * Ask-Anything `video_chat2/mvbench.ipynb`, the same in TVBench's `vqa_dataset.py`): `segments` frames at
 * segment middles within the bound, by frame index. Python's `round` rounds half to even, `int` truncates.
 * Frame folders (TVQA at 3 fps) start at index 1 and use the folder's file count as the last index.
 */

import { roundHalfEven } from '../../python-numbers.js';

export function mvbenchFrameIndices(bound: { start: number; end: number } | undefined, fps: number, maxFrame: number, segments = 16, firstIndex = 0): number[] {
  const start = bound ? bound.start : -100000;
  const end = bound ? bound.end : 100000;
  const startIndex = Math.max(firstIndex, roundHalfEven(start * fps));
  const endIndex = Math.min(roundHalfEven(end * fps), maxFrame);
  const segmentSize = (endIndex - startIndex) / segments;
  return Array.from({ length: segments }, (_, i) => Math.trunc(startIndex + segmentSize / 2 + roundHalfEven(segmentSize * i)));
}
