/**
 * Stage `analyzer:<id>` for each analyzer. Frame analyzers run on the stored keyframes, unit by unit
 * over the keyframe stage's groups; frames are decoded once per unit and size and shared by every
 * analyzer that wants that size. Span analyzers run on fixed spans of the video. Each analyzer's stage
 * hash folds in its own config hash (and, for frame analyzers, the keyframes' hash), so changing one
 * analyzer's settings re-runs that analyzer only, and changing the keyframes re-runs every frame analyzer.
 */

import { throwIfAborted } from '../../../core/errors.js';
import type { TimeSpan } from '../../../core/time.js';
import { decodeFrames } from '../../../media/decode/decode-frames.js';
import type { Frame } from '../../../media/frame.js';
import type { FrameAnalyzer, SpanAnalyzer } from '../../../perception/analyzer.js';
import { beginStage, commitUnit, finishStage, type StageKey } from '../checkpoints.js';
import { hashStageConfig } from '../config-hash.js';
import { noteUnit, stageProgress, timed, type StageContext, type StageSummary } from '../stage-context.js';
import { insertSignals } from '../write-signals.js';
import { shrinkRgbFrames } from './shrink-frames.js';
import { representedSpan, type RepresentingKeyframe } from './represented-span.js';
import type { KeyframeFeed } from './keyframe-feed.js';
import { runLanes } from '../run-lanes.js';

export interface KeyframeUnit {
  unitIndex: number;
  times: number[];
  /** What each keyframe stands for, in the order of `times`. */
  keyframes: RepresentingKeyframe[];
  span: TimeSpan;
}

/** The stored keyframes of a video (or of one unit) grouped by unit, in time order. */
export function readKeyframeUnits(context: StageContext, onlyUnit?: number): KeyframeUnit[] {
  const rows = context.db.prepare(`SELECT unit_index AS unitIndex, time, represents_start AS start, represents_end AS end
    FROM keyframes WHERE video_id = ? AND (? IS NULL OR unit_index = ?) ORDER BY unit_index, time`)
    .all(context.videoId, onlyUnit ?? null, onlyUnit ?? null) as Array<{ unitIndex: number; time: number; start: number; end: number }>;
  const units = new Map<number, { times: number[]; keyframes: RepresentingKeyframe[]; start: number; end: number }>();
  for (const row of rows) {
    const keyframe = { time: row.time, represents: { start: row.start, end: row.end } };
    const unit = units.get(row.unitIndex);
    if (unit) {
      unit.times.push(row.time);
      unit.keyframes.push(keyframe);
      unit.end = Math.max(unit.end, row.end);
    } else {
      units.set(row.unitIndex, { times: [row.time], keyframes: [keyframe], start: row.start, end: row.end });
    }
  }
  return [...units].map(([unitIndex, unit]) => ({ unitIndex, times: unit.times, keyframes: unit.keyframes, span: { start: unit.start, end: unit.end } }));
}

/**
 * The keyframe units in order: all of them from the store, or with a feed each one as soon as the
 * keyframe stage has it in the store (./keyframe-feed.ts). Units without keyframes are left out either way.
 */
async function* keyframeUnits(context: StageContext, feed: KeyframeFeed | undefined): AsyncGenerator<KeyframeUnit> {
  if (!feed) {
    yield* readKeyframeUnits(context);
    return;
  }
  const count = await feed.unitCount();
  for (let unitIndex = 0; unitIndex < count; unitIndex++) {
    await feed.ready(unitIndex);
    yield* readKeyframeUnits(context, unitIndex);
  }
}

interface StageStart {
  key: StageKey;
  done: Set<number>;
  summary: StageSummary;
}

interface AnalyzerRun extends StageStart {
  analyzer: FrameAnalyzer;
}

function startAnalyzerStage(context: StageContext, analyzer: FrameAnalyzer | SpanAnalyzer, upstreamHash: string, units: number): StageStart {
  const stage = `analyzer:${analyzer.id}`;
  // v2: frame signals are stored over what their keyframes represent (./represented-span.ts).
  const configHash = hashStageConfig('analyzer-v2', analyzer.id, analyzer.configHash, upstreamHash);
  const key: StageKey = { videoId: context.videoId, contentHash: context.info.contentHash, stage, configHash };
  const done = beginStage(context.db, key, () => context.db.prepare('DELETE FROM signals WHERE video_id = ? AND stage = ?').run(context.videoId, stage));
  const summary: StageSummary = { stage, configHash, units, ran: 0, skipped: 0 };
  context.stages.push(summary);
  return { key, done, summary };
}

/**
 * Runs every frame analyzer unit by unit. With a `feed` it runs beside the keyframe stage, taking each
 * unit as it is stored; without one the keyframe stage has finished.
 */
