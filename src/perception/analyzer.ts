/**
 * What an analyzer is: a named producer of signals from a video's frames or audio. The store's ingest
 * pipeline runs analyzers in units (a batch of frames, a chunk of audio) and checkpoints each unit, so an
 * analyzer works on the unit it is handed and keeps no state between units; its `configHash` keys the
 * stored results, so changing a setting re-runs only this analyzer. Frame analyzers get the distinct
 * frames the dedup and scene samplers keep, so cost follows content, not duration.
 */

import type { TimeSpan } from '../core/time.js';
import type { Frame } from '../media/frame.js';
import type { Signal, SignalKind } from './signal.js';

export interface AnalyzerUnitContext {
  /** Path of the video. */
  video: string;
  /** The span this unit covers (frames inside it, or the audio chunk). */
  span: TimeSpan;
  signal?: AbortSignal;
}

/** Runs on decoded frames (OCR, object and person detectors). */
export interface FrameAnalyzer {
  readonly id: string;
  readonly input: 'frames';
  readonly kinds: readonly SignalKind[];
  /** Stable hash of every setting that changes the output (model file, thresholds, input size). */
  readonly configHash: string;
  /** The longest side frames should be decoded at for this analyzer. */
  readonly frameMaxSide: number;
  /** Signals of one unit. Each frame's signals span from its time to the next analysed frame's time. */
  analyzeFrames(frames: readonly Frame[], context: AnalyzerUnitContext): Promise<Signal[]>;
  /** Releases model sessions. */
  close?(): Promise<void>;
}

/** Runs on the video file itself over a span (ffmpeg-based: motion, loudness, silence; subtitles). */
export interface SpanAnalyzer {
  readonly id: string;
  readonly input: 'span';
  readonly kinds: readonly SignalKind[];
  readonly configHash: string;
  analyzeSpan(context: AnalyzerUnitContext): Promise<Signal[]>;
  close?(): Promise<void>;
}

export type Analyzer = FrameAnalyzer | SpanAnalyzer;
