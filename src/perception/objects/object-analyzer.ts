/**
 * The objects-and-people analyzer: the CenterNet detector (`object-detector.ts`) as a `FrameAnalyzer`.
 * Each frame of a unit is detected, then the unit's detections are merged into `people` and `object`
 * spans (`merge-detections.ts`). The model loads on the first unit, not at creation, so the store can
 * read `configHash` to decide whether anything needs to run without paying for a model load.
 */

import { throwIfAborted } from '../../core/errors.js';
import type { FrameAnalyzer } from '../analyzer.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import { mergeDetections, type FrameDetections } from './merge-detections.js';
import {
  centernetInputSize,
  centernetModelFile,
  createObjectDetector,
  objectDetectorDefaults,
  type ObjectDetector,
  type ObjectDetectorOptions,
} from './object-detector.js';

export const objectAnalyzerVersion = 1;

/**
 * @example
 * const analyzer = createObjectAnalyzer();
 * const signals = await analyzer.analyzeFrames(frames, { video, span: { start: 0, end: 10 } });
 * // → [{ kind: 'people', value: 2, span: { start: 0, end: 10 } }, { kind: 'object', value: 'person', box }, …]
 */
export function createObjectAnalyzer(options: Omit<ObjectDetectorOptions, 'signal'> = {}): FrameAnalyzer {
  const settings = {
    model: centernetModelFile,
    inputSize: centernetInputSize,
    minScore: options.minScore ?? objectDetectorDefaults.minScore,
    iouThreshold: options.iouThreshold ?? objectDetectorDefaults.iouThreshold,
    fit: options.fit ?? objectDetectorDefaults.fit,
  };
  const producer = 'detector:centernet';
  let detector: Promise<ObjectDetector> | undefined;
  return {
    id: 'objects',
    input: 'frames',
    kinds: ['people', 'object'],
    configHash: hashAnalyzerSettings('objects', objectAnalyzerVersion, settings),
    // Frames only need to be as large as the model input; decoding larger would be wasted work.
    frameMaxSide: centernetInputSize,
    async analyzeFrames(frames, context) {
      throwIfAborted(context.signal);
      detector ??= createObjectDetector({ ...options, signal: context.signal }).catch((error: unknown) => {
        detector = undefined;
        throw error;
      });
      const loaded = await detector;
      const found: FrameDetections[] = [];
      for (const frame of frames) {
        throwIfAborted(context.signal);
        found.push({ time: frame.time, detections: await loaded.detect(frame, { signal: context.signal }) });
      }
      return mergeDetections(found, context.span, producer);
    },
    async close() {
      const loading = detector;
      detector = undefined;
      if (loading) (await loading).dispose();
    },
  };
}
