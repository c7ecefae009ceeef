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
import { noteUnit, stageProgress, type StageContext, type StageSummary } from '../stage-context.js';
import { insertSignals } from '../write-signals.js';
import { shrinkRgbFrames } from './shrink-frames.js';
import { representedSpan, type RepresentingKeyframe } from './represented-span.js';

export interface KeyframeUnit {
  unitIndex: number;
  times: number[];
  /** What each keyframe stands for, in the order of `times`. */
  keyframes: RepresentingKeyframe[];
  span: TimeSpan;
}

/** The stored keyframes of a video grouped by unit, in time order. */
export function readKeyframeUnits(context: StageContext): KeyframeUnit[] {
  const rows = context.db.prepare(`SELECT unit_index AS unitIndex, time, represents_start AS start, represents_end AS end
    FROM keyframes WHERE video_id = ? ORDER BY unit_index, time`).all(context.videoId) as Array<{ unitIndex: number; time: number; start: number; end: number }>;
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

export async function runFrameAnalyzerStages(context: StageContext, analyzers: readonly FrameAnalyzer[], keyframesHash: string): Promise<void> {
  if (analyzers.length === 0) return;
  const units = readKeyframeUnits(context);
  const runs: AnalyzerRun[] = analyzers.map((analyzer) => ({ ...startAnalyzerStage(context, analyzer, keyframesHash, units.length), analyzer }));
  const progress = stageProgress(context, 'analyzers', units.length * runs.length);
  for (const unit of units) {
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
      if (size === sizes[0]) largest = (await decodeFrames(context.input, unit.times, { size, format: 'rgb', signal: context.signal, cache: context.cache })).frames;
      const frames = size === sizes[0] ? largest : await shrinkRgbFrames(largest, size);
      for (const run of pending.filter((candidate) => candidate.analyzer.frameMaxSide === size)) {
        throwIfAborted(context.signal);
        const startedAt = performance.now();
        const analysed = await run.analyzer.analyzeFrames(frames as readonly Frame[], { video: context.input, span: unit.span, signal: context.signal });
        const signals = analysed.map((found) => ({ ...found, span: representedSpan(found.span, unit.keyframes) }));
        commitUnit(context.db, run.key, unit.unitIndex, startedAt, () =>
          insertSignals(context.db, { videoId: context.videoId, stage: run.key.stage, configHash: run.key.configHash, unitIndex: unit.unitIndex }, signals));
        context.framesAnalysed += frames.length;
        noteUnit(context, run.summary, unit.unitIndex, true);
        progress.advance();
      }
    }
  }
  for (const run of runs) finishStage(context.db, run.key, units.length);
  progress.finish();
}

/** Fixed spans of `seconds` covering the video. */
export function spanUnits(duration: number, seconds: number): TimeSpan[] {
  const spans: TimeSpan[] = [];
  for (let start = 0; start < duration; start += seconds) spans.push({ start, end: Math.min(duration, start + seconds) });
  return spans;
}

export async function runSpanAnalyzerStages(context: StageContext, analyzers: readonly SpanAnalyzer[], unitSeconds: number): Promise<void> {
  const spans = spanUnits(context.info.duration, unitSeconds);
  for (const analyzer of analyzers) {
    const run = startAnalyzerStage(context, analyzer, `span-units-${unitSeconds}`, spans.length);
    const progress = stageProgress(context, run.key.stage, spans.length);
    for (const [unitIndex, span] of spans.entries()) {
      if (!run.done.has(unitIndex)) {
        throwIfAborted(context.signal);
        const startedAt = performance.now();
        const signals = await analyzer.analyzeSpan({ video: context.input, span, signal: context.signal });
        commitUnit(context.db, run.key, unitIndex, startedAt, () =>
          insertSignals(context.db, { videoId: context.videoId, stage: run.key.stage, configHash: run.key.configHash, unitIndex }, signals));
      }
      noteUnit(context, run.summary, unitIndex, !run.done.has(unitIndex));
      progress.advance();
    }
    finishStage(context.db, run.key, spans.length);
    progress.finish();
  }
}
