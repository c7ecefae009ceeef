/**
 * The chunk captions the summarize task left in the core artifact cache, read back for the caption
 * stage. Memory sits below tasks, so it does not import their code: it lists the cache's
 * `chunk-captions` namespace of the video (the folder layout is the artifact cache's documented one) and
 * checks every record against its own schema of what summarize stores (src/tasks/summarize/chunk-captions.ts,
 * `ChunkCaptionRecord`, version 1). A record that does not fit — another version, a damaged file — is
 * skipped, never trusted.
 *
 * Which records apply (the import rule):
 * - the same model: the record's `provider:model` id equals the caption model's, and where both name a
 *   revision, the same revision. The serving address is not compared: one model is often served from
 *   several addresses (the oracle takes a new loopback port in every process).
 * - a chunk covers a segment when its span contains the segment's, within `coverToleranceSeconds` at
 *   either end (less than a frame at 20 fps, for rounding). A segment that straddles two chunks is not
 *   covered: neither caption speaks for all of it, so the model captions it.
 * - of several covering chunks, the shortest (most specific), then the latest written, then by text.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ArtifactCache } from '../../../core/artifact-cache.js';
import type { TimeSpan } from '../../../core/time.js';
import type { LanguageModel } from '../../../models/language-model.js';

/** The artifact-cache namespace summarize writes chunk captions to (its `chunkCaptionNamespace`). */
export const chunkCaptionsNamespace = 'chunk-captions';
export const coverToleranceSeconds = 0.05;

const storedChunkCaption = z.object({
  version: z.literal(1),
  span: z.object({ start: z.number().finite(), end: z.number().finite() }).refine((span) => span.end > span.start),
  caption: z.string().trim().min(1),
  model: z.object({
    id: z.string().min(1),
    provider: z.string(),
    modelId: z.string(),
    baseURL: z.string().optional(),
    engine: z.string().optional(),
    revision: z.string().optional(),
  }),
  promptSha256: z.string(),
  writtenAt: z.string(),
});

export type CachedChunkCaption = z.infer<typeof storedChunkCaption>;

/** Every valid chunk-caption record cached for a video (any model); none when the cache is off or empty. */
export async function readCachedChunkCaptions(cache: ArtifactCache | null, contentHash: string): Promise<CachedChunkCaption[]> {
  if (!cache || !cache.enabled) return [];
  const folder = path.join(cache.videoDir(contentHash), chunkCaptionsNamespace);
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: CachedChunkCaption[] = [];
  for (const name of names) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await fs.readFile(path.join(folder, name), 'utf8'));
    } catch {
      continue; // a damaged or vanished entry is a miss, as the cache itself treats it
    }
    const result = storedChunkCaption.safeParse(parsed);
    if (result.success) records.push(result.data);
  }
  return records;
}

/** True when the record was written by `model` (see the rule above). */
export function writtenBy(record: CachedChunkCaption, model: Pick<LanguageModel, 'id' | 'endpoint'>): boolean {
  if (record.model.id !== model.id) return false;
  const revision = model.endpoint.revision;
  return record.model.revision === undefined || revision === undefined || record.model.revision === revision;
}

export function covers(chunk: TimeSpan, segment: TimeSpan): boolean {
  return chunk.start <= segment.start + coverToleranceSeconds && chunk.end >= segment.end - coverToleranceSeconds;
}

export interface SegmentCover {
  chunk: CachedChunkCaption;
  /**
   * True for the first segment (in time order) this chunk covers: that segment's unit stores the chunk's
   * caption, once, over the chunk's own span; the chunk's other segments store nothing, since the caption
   * already speaks for them. Decided from the segments and records alone, so a resumed stage agrees.
   */
  stores: boolean;
}

/** For each segment index, the cached chunk caption covering it, when there is one. */
export function coverSegments(segments: ReadonlyArray<{ index: number; span: TimeSpan }>, records: readonly CachedChunkCaption[]): Map<number, SegmentCover> {
  const covered = new Map<number, SegmentCover>();
  const storedBy = new Set<CachedChunkCaption>();
  for (const segment of [...segments].sort((a, b) => a.span.start - b.span.start || a.index - b.index)) {
    const [best] = records
      .filter((record) => covers(record.span, segment.span))
      .sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start)
        || b.writtenAt.localeCompare(a.writtenAt)
        || a.caption.localeCompare(b.caption));
    if (!best) continue;
    covered.set(segment.index, { chunk: best, stores: !storedBy.has(best) });
    storedBy.add(best);
  }
  return covered;
}
