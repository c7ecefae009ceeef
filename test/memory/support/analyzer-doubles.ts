/**
 * Test doubles at the model boundary, named as such: fast stand-ins for a detector and a captioner that
 * do real work on the pixels they receive, so the store's tests exercise ingest with deterministic,
 * content-dependent signals in milliseconds instead of seconds per frame.
 *
 * - `bright-region-double` (a detector double): the box around pixels brighter than a threshold, as an
 *   `object` signal labelled `Bright-Region` (mixed case on purpose: the store lower-cases labels), with
 *   the bright fraction as its confidence.
 * - `colour-caption-double` (a captioner double): a `caption` naming the frame's dominant colour channel
 *   and its brightness, e.g. `mostly green and dark`.
 */

import type { FrameAnalyzer } from '../../../src/perception/analyzer.js';
import type { Signal } from '../../../src/perception/signal.js';
import type { Frame } from '../../../src/media/frame.js';
import type { AnalyzerEntry } from '../../../src/memory/ingest/analyzer-registry.js';

function rgbPixels(frame: Frame): Uint8Array {
  if (frame.format !== 'rgb') throw new TypeError(`analyzer doubles read raw RGB frames, got ${frame.format}`);
  return frame.image;
}

function frameEnd(frames: readonly Frame[], i: number, spanEnd: number): number {
  return frames[i + 1]?.time ?? Math.max(frames[i]!.time, spanEnd);
}

export function createBrightRegionDouble(threshold = 200, frameMaxSide = 96): FrameAnalyzer {
  return {
    id: 'bright-region-double',
    input: 'frames',
    kinds: ['object'],
    configHash: `bright-region-double|${threshold}|${frameMaxSide}`,
    frameMaxSide,
    async analyzeFrames(frames, context) {
      const signals: Signal[] = [];
      frames.forEach((frame, i) => {
        const pixels = rgbPixels(frame);
        let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1, bright = 0;
        for (let y = 0; y < frame.height; y++) {
          for (let x = 0; x < frame.width; x++) {
            const p = (y * frame.width + x) * 3;
            const luma = 0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]!;
            if (luma < threshold) continue;
            bright++;
            minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
          }
        }
        if (bright === 0) return;
        signals.push({
          kind: 'object',
          span: { start: frame.time, end: frameEnd(frames, i, context.span.end) },
          value: 'Bright-Region',
          confidence: { value: bright / (frame.width * frame.height), source: 'model-score' },
          box: { x: minX / frame.width, y: minY / frame.height, width: (maxX - minX + 1) / frame.width, height: (maxY - minY + 1) / frame.height },
          producer: 'detector:bright-region-double',
        });
      });
      return signals;
    },
  };
}

export function createColourCaptionDouble(frameMaxSide = 64): FrameAnalyzer {
  return {
    id: 'colour-caption-double',
    input: 'frames',
    kinds: ['caption'],
    configHash: `colour-caption-double|${frameMaxSide}`,
    frameMaxSide,
    async analyzeFrames(frames, context) {
      return frames.map((frame, i): Signal => {
        const pixels = rgbPixels(frame);
        const sums = [0, 0, 0];
        for (let p = 0; p < pixels.length; p += 3) for (let c = 0; c < 3; c++) sums[c]! += pixels[p + c]!;
        const dominant = ['red', 'green', 'blue'][sums.indexOf(Math.max(...sums))]!;
        const mean = (sums[0]! + sums[1]! + sums[2]!) / pixels.length;
        return {
          kind: 'caption',
          span: { start: frame.time, end: frameEnd(frames, i, context.span.end) },
          value: `mostly ${dominant} and ${mean > 128 ? 'bright' : 'dark'}`,
          confidence: null,
          producer: 'caption:colour-caption-double',
        };
      });
    },
  };
}

/** Registry entries for the doubles, to build a test registry beside the built-in analyzers. */
export const analyzerDoubleEntries: readonly AnalyzerEntry[] = Object.freeze([
  { id: 'bright-region-double', description: 'Test double: box around bright pixels.', kinds: ['object'], runsByDefault: false, create: async () => createBrightRegionDouble() },
  { id: 'colour-caption-double', description: 'Test double: dominant colour caption.', kinds: ['caption'], runsByDefault: false, create: async () => createColourCaptionDouble() },
] satisfies AnalyzerEntry[]);
