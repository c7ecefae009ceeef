/**
 * Stage `embeddings`, when an embedder is configured: one image vector per stored keyframe (from its
 * thumbnail), unit by unit over the keyframe groups, into the embedder's sqlite-vec table.
 */

import { throwIfAborted } from '../../../core/errors.js';
import type { Embedder } from '../../../models/embedder.js';
import { ensureEmbeddingSpace, fullVectorTable, prepareVectorInsert } from '../../store/embedding-space.js';
import { beginStage, commitUnit, finishStage, type StageKey } from '../checkpoints.js';
import { hashStageConfig } from '../config-hash.js';
import { noteUnit, stageProgress, type StageContext, type StageSummary } from '../stage-context.js';

export const embeddingStageName = 'embeddings';

export async function runEmbeddingStage(context: StageContext, embedder: Embedder, keyframesHash: string): Promise<void> {
  const { db } = context;
  const space = ensureEmbeddingSpace(db, embedder.id, embedder.dimensions);
  const stage = `${embeddingStageName}:${embedder.id}`;
  const configHash = hashStageConfig('embeddings-v1', embedder.id, embedder.dimensions, keyframesHash);
  const key: StageKey = { videoId: context.videoId, contentHash: context.info.contentHash, stage, configHash };
  const done = beginStage(db, key, () => {
    db.prepare(`DELETE FROM ${space.tableName} WHERE keyframe_id IN (SELECT id FROM keyframes WHERE video_id = ?)`).run(context.videoId);
    db.prepare(`DELETE FROM ${fullVectorTable(space)} WHERE video_id = ?`).run(context.videoId);
  });
  const units = db.prepare('SELECT DISTINCT unit_index AS unitIndex FROM keyframes WHERE video_id = ? ORDER BY unit_index')
    .all(context.videoId) as Array<{ unitIndex: number }>;
  const summary: StageSummary = { stage, configHash, units: units.length, ran: 0, skipped: 0 };
  context.stages.push(summary);
  const progress = stageProgress(context, stage, units.length);
  const readUnit = db.prepare('SELECT id, thumbnail FROM keyframes WHERE video_id = ? AND unit_index = ? ORDER BY time');
  const insert = prepareVectorInsert(db, space);
  for (const { unitIndex } of units) {
    if (!done.has(unitIndex)) {
      throwIfAborted(context.signal);
      const startedAt = performance.now();
      const keyframes = readUnit.all(context.videoId, unitIndex) as Array<{ id: number; thumbnail: Buffer }>;
      const vectors = await embedder.embedImages(keyframes.map((keyframe) => keyframe.thumbnail), { signal: context.signal });
      commitUnit(db, key, unitIndex, startedAt, () => {
        keyframes.forEach((keyframe, i) => insert(keyframe.id, context.videoId, vectors[i]!));
      });
    }
    noteUnit(context, summary, unitIndex, !done.has(unitIndex));
    progress.advance();
  }
  finishStage(db, key, units.length);
  progress.finish();
}
