/**
 * Stage `segments`: the video cut into shots (ffmpeg's scene score, src/media/scenes.ts, cached by
 * content hash) or into fixed chunks, written as one unit. Shot boundaries as `scene` signals come from
 * perception's `scenes` analyzer, so they are not written twice here.
 */

import { throwIfAborted } from '../../../core/errors.js';
import { detectSceneCuts } from '../../../media/scenes.js';
import { beginStage, commitUnit, finishStage, type StageKey } from '../checkpoints.js';
import { hashStageConfig } from '../config-hash.js';
import { noteUnit, stageProgress, type StageContext, type StageSummary } from '../stage-context.js';

export type SegmentationOptions =
  | { method: 'scenes'; /** Scene-change score, 0–1. Default 0.3. */ threshold?: number }
  | { method: 'chunks'; /** Chunk length in seconds. */ seconds: number };

export const segmentStageName = 'segments';

async function segmentBounds(context: StageContext, options: SegmentationOptions): Promise<number[]> {
  const duration = context.info.duration;
  if (options.method === 'chunks') {
    const bounds: number[] = [];
    for (let time = 0; time < duration; time += options.seconds) bounds.push(time);
    return [...bounds, duration];
  }
  const cuts = await detectSceneCuts(context.input, context.info, {
    threshold: options.threshold ?? 0.3,
    signal: context.signal,
    cache: context.cache,
    onProgress: context.onProgress,
  });
  return [0, ...cuts, duration];
}

export async function runSegmentStage(context: StageContext, options: SegmentationOptions): Promise<void> {
  const configHash = hashStageConfig('segments-v1', options.method === 'scenes' ? { method: 'scenes', threshold: options.threshold ?? 0.3 } : options);
  const key: StageKey = { videoId: context.videoId, contentHash: context.info.contentHash, stage: segmentStageName, configHash };
  const { db } = context;
  const done = beginStage(db, key, () => db.prepare('DELETE FROM segments WHERE video_id = ?').run(context.videoId));
  const summary: StageSummary = { stage: segmentStageName, configHash, units: 1, ran: 0, skipped: 0 };
  context.stages.push(summary);
  const progress = stageProgress(context, segmentStageName, 1);
  if (!done.has(0)) {
    const startedAt = performance.now();
    const bounds = (await segmentBounds(context, options)).filter((time, i, all) => i === 0 || time > all[i - 1]!);
    const kind = options.method === 'scenes' ? 'scene' : 'chunk';
    throwIfAborted(context.signal);
    commitUnit(db, key, 0, startedAt, () => {
      const insert = db.prepare(`INSERT INTO segments(video_id, segment_index, kind, start_time, end_time, config_hash) VALUES (?, ?, ?, ?, ?, ?)`);
      bounds.slice(0, -1).forEach((start, index) => insert.run(context.videoId, index, kind, start, bounds[index + 1]!, configHash));
    });
  }
  noteUnit(context, summary, 0, !done.has(0));
  progress.advance();
  finishStage(db, key, 1);
  progress.finish();
}