export async function runFrameAnalyzerStages(context: StageContext, analyzers: readonly FrameAnalyzer[], keyframesHash: string, feed?: KeyframeFeed): Promise<void> {
  if (analyzers.length === 0) return;
  const expectedUnits = feed ? await feed.unitCount() : readKeyframeUnits(context).length;
  const runs: AnalyzerRun[] = analyzers.map((analyzer) => ({ ...startAnalyzerStage(context, analyzer, keyframesHash, expectedUnits), analyzer }));
  const progress = stageProgress(context, 'analyzers', expectedUnits * runs.length);
  let unitsSeen = 0;
  for await (const unit of keyframeUnits(context, feed)) {
    unitsSeen++;
    const pending = runs.filter((run) => !run.done.has(unit.unitIndex));
    for (const run of runs) if (run.done.has(unit.unitIndex)) {
      noteUnit(context, run.summary, unit.unitIndex, false);
      progress.advance();
    }
    // One decode per unit, at the largest size any analyzer wants; smaller sizes are shrunk from it in
    // memory (./shrink-frames.ts), which costs far less than decoding the GOPs again.
    const sizes = [...new Set(pending.map((run) => run.analyzer.frameMaxSide))].sort((a, b) => b - a);
    let largest: readonly Frame[] = [];
    for (const size of sizes) {
      throwIfAborted(context.signal);
      if (size === sizes[0]) largest = (await timed(context, 'analyzers:decode', () => decodeFrames(context.input, unit.times, { size, format: 'rgb', signal: context.signal, cache: context.cache }))).frames;
      const frames = size === sizes[0] ? largest : await timed(context, 'analyzers:shrink', () => shrinkRgbFrames(largest, size));
      for (const run of pending.filter((candidate) => candidate.analyzer.frameMaxSide === size)) {
        throwIfAborted(context.signal);
        const startedAt = performance.now();
        const analysed = await timed(context, run.key.stage, () => run.analyzer.analyzeFrames(frames as readonly Frame[], { video: context.input, span: unit.span, signal: context.signal }));
        const signals = analysed.map((found) => ({ ...found, span: representedSpan(found.span, unit.keyframes) }));
        // Stages run side by side: once any of them saw the ingest cancelled, nothing more is committed.
        throwIfAborted(context.signal);
        commitUnit(context.db, run.key, unit.unitIndex, startedAt, () =>
          insertSignals(context.db, { videoId: context.videoId, stage: run.key.stage, configHash: run.key.configHash, unitIndex: unit.unitIndex }, signals));
        context.framesAnalysed += frames.length;
        noteUnit(context, run.summary, unit.unitIndex, true);
        progress.advance();
      }
    }
  }
  // A unit the keyframe stage announced but stored no keyframe for is not an analyzer unit.
  for (const run of runs) {
    run.summary.units = unitsSeen;
    finishStage(context.db, run.key, unitsSeen);
  }
  progress.finish();
}

/** Fixed spans of `seconds` covering the video. */
export function spanUnits(duration: number, seconds: number): TimeSpan[] {
  const spans: TimeSpan[] = [];
  for (let start = 0; start < duration; start += seconds) spans.push({ start, end: Math.min(duration, start + seconds) });
  return spans;
}

/**
 * Runs every span analyzer over the same fixed spans, with its own stage, checkpoints and progress.
 * Analyzers that read the same decode (loudness and silence, ../../../perception/ffmpeg/audio-pass.ts)
 * share it when they ask for the same span close together, so: in parallel the analyzers go side by
 * side, each through its spans in order (they reach each span together, and one waiting for a
 * whole-video pass — scene cuts and motion share the segments stage's scene pass — holds up no other);
 * in one lane they go span by span, every analyzer on a span before the next span. A failure cancels the rest.
 */
export async function runSpanAnalyzerStages(
  context: StageContext,
  analyzers: readonly SpanAnalyzer[],
  unitSeconds: number,
  lanes: { parallel: boolean; cancel: (reason: unknown) => void } = { parallel: false, cancel: () => undefined },
): Promise<void> {
  const spans = spanUnits(context.info.duration, unitSeconds);
  const runs = analyzers.map((analyzer) => {
    const run = startAnalyzerStage(context, analyzer, `span-units-${unitSeconds}`, spans.length);
    return { ...run, analyzer, progress: stageProgress(context, run.key.stage, spans.length) };
  });
  const runUnit = async (run: (typeof runs)[number], unitIndex: number, span: TimeSpan): Promise<void> => {
    if (!run.done.has(unitIndex)) {
      throwIfAborted(context.signal);
      const startedAt = performance.now();
      const signals = await timed(context, run.key.stage, () => run.analyzer.analyzeSpan({ video: context.input, span, signal: context.signal }));
      throwIfAborted(context.signal);
      commitUnit(context.db, run.key, unitIndex, startedAt, () =>
        insertSignals(context.db, { videoId: context.videoId, stage: run.key.stage, configHash: run.key.configHash, unitIndex }, signals));
    }
    noteUnit(context, run.summary, unitIndex, !run.done.has(unitIndex));
    run.progress.advance();
  };
  const finish = (run: (typeof runs)[number]): void => {
    finishStage(context.db, run.key, spans.length);
    run.progress.finish();
  };
  if (!lanes.parallel) {
    for (const [unitIndex, span] of spans.entries()) for (const run of runs) await runUnit(run, unitIndex, span);
    runs.forEach(finish);
    return;
  }
  await runLanes(runs.map((run) => async () => {
    for (const [unitIndex, span] of spans.entries()) await runUnit(run, unitIndex, span);
    finish(run);
  }), lanes);
}
