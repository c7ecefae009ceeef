/**
 * On-screen text recognition that runs offline (PaddleOCR PP-OCRv4 on onnxruntime-node), with a
 * content-keyed cache. See `text-recognizer.ts` for the pipeline and `recognize-cached.ts` for the cache.
 */

export { createTextRecognizer, type RecognizedText, type TextRecognizer, type TextRecognizerOptions } from './text-recognizer.js';
export { recognizeCached, ocrImageHash } from './recognize-cached.js';
export { defaultOcrModelDir, ocrModelFiles } from './ocr-models.js';
export type { RgbImage, TextBox } from './rgb-image.js';
