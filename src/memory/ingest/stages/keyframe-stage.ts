/**
 * Stage `keyframes`: the distinct frames the analyzers will look at, chosen by a media sampler (`dedup`
 * collapses runs of near-identical frames; `scenes` takes frames per shot), optionally thinned per
 * segment (./thin-keyframes.ts), stored with a JPEG thumbnail and a perceptual hash. Units are consecutive groups of sampled times; analyzers and embeddings later
 * work unit by unit over the same groups, so their unit numbers line up with these.
 */

import { decodeFrames } from '../../../media/decode/decode-frames.js';
import { sampleTimes, type SampledTime } from '../../../media/samplers/index.js';
import { throwIfAborted } from '../../../core/errors.js';
import { beginStage, commitUnit, finishStage, type StageKey } from '../checkpoints.js';
import { hashStageConfig } from '../config-hash.js';
import { differenceHash } from '../perceptual-hash.js';
import { noteUnit, stageProgress, timed, type StageContext, type StageSummary } from '../stage-context.js';
import { shrinkRgbFrames } from './shrink-frames.js';
import { thinKeyframes, type KeyframeThinning } from './thin-keyframes.js';
import type { KeyframeFeed } from './keyframe-feed.js';
import type { Frame } from '../../../media/frame.js';
import { encodeRawImage } from '../../../media/images.js';

export interface KeyframeOptions {
  /** A media sampler id: `dedup` (default) or `scenes`, or any other registered sampler. */
  sampler: string;
  /** The sampler's options, e.g. `{ fps: 1, threshold: 6 }` for dedup. */
  samplerOptions?: Record<string, unknown>;
  /** Longest side of stored thumbnails. Default 320. */
  thumbnailSize?: number;
  /** Frames per unit. Default 16. */
  unitSize?: number;
  /**
   * The largest frame size the frame analyzers will decode (their `frameMaxSide`). When given and larger
   * than the thumbnails, frames are decoded once at this size (raw RGB, which the decoder's frame cache
   * keeps) and the thumbnails are shrunk from them, so the analyzers' decode of the same frames is a
   * cache hit instead of a second decode of every GOP.
   */
  analysisSize?: number;
  /** Fewer frames per segment (./thin-keyframes.ts); absent or `null`: every sampled time is kept. */
  thinning?: KeyframeThinning | null;
}

export const keyframeStageName = 'keyframes';

function toUnits<Item>(items: readonly Item[], size: number): Item[][] {
  const units: Item[][] = [];
  for (let i = 0; i < items.length; i += size) units.push(items.slice(i, i + size));
  return units;
}

/** The unit's frames as JPEG thumbnails; decoded at `analysisSize` and shrunk when that is larger (see `analysisSize`). */
async function decodeThumbnails(context: StageContext, times: number[], thumbnailSize: number, analysisSize: number): Promise<Frame[]> {
  const common = { signal: context.signal, cache: context.cache };
  if (analysisSize <= thumbnailSize) {
    return (await decodeFrames(context.input, times, { size: thumbnailSize, format: 'jpeg', quality: 80, ...common })).frames;
  }
  const { frames } = await decodeFrames(context.input, times, { size: analysisSize, format: 'rgb', ...common });
  const small = await shrinkRgbFrames(frames, thumbnailSize);
  return Promise.all(small.map(async (frame): Promise<Frame> => ({
    ...frame,
    image: await encodeRawImage(frame.image, frame.width, frame.height, 3, { format: 'jpeg', quality: 80 }),
    format: 'jpeg',
  })));
}

/** Start times of the stored segments, ascending (the segments stage runs first). */
function segmentStarts(context: StageContext): number[] {
  const rows = context.db.prepare('SELECT start_time AS start FROM segments WHERE video_id = ? ORDER BY start_time')
    .all(context.videoId) as Array<{ start: number }>;
  return rows.map((row) => row.start);
}

/**
 * Runs the stage and returns its config hash, which every stage reading keyframes folds into its own.
 * `segmentsReady` is the segments stage still running: the times are sampled meanwhile, and only the
 * thinning, which reads the segments, waits for it.
 */
export async function runKeyframeStage(context: StageContext, options: KeyframeOptions, segmentsReady?: Promise<void>, feed?: KeyframeFeed): Promise<string> {
  try {
    return await runStage(context, options, segmentsReady, feed);
  } catch (error) {
    feed?.fail(error);
    throw error;
  }
}

