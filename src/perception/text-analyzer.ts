/**
 * The on-screen text analyzer: the offline PaddleOCR recognizer of `./ocr` as a `FrameAnalyzer`. One
 * `text` signal per recognised line, spanning from its frame to the next analysed frame (the last to
 * the unit's end), with its box as fractions of the frame. Results are cached by image content, so a
 * frame read once (a static title card, a re-index) is not read again.
 *
 * Small frames are enlarged before reading: the text detector works at up to 960 px and finds nothing
 * in labels a few pixels high, which is what a 340-px frame with drawn labels has. The decoder never
 * enlarges, so this analyzer does it (with sharp) up to `minReadSide` on the longer side.
 */

import type { ArtifactCache } from '../core/artifact-cache.js';
import { throwIfAborted } from '../core/errors.js';
import type { Frame } from '../media/frame.js';
import type { FrameAnalyzer } from './analyzer.js';
import { createTextRecognizer, recognizeCached, type RgbImage, type TextRecognizer } from './ocr/index.js';
import { toRgbImage, resizeRgb } from './ocr/rgb-image.js';
import { hashAnalyzerSettings } from './settings-hash.js';
import type { Signal } from './signal.js';

export interface TextAnalyzerOptions {
  /**
   * Longest side frames are decoded at. Default 640: text of 28 px cap height on a 720p frame is still
   * read there, and detection costs less than half of PaddleOCR's own 960.
   */
  frameMaxSide?: number;
  /** Frames whose longer side is smaller are enlarged to this before reading. Default 640. */
  minReadSide?: number;
  /** Lines read with lower confidence are dropped. Default 0.5. */
  minConfidence?: number;
  /** OCR results by image hash; `null` for none. */
  cache?: ArtifactCache | null;
}

export const textAnalyzerVersion = 1;
const producer = 'ocr:paddleocr-v4';

/** The frame as RGB pixels, enlarged so its longer side is at least `minSide`. */
async function readableImage(frame: Frame, minSide: number): Promise<RgbImage> {
  const rgb = await toRgbImage(frame.format === 'rgb' ? { data: frame.image, width: frame.width, height: frame.height } : frame.image);
  const longer = Math.max(rgb.width, rgb.height);
  if (longer >= minSide) return rgb;
  const scale = minSide / longer;
  const width = Math.round(rgb.width * scale), height = Math.round(rgb.height * scale);
  return { data: await resizeRgb(rgb, width, height), width, height };
}

/**
 * @example
 * const analyzer = createTextAnalyzer({ cache: null });
 * await analyzer.analyzeFrames(frames, { video, span }) // → [{ kind: 'text', value: 'stand: 0.79', box, … }]
 */
export function createTextAnalyzer(options: TextAnalyzerOptions = {}): FrameAnalyzer {
  const frameMaxSide = options.frameMaxSide ?? 640;
  const minReadSide = options.minReadSide ?? 640;
  const minConfidence = options.minConfidence ?? 0.5;
  let recognizer: Promise<TextRecognizer> | undefined;
  return {
    id: 'ocr',
    input: 'frames',
    kinds: ['text'],
    configHash: hashAnalyzerSettings('ocr', textAnalyzerVersion, { frameMaxSide, minReadSide, minConfidence, producer }),
    frameMaxSide,
    async analyzeFrames(frames, context) {
      throwIfAborted(context.signal);
      recognizer ??= createTextRecognizer({ minConfidence, signal: context.signal }).catch((error: unknown) => {
        recognizer = undefined;
        throw error;
      });
      const loaded = await recognizer;
      const sorted = [...frames].sort((a, b) => a.time - b.time);
      const signals: Signal[] = [];
      for (const [i, frame] of sorted.entries()) {
        throwIfAborted(context.signal);
        const image = await readableImage(frame, minReadSide);
        const lines = await recognizeCached(loaded, image, options.cache ?? null, { signal: context.signal });
        const end = Math.max(frame.time, sorted[i + 1]?.time ?? context.span.end);
        for (const line of lines) {
          signals.push({
            kind: 'text',
            span: { start: frame.time, end },
            value: line.text,
            confidence: { value: Math.min(1, Math.max(0, line.confidence)), source: 'model-score' },
            box: {
              x: line.box.x / image.width,
              y: line.box.y / image.height,
              width: line.box.width / image.width,
              height: line.box.height / image.height,
            },
            producer,
          });
        }
      }
      return signals;
    },
    async close() {
      const loading = recognizer;
      recognizer = undefined;
      if (loading) await (await loading).dispose();
    },
  };
}
