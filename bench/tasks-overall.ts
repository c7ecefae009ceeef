/**
 * Pooling for `npm run bench:tasks` and `npm run bench:tasks-ceiling`: per-video task scores
 * (bench/tasks-video.ts) into overall numbers, and each headline metric as a fraction of a ceiling —
 * the tasks ceiling (the same tasks with every 2-fps frame, bench/tasks-ceiling.ts) pooled over the
 * same videos. Pure functions, so the arithmetic is unit-tested (test/bench/tasks-overall.test.ts).
 */

import type { VideoScores } from './tasks-video.js';

export interface TasksOverall {
  videos: number;
  ask: { accuracy: number | null; n: number; mcAccuracy: number | null; openAccuracy: number | null; unparsed: number };
  ground: { mIoU: number | null; n: number; r1At05: number | null; r1At07: number | null; unparsed: number };
  denseCaptionEventRecall: { all: number | null; n: number; objectEvents: number | null; textEvents: number | null };
  chapterBoundaryF1: { meanF1: number | null; meanPrecision: number | null; meanRecall: number | null; cuts: number; predicted: number };
  highlightsHitAt1: { hitAt1: number | null; queries: number };
  wallSeconds: number;
  cpuSeconds: number;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * Pooled numbers over videos: ask, ground, dense recall and HIT@1 pool their items; chapter F1 is the
 * mean of the per-video F1.
 * @example poolVideoScores(perVideo).ground.mIoU
 */
export function poolVideoScores(videos: readonly VideoScores[]): TasksOverall {
  const sum = (pick: (v: VideoScores) => number): number => videos.reduce((total, v) => total + pick(v), 0);
  const askN = sum((v) => v.ask.mcN + v.ask.openN);
  const groundN = sum((v) => v.ground.n);
  return {
    videos: videos.length,
    ask: {
      accuracy: ratio(sum((v) => v.ask.mcCorrect + v.ask.openCorrect), askN), n: askN,
      mcAccuracy: ratio(sum((v) => v.ask.mcCorrect), sum((v) => v.ask.mcN)), openAccuracy: ratio(sum((v) => v.ask.openCorrect), sum((v) => v.ask.openN)),
      unparsed: sum((v) => v.ask.unparsed),
    },
    ground: {
      mIoU: ratio(sum((v) => v.ground.iouSum), groundN), n: groundN,
      r1At05: ratio(sum((v) => v.ground.r1At05), groundN), r1At07: ratio(sum((v) => v.ground.r1At07), groundN),
      unparsed: sum((v) => v.ground.unparsed),
    },
    denseCaptionEventRecall: {
      all: ratio(sum((v) => v.dense.recalled), sum((v) => v.dense.events)), n: sum((v) => v.dense.events),
      objectEvents: ratio(sum((v) => v.dense.objectRecalled), sum((v) => v.dense.objectEvents)), textEvents: ratio(sum((v) => v.dense.textRecalled), sum((v) => v.dense.textEvents)),
    },
    chapterBoundaryF1: {
      meanF1: ratio(sum((v) => v.chapters.f1), videos.length), meanPrecision: ratio(sum((v) => v.chapters.precision), videos.length), meanRecall: ratio(sum((v) => v.chapters.recall), videos.length),
      cuts: sum((v) => v.chapters.cuts), predicted: sum((v) => v.chapters.predicted),
    },
    highlightsHitAt1: { hitAt1: ratio(sum((v) => v.highlights.hits), sum((v) => v.highlights.queries)), queries: sum((v) => v.highlights.queries) },
    wallSeconds: sum((v) => v.wallSeconds),
    cpuSeconds: sum((v) => v.cpuSeconds),
  };
}

/** The headline metrics every ceiling comparison reports, each read from pooled numbers. */
export const headlineMetrics = Object.freeze({
  askAccuracy: (o: TasksOverall) => o.ask.accuracy,
  groundMIoU: (o: TasksOverall) => o.ground.mIoU,
  groundR1At05: (o: TasksOverall) => o.ground.r1At05,
  groundR1At07: (o: TasksOverall) => o.ground.r1At07,
  denseEventRecall: (o: TasksOverall) => o.denseCaptionEventRecall.all,
  chapterBoundaryF1: (o: TasksOverall) => o.chapterBoundaryF1.meanF1,
  highlightsHitAt1: (o: TasksOverall) => o.highlightsHitAt1.hitAt1,
} as const satisfies Record<string, (o: TasksOverall) => number | null>);

export type HeadlineMetric = keyof typeof headlineMetrics;

/** The must lines: a metric at least this fraction of its ceiling. */
export const mustOfCeiling = Object.freeze({ askAccuracy: 0.9, groundMIoU: 0.85 } as const satisfies Partial<Record<HeadlineMetric, number>>);

/** `value / ceiling`; null when either is unknown or the ceiling is 0 (no fraction of nothing). */
export function fractionOfCeiling(value: number | null, ceiling: number | null): number | null {
  return value !== null && ceiling !== null && ceiling > 0 ? value / ceiling : null;
}

export interface CeilingComparison {
  value: number | null;
  ceiling: number | null;
  ofCeiling: number | null;
  /** Present for the must lines: the fraction required and whether it is met (null: no ceiling). */
  must?: { atLeast: number; met: boolean | null };
}

/**
 * Every headline metric of `overall` against the same metric of `ceiling`.
 * @example compareWithCeiling(poolVideoScores(run), poolVideoScores(ceilingRun)).groundMIoU.ofCeiling
 */
export function compareWithCeiling(overall: TasksOverall, ceiling: TasksOverall | null): Record<HeadlineMetric, CeilingComparison> {
  const entries = (Object.keys(headlineMetrics) as HeadlineMetric[]).map((metric) => {
    const value = headlineMetrics[metric](overall);
    const top = ceiling ? headlineMetrics[metric](ceiling) : null;
    const ofCeiling = fractionOfCeiling(value, top);
    const atLeast = (mustOfCeiling as Partial<Record<HeadlineMetric, number>>)[metric];
    const comparison: CeilingComparison = { value, ceiling: top, ofCeiling, ...(atLeast !== undefined ? { must: { atLeast, met: ofCeiling === null ? null : ofCeiling >= atLeast - 1e-12 } } : {}) };
    return [metric, comparison] as const;
  });
  return Object.fromEntries(entries) as Record<HeadlineMetric, CeilingComparison>;
}

/**
 * The ceiling's videos that this run also scored, in this run's order, and the ids this run scored
 * that the ceiling lacks (those are left out of the comparison, and said so).
 */
export function matchCeilingVideos(run: readonly VideoScores[], ceiling: readonly VideoScores[]): { run: VideoScores[]; ceiling: VideoScores[]; missing: string[] } {
  const byId = new Map(ceiling.map((v) => [v.video, v]));
  const both = run.filter((v) => byId.has(v.video));
  return { run: both, ceiling: both.map((v) => byId.get(v.video)!), missing: run.filter((v) => !byId.has(v.video)).map((v) => v.video) };
}

/** One video's row of bench/results/synth-oracle-ceiling.json (the fields pooled here). */
export interface SynthCeilingVideo {
  id: string;
  mcAccuracy: number | null;
  mcN: number;
  openAccuracy: number | null;
  openN: number;
  groundingMIoU: number | null;
  groundingN: number;
}

/**
 * The synthetic benchmark's 2-fps ceiling (its own prompts, 1280×720 frames at t = k/2) pooled over the
 * given videos as `ask` is scored here: multiple choice and open answers together, mIoU over grounding
 * questions. Videos the file lacks are listed in `missing`.
 * @example poolSynthCeiling(base.perVideo, ['synth-medium-022']).accuracy
 */
export function poolSynthCeiling(rows: readonly SynthCeilingVideo[], ids: readonly string[]): { accuracy: number | null; mIoU: number | null; videos: string[]; missing: string[] } {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const used = ids.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  let correct = 0;
  let n = 0;
  let iou = 0;
  let grounding = 0;
  for (const row of used) {
    correct += (row.mcAccuracy ?? 0) * row.mcN + (row.openAccuracy ?? 0) * row.openN;
    n += row.mcN + row.openN;
    iou += (row.groundingMIoU ?? 0) * row.groundingN;
    grounding += row.groundingN;
  }
  return { accuracy: ratio(correct, n), mIoU: ratio(iou, grounding), videos: used.map((row) => row.id), missing: ids.filter((id) => !byId.has(id)) };
}
