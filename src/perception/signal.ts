/**
 * What perception produces: time-stamped signals (DESIGN.md, "Perception that runs offline"). Every
 * analyzer — OCR, object and person detectors, scene cuts and motion, loudness and silence, subtitles,
 * speech — emits this one shape, the video store keeps it in its `signals` table, and the tasks, the
 * agent and the timeline read it back. An analyzer is an entry in a registry (analyzers.ts, in the
 * store issue), keyed by id, with a config whose hash decides when stored results are stale.
 */

import type { TimeSpan } from '../core/time.js';
import type { ConfidenceSourceKind } from './confidence.js';

export type SignalKind =
  | 'text' // on-screen text (OCR)
  | 'object' // a detector label (COCO), with a box when spatial
  | 'people' // people count over a span
  | 'scene' // a shot boundary (span of zero length at the cut) or a shot
  | 'motion' // motion energy, 0–1
  | 'loudness' // integrated loudness, LUFS
  | 'silence' // a silent span
  | 'subtitle' // a subtitle cue
  | 'speech' // a transcript segment or word
  | 'caption'; // a model-written caption of a segment

/** A box in the frame, as fractions of the displayed width and height (0–1), upright. */
export interface SignalBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Signal {
  kind: SignalKind;
  span: TimeSpan;
  /** Text for text-like kinds (OCR line, label, transcript, caption); a number for measures. */
  value: string | number;
  /** 0–1 with its source; null when the analyzer has none. */
  confidence: { value: number; source: ConfidenceSourceKind } | null;
  box?: SignalBox;
  /** Which analyzer (and model) produced it, e.g. `ocr:paddleocr-v4`, `detector:centernet`, `caption:openai:gpt-4o`. */
  producer: string;
}
