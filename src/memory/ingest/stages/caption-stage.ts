/**
 * Stage `captions`, when a caption model is configured: one unit per segment (runs of segments shorter
 * than 2 s are joined, ../captions/caption-spans.ts), each a short caption of the segment written by the
 * model from a few of its frames (../captions/caption-segment.ts), stored as a `caption` signal with the
 * model that wrote it. Before asking the model, the chunk captions the
 * summarize task left in the artifact cache for this video and this model are looked up; a segment one
 * of them covers costs no request (../captions/cached-chunk-captions.ts states the rule).
 *
 * The config hash holds the model id (and revision), the prompt version, the sampling and the segments'
 * hash: another model or prompt re-captions, and only this stage; an unchanged video costs nothing; a
 * killed stage resumes at the next segment, since each caption commits with its unit's checkpoint.
 */

import { throwIfAborted } from '../../../core/errors.js';
import type { LanguageModel } from '../../../models/language-model.js';
import { beginStage, commitUnit, finishStage, type StageKey } from '../checkpoints.js';
import { hashStageConfig } from '../config-hash.js';
import { noteUnit, stageProgress, type StageContext, type StageSummary } from '../stage-context.js';
import { coverSegments, readCachedChunkCaptions, writtenBy, type SegmentCover } from '../captions/cached-chunk-captions.js';
import { captionPromptVersion } from '../captions/caption-prompt.js';
import { captionSegment, defaultCaptionSampling, type CaptionSampling } from '../captions/caption-segment.js';
import { captionSpans } from '../captions/caption-spans.js';
import { writeCaption, type CaptionWrite } from '../captions/write-caption.js';
import { segmentStageName } from './segment-stage.js';

export const captionStageName = 'captions';

interface SegmentRow {
  index: number;
  span: { start: number; end: number };
}

export async function runCaptionStage(context: StageContext, model: LanguageModel, sampling: CaptionSampling = defaultCaptionSampling): Promise<void> {
  throwIfAborted(context.signal);
  const { db } = context;
  const segments = db.prepare(`SELECT segment_index AS segmentIndex, start_time AS start, end_time AS end FROM segments
    WHERE video_id = ? ORDER BY segment_index`).all(context.videoId) as Array<{ segmentIndex: number; start: number; end: number }>;
  const segmentsHash = (db.prepare('SELECT config_hash AS configHash FROM ingest_stages WHERE video_id = ? AND stage = ?')
    .get(context.videoId, segmentStageName) as { configHash: string } | undefined)?.configHash ?? null;
  const configHash = hashStageConfig('captions-v1', { model: model.id, revision: model.endpoint.revision ?? null }, captionPromptVersion,
    { strategy: sampling.strategy, maxImages: sampling.maxImages, maxOutputTokens: sampling.maxOutputTokens, minSpanSeconds: sampling.minSpanSeconds }, segmentsHash);
  const key: StageKey = { videoId: context.videoId, contentHash: context.info.contentHash, stage: captionStageName, configHash };
  const done = beginStage(db, key, () => db.prepare('DELETE FROM signals WHERE video_id = ? AND stage = ?').run(context.videoId, captionStageName));
  const rows: SegmentRow[] = captionSpans(segments.map((segment) => ({ index: segment.segmentIndex, span: { start: segment.start, end: segment.end } })), sampling.minSpanSeconds);
  const summary: StageSummary = { stage: captionStageName, configHash, units: rows.length, ran: 0, skipped: 0 };
  context.stages.push(summary);
  const progress = stageProgress(context, captionStageName, rows.length);

  const anyPending = rows.some((row) => !done.has(row.index));
  const records = anyPending ? (await readCachedChunkCaptions(context.cache, context.info.contentHash)).filter((record) => writtenBy(record, model)) : [];
  const covered = coverSegments(rows, records);

  for (const row of rows) {
    if (!done.has(row.index)) {
      throwIfAborted(context.signal);
      const startedAt = performance.now();
      const caption = await captionFor(context, model, sampling, row, covered.get(row.index));
      commitUnit(db, key, row.index, startedAt, () => {
        if (caption) writeCaption(db, { videoId: context.videoId, stage: captionStageName, configHash, unitIndex: row.index }, caption);
      });
    }
    noteUnit(context, summary, row.index, !done.has(row.index));
    progress.advance();
  }
  finishStage(db, key, rows.length);
  progress.finish();
}

/** The caption a segment's unit stores: imported, asked of the model, or none (covered by a chunk stored with an earlier segment, or an empty answer). */
async function captionFor(context: StageContext, model: LanguageModel, sampling: CaptionSampling, row: SegmentRow, cover: SegmentCover | undefined): Promise<CaptionWrite | undefined> {
  if (cover) {
    if (!cover.stores) return undefined;
    const { chunk } = cover;
    return { text: chunk.caption.trim(), span: chunk.span, model: chunk.model, source: 'chunk-captions cache', writtenAt: chunk.writtenAt };
  }
  const { response } = await captionSegment({ info: context.info, span: row.span, model, sampling, cache: context.cache, ...(context.signal ? { signal: context.signal } : {}) });
  const text = response.text.trim();
  if (text === '') return undefined;
  return { text, span: row.span, model: { ...response.endpoint, id: model.id }, source: 'model', writtenAt: new Date().toISOString() };
}
