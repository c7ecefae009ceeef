/**
 * The evidence a question is answered from, as message assembly sees it: images that show one frame
 * (with its `time`) or a labelled grid of frames (with `tileTimes` and its `grid` layout), and the
 * timed text read from the video (subtitles, a transcript, on-screen text). Text here is untrusted
 * data: it only ever reaches a model inside a delimited block (see assemble-messages.ts).
 */

import { ReelmError } from '../core/errors.js';
import type { SubtitleCue } from '../media/subtitles/cue.js';
import type { ImagePart } from '../models/messages.js';

/** Several frames tiled into one image, read left-to-right, top-to-bottom; each tile shows its time. */
export interface GridImagePart extends ImagePart {
  /** Times of the tiles in reading order; may be fewer than `cols × rows` when the last row is short. */
  tileTimes: number[];
  grid: { cols: number; rows: number };
}

/** One image of evidence: a single frame (`time` set) or a grid. */
export type EvidenceImage = ImagePart | GridImagePart;

/** Where a piece of timed text came from; named in the prompt so the model can weigh it. */
export type TranscriptSourceKind = 'subtitles' | 'transcript' | 'on-screen text';

/** Timed text of one kind, with cues on the presentation timeline. */
export interface TranscriptSource {
  source: TranscriptSourceKind;
  cues: SubtitleCue[];
}

/**
 * True when the image is a grid (it names its layout), false for a single frame.
 * @example isGridImage({ ...frame, tileTimes: [1, 2], grid: { cols: 2, rows: 1 } }) // true
 */
export function isGridImage(image: EvidenceImage): image is GridImagePart {
  return 'grid' in image && image.grid !== undefined && Array.isArray(image.tileTimes);
}

/**
 * The times an image shows, in reading order: one for a frame, one per tile for a grid.
 * Throws when a frame carries no time, because an unlabelled image would break "time in, time out".
 * @example evidenceTimes({ ...frame, time: 12.5 }) // [12.5]
 */
export function evidenceTimes(image: EvidenceImage): number[] {
  if (isGridImage(image)) {
    if (image.tileTimes.length === 0 || image.tileTimes.length > image.grid.cols * image.grid.rows) {
      throw new ReelmError(
        `A ${image.grid.cols}×${image.grid.rows} grid has ${image.tileTimes.length} tile times; give one time per tile, at most cols × rows.`,
      );
    }
    return image.tileTimes;
  }
  if (image.time === undefined || !Number.isFinite(image.time)) {
    throw new ReelmError('An evidence image has no time; set `time` on frames (or `tileTimes` and `grid` on grids) so it can be labelled.');
  }
  return [image.time];
}

/**
 * The earliest time an image shows; images are ordered by it.
 * @example firstEvidenceTime({ ...grid, tileTimes: [4, 2, 8] }) // 2
 */
export function firstEvidenceTime(image: EvidenceImage): number {
  return Math.min(...evidenceTimes(image));
}