/** The stage's config hash, known before it runs (the frame analyzers fold it into theirs). */
export function keyframeStageHash(options: KeyframeOptions): string {
  const thumbnailSize = options.thumbnailSize ?? 320;
  const unitSize = Math.max(1, Math.round(options.unitSize ?? 16));
  const thinning = options.thinning ?? null;
  // `analysisSize` is left out: it changes how thumbnails are made, not which frames they show, and it
  // follows the analyzer selection, which must not re-run the keyframes. Without thinning the hash is what it was before thinning existed, so those stores do not re-run.
  return thinning
    ? hashStageConfig('keyframes-v1', options.sampler, options.samplerOptions ?? {}, thumbnailSize, unitSize, thinning)
    : hashStageConfig('keyframes-v1', options.sampler, options.samplerOptions ?? {}, thumbnailSize, unitSize);
}

async function runStage(context: StageContext, options: KeyframeOptions, segmentsReady: Promise<void> | undefined, feed: KeyframeFeed | undefined): Promise<string> {
  const thumbnailSize = options.thumbnailSize ?? 320;
  const unitSize = Math.max(1, Math.round(options.unitSize ?? 16));
  const thinning = options.thinning ?? null;
  const configHash = keyframeStageHash(options);
  const key: StageKey = { videoId: context.videoId, contentHash: context.info.contentHash, stage: keyframeStageName, configHash };
  const { db } = context;
  const done = beginStage(db, key, () => db.prepare('DELETE FROM keyframes WHERE video_id = ?').run(context.videoId));
  const summary: StageSummary = { stage: keyframeStageName, configHash, units: 0, ran: 0, skipped: 0 };
  context.stages.push(summary);

  const stageRow = db.prepare('SELECT done, unit_count AS unitCount FROM ingest_stages WHERE video_id = ? AND stage = ?')
    .get(context.videoId, keyframeStageName) as { done: number; unitCount: number | null };
  if (stageRow.done === 1 && stageRow.unitCount !== null) {
    // Finished before: nothing to sample or decode.
    await segmentsReady;
    summary.units = stageRow.unitCount;
    feed?.announceCount(stageRow.unitCount);
    for (let unit = 0; unit < stageRow.unitCount; unit++) {
      noteUnit(context, summary, unit, false);
      feed?.announceUnit(unit);
    }
    return configHash;
  }

  const sampled: SampledTime[] = await timed(context, 'keyframes:sample', () => sampleTimes(options.sampler, options.samplerOptions ?? {}, {
    input: context.input,
    info: context.info,
    signal: context.signal,
    cache: context.cache,
    onProgress: context.onProgress,
  }));
  await segmentsReady;
  const units = toUnits(thinning ? thinKeyframes(sampled, segmentStarts(context), thinning) : sampled, unitSize);
  summary.units = units.length;
  feed?.announceCount(units.length);
  const progress = stageProgress(context, keyframeStageName, units.length);
  const insert = db.prepare(`INSERT OR IGNORE INTO keyframes(video_id, time, represents_start, represents_end, width, height, thumbnail,
      perceptual_hash, config_hash, unit_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const [unitIndex, unit] of units.entries()) {
    if (done.has(unitIndex)) {
      noteUnit(context, summary, unitIndex, false);
      feed?.announceUnit(unitIndex);
      progress.advance();
      continue;
    }
    throwIfAborted(context.signal);
    const startedAt = performance.now();
    const frames = await timed(context, 'keyframes:decode', () => decodeThumbnails(context, unit.map((sample) => sample.time), thumbnailSize, options.analysisSize ?? 0));
    const hashes = await timed(context, 'keyframes:hash', () => Promise.all(frames.map((frame) => differenceHash(frame.image))));
    // Matched by the time asked for, not by position, in case the decoder returns fewer frames than times.
    const representsByTime = new Map(unit.map((sample) => [sample.time, sample.represents]));
    // Stages run side by side: once any of them saw the ingest cancelled, nothing more is committed.
    throwIfAborted(context.signal);
    commitUnit(db, key, unitIndex, startedAt, () => {
      frames.forEach((frame, i) => {
        const represents = representsByTime.get(frame.requestedTime) ?? { start: frame.time, end: frame.time };
        insert.run(context.videoId, frame.time, Math.min(represents.start, frame.time), Math.max(represents.end, frame.time),
          frame.width, frame.height, frame.image, hashes[i]!, configHash, unitIndex);
      });
    });
    noteUnit(context, summary, unitIndex, true);
    feed?.announceUnit(unitIndex);
    progress.advance();
  }
  finishStage(db, key, units.length);
  progress.finish();
  return configHash;
}
