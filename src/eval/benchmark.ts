/**
 * The benchmark core: a benchmark is declared as data — how to load its docs, what visual input and
 * prompt each doc gives a model, how one answer is scored, and how per-doc scores aggregate into
 * metrics — plus named variants that spread over the base. `defineBenchmark` validates and freezes
 * the declaration; the registry (benchmark-registry.ts) holds them. The runner comes later.
 *
 * @example
 * const quiz = defineBenchmark({ id: 'quiz', load: async () => docs, docToVisual: (d) => ({ video: d.path }),
 *   docToPrompt: (d) => ({ kind: 'open', text: d.q }), scoreDoc: (d, out) => ({ accuracy: out === d.a ? 1 : 0 }),
 *   metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }] });
 */

import { ConfigError, NotFoundError } from '../core/errors.js';
import type { TimeSpan } from '../core/time.js';
import type { LanguageModel } from '../models/language-model.js';

export interface BenchmarkLoadContext {
  /** The folder holding the benchmark's files (for synth sets: what `reelm synth generate` wrote). */
  dataDir: string;
  limit?: number;
  signal?: AbortSignal;
}

export interface BenchmarkVisual {
  /** Path of the video file, or of a folder of frames when `frameFolder` is set. */
  video: string;
  /** The part of the video the doc is about; the whole video when absent. */
  span?: TimeSpan;
  /** The benchmark ships frames instead of a video (MVBench's TVQA): the folder's images, at `fps`, named by `pattern`. */
  frameFolder?: { fps: number; firstIndex: number; pattern: string };
  /** A subtitle file that goes with the video (Video-MME's subtitles setting). */
  subtitles?: string;
}

export interface BenchmarkPrompt {
  kind: 'multiple-choice' | 'open' | 'grounding';
  /** The exact text sent to the model. */
  text: string;
  /** Multiple choice: the option letters in order. */
  letters?: string[];
  /** Text the answer starts with (MVBench's "Best option:("): prefilled where the provider allows, and the output is scored as its continuation. */
  answerPrefix?: string;
}

/** One doc's score per metric; `null` marks an answer that could not be parsed (reported, never guessed). */
export type DocScore = Record<string, number | null>;

export interface MetricDeclaration {
  name: string;
  aggregate: 'mean' | ((values: readonly number[]) => number);
  higherIsBetter: boolean;
}

export interface BenchmarkParts<Doc> {
  load(context: BenchmarkLoadContext): Promise<Doc[]>;
  docToVisual(doc: Doc): BenchmarkVisual;
  docToPrompt(doc: Doc): BenchmarkPrompt;
  /** Scores one model output; metrics that do not apply to this doc are left out. */
  scoreDoc(doc: Doc, output: string): DocScore;
  /** The prompt when it depends on the frames actually sent (Video-MME subtitles: only cues at those times). */
  docToPromptAtFrames?(doc: Doc, frameTimes: readonly number[]): BenchmarkPrompt;
  /** The official report over all docs and their scores, when the official script does more than a mean per metric. */
  aggregate?(docs: readonly Doc[], scores: readonly DocScore[]): OfficialReport;
  /** The model's answers in the benchmark's own result or submission format, so the official script (or `reelm eval score`) can score them. */
  toSubmission?(docs: readonly Doc[], outputs: ReadonlyArray<string | null>): SubmissionFile[];
  /**
   * Scores an answer the rules could not (`scoreDoc` gave null) with the configured judge model, as the
   * benchmark's official judge step does; the runner calls it only when a judge is given.
   */
  judgeDoc?(doc: Doc, output: string, judge: LanguageModel, signal?: AbortSignal): Promise<DocScore>;
}

/** One file of a benchmark's submission format, at its published relative path (e.g. `results/<model>/<model>_EPM_offline.json`). */
export interface SubmissionFile {
  path: string;
  content: string;
}

/**
 * What a benchmark's official script reports: metrics under the script's own names, per-category
 * breakdowns, the denominator it used, how many answers it could not parse, and its printed text.
 */
export interface OfficialReport {
  metrics: Record<string, number>;
  breakdowns?: Record<string, Record<string, number>>;
  /** Docs in the official denominator. */
  counted: number;
  /** Docs scored. */
  total: number;
  /** Answers the official rule could not parse (counted apart, never guessed). */
  unparsed: number;
  /** The report as the official script prints it, where it prints. */
  printed?: string;
}

export interface BenchmarkDeclaration<Doc> extends BenchmarkParts<Doc> {
  id: string;
  description?: string;
  metrics: readonly MetricDeclaration[];
  /** Named variants: each replaces some parts of the base (`{ ...base, ...variant }`). */
  variants?: Readonly<Record<string, Partial<BenchmarkParts<Doc>> & { description: string }>>;
}

export type Benchmark<Doc = unknown> = Readonly<BenchmarkDeclaration<Doc>>;

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

export function defineBenchmark<Doc>(declaration: BenchmarkDeclaration<Doc>): Benchmark<Doc> {
  if (!idPattern.test(declaration.id)) throw new ConfigError(`benchmark ${declaration.id}`, 'ids are lower case letters, digits and dashes.');
  const names = declaration.metrics.map((m) => m.name);
  if (names.length === 0 || new Set(names).size !== names.length) throw new ConfigError(`benchmark ${declaration.id}`, 'declare at least one metric, each name once.');
  return Object.freeze({ ...declaration, metrics: Object.freeze([...declaration.metrics]), variants: Object.freeze({ ...declaration.variants }) });
}

/** The benchmark with a variant's parts spread over the base; `undefined` gives the base. */
export function resolveVariant<Doc>(benchmark: Benchmark<Doc>, variant: string | undefined): Benchmark<Doc> {
  if (variant === undefined) return benchmark;
  const parts = benchmark.variants?.[variant];
  if (!parts) {
    const known = Object.keys(benchmark.variants ?? {});
    throw new NotFoundError(`variant ${variant}`, `Benchmark ${benchmark.id} has no variant "${variant}"; ${known.length ? `known: ${known.join(', ')}` : 'it has none'}.`);
  }
  const { description: _description, ...overrides } = parts;
  return Object.freeze({ ...benchmark, ...overrides, id: `${benchmark.id}:${variant}` });
}

export interface MetricResult {
  name: string;
  /** Aggregate over the docs that have a number for this metric; null when none do. */
  value: number | null;
  count: number;
  /** Docs whose answer could not be parsed for this metric. */
  unparsed: number;
  higherIsBetter: boolean;
}

/** Aggregates per metric. Unparsed answers count as wrong (0) in the value and are also counted apart. */
export function aggregateScores(benchmark: Pick<Benchmark, 'metrics'>, scores: readonly DocScore[]): MetricResult[] {
  return benchmark.metrics.map((metric) => {
    const values = scores.flatMap((score) => (typeof score[metric.name] === 'number' ? [score[metric.name] as number] : []));
    const unparsed = scores.filter((score) => score[metric.name] === null).length;
    const all = [...values, ...Array<number>(unparsed).fill(0)];
    const aggregate = metric.aggregate === 'mean' ? (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length : metric.aggregate;
    return { name: metric.name, value: all.length ? aggregate(all) : null, count: all.length, unparsed, higherIsBetter: metric.higherIsBetter };
  });
}
