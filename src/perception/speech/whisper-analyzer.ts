/**
 * Speech to text in-process with Whisper through transformers.js, as a `SpanAnalyzer`: the unit's audio
 * is decoded by ffmpeg to 16 kHz mono Float32 samples one window at a time (`extract-audio.ts`; at most
 * 30 s, ≈1.9 MB, in memory at once), each window is transcribed with timestamps, and each segment (or
 * word, when asked) becomes a `speech` signal on the video's timeline, producer `whisper:<model>`.
 * Windows follow Whisper's long-form rule (`whisper-windows.ts`). The signal is checked before every
 * window and every ffmpeg run takes it; one window's decoding cannot be interrupted inside
 * transformers.js, so a cancel waits for at most one window. Windows run one at a time per model (one
 * ONNX session, CPU-bound), and `onProgress` hears the seconds of a unit heard so far.
 *
 * The model loads when the analyzer is created (so a wrong folder fails before any work) and is freed
 * by `close()`. A video without audio gives no signals.
 */

import path from 'node:path';
import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import { StageProgress, type ProgressReporter } from '../../core/progress.js';
import { Semaphore } from '../../models/call-policy.js';
import type { SpanAnalyzer } from '../analyzer.js';
import type { AnalyzerEntry } from '../analyzers.js';
import { audioSpanOf } from '../ffmpeg/media-streams.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import type { Signal } from '../signal.js';
import { extractAudioPcm } from './extract-audio.js';
import { loadWhisperModel, type WhisperModelOptions, type WhisperTimestamps } from './whisper-model.js';
import { firstWindow, placeWindow, whisperWindowSeconds } from './whisper-windows.js';

export interface WhisperAnalyzerOptions extends WhisperModelOptions {
  /** A folder holding the ONNX export, or a Hub id such as `Xenova/whisper-tiny.en` (downloaded only with `allowDownload`). */
  model: string;
  /** `segment` (default): one signal per segment; `word`: one per word (needs a model with alignment heads). */
  timestamps?: WhisperTimestamps;
  /** Seconds heard per model run; at most 30 (Whisper's input). */
  windowSeconds?: number;
  cache?: ArtifactCache | null;
  /** Seconds of each unit heard so far (stage `speech <start>–<end> s`), after every window. */
  onProgress?: ProgressReporter;
}

/** `whisper:<hub id>`, or `whisper:<folder name>` for a folder (machine paths stay out of the store). */
function producerOf(model: string): string {
  const isPath = path.isAbsolute(model) || model.startsWith('.') || model.startsWith('~');
  return `whisper:${isPath ? path.basename(path.resolve(model)) : model}`;
}

/**
 * @example
 * const speech = await createWhisperAnalyzer({ model: 'Xenova/whisper-tiny.en', allowDownload: true });
 * await speech.analyzeSpan({ video: 'talk.mp4', span: { start: 0, end: 60 } }) // → [{ kind: 'speech', value: 'Welcome back.', span: { start: 1.2, end: 2.9 }, producer: 'whisper:Xenova/whisper-tiny.en', … }]
 * await speech.close?.();
 */
export async function createWhisperAnalyzer(options: WhisperAnalyzerOptions): Promise<SpanAnalyzer> {
  const timestamps = options.timestamps ?? 'segment';
  const windowSeconds = Math.min(whisperWindowSeconds, options.windowSeconds ?? whisperWindowSeconds);
  const model = await loadWhisperModel(options.model, options);
  const semaphore = new Semaphore(1);
  const producer = producerOf(options.model);

  return {
    id: 'speech',
    input: 'span',
    kinds: ['speech'],
    configHash: hashAnalyzerSettings('speech', 1, {
      engine: 'whisper-transformers.js',
      model: options.model,
      revision: model.revision,
      dtype: options.dtype ?? null,
      language: options.language ?? null,
      task: options.task ?? null,
      timestamps,
      windowSeconds,
      sampleRate: 16000,
    }),
    async analyzeSpan(context) {
      const heard = await audioSpanOf(context, options.cache);
      if (heard === undefined) return [];
      const { info, audio, span } = heard;
      // Progress in seconds heard: a window may start before the previous one ended (an open segment).
      const progress = new StageProgress(`speech ${span.start.toFixed(0)}–${span.end.toFixed(0)} s`, Math.round(span.end - span.start), options.onProgress);
      const signals: Signal[] = [];
      for (let window = firstWindow(span, windowSeconds); window !== undefined; ) {
        throwIfAborted(context.signal);
        const samples = await extractAudioPcm(info.path, audio, window, context.signal);
        const release = await semaphore.acquire(context.signal);
        let heard;
        try {
          throwIfAborted(context.signal);
          heard = await model.transcribe(samples, timestamps);
        } finally {
          release();
        }
        const placed = placeWindow(window, span, heard, windowSeconds);
        for (const segment of placed.segments) {
          signals.push({ kind: 'speech', span: segment.span, value: segment.text, confidence: null, producer });
        }
        window = placed.next;
        progress.update(Math.round((window?.start ?? span.end) - span.start));
      }
      progress.finish();
      return signals;
    },
    async close() {
      await model.dispose();
    },
  };
}

/** A registry entry for local Whisper, for the layer that holds the configuration to register. */
export function whisperAnalyzerEntry(options: Omit<WhisperAnalyzerOptions, 'cache'>): AnalyzerEntry {
  return Object.freeze({
    id: 'speech',
    description: `Speech to text in-process with Whisper (${options.model}) through transformers.js.`,
    kinds: ['speech'] as const,
    runsByDefault: true,
    async create({ cache }: { cache: ArtifactCache | null }) {
      return createWhisperAnalyzer({ ...options, cache });
    },
  });
}
