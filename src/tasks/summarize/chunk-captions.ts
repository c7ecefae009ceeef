/**
 * The first half of the hierarchical summary (ViSMaP-style): cut the span into chunks, caption each
 * chunk through the direct path (concurrently, with progress), and keep every caption in the core
 * artifact cache under the video's content hash, keyed by the chunk's span, the model (id and
 * endpoint), the prompt text and the evidence settings (budget, strategy, output cap). A record names
 * the model that wrote it, so a second summary reuses it and the video store can import it.
 */

import { createHash } from 'node:crypto';
import type { ArtifactCache } from '../../core/artifact-cache.js';
import { throwIfAborted } from '../../core/errors.js';
import { StageProgress } from '../../core/progress.js';
import type { TimeSpan } from '../../core/time.js';
import { defaultArtifactCache } from '../../media/probe.js';
import type { VideoInfo } from '../../media/video-info.js';
import type { ModelEndpoint } from '../../models/language-model.js';
import type { TranscriptSource } from '../../plan/evidence.js';
import type { VisualPlan } from '../../plan/visual-plan.js';
import { runDirectRequest } from '../direct-request.js';
import { chunkCaptionPrompt } from '../prompts/summarize-prompt.js';
import type { TaskContext, TaskRequest } from '../task.js';
import type { EvidenceTime } from '../task-result.js';
import type { UsageMeter } from '../task-usage.js';

/** The artifact-cache namespace of chunk captions (the video store reads it). */
export const chunkCaptionNamespace = 'chunk-captions';
const recordVersion = 1;
/** Chunks captioned at once; the model's own concurrency limit still applies. */
const chunkConcurrency = 4;
export const chunkCaptionOutputTokens = 384;

/** What the cache keeps for one chunk. */
export interface ChunkCaptionRecord {
  version: number;
  span: TimeSpan;
  caption: string;
  /** The model that wrote the caption. */
  model: ModelEndpoint & { id: string };
  /** SHA-256 of the prompt text (question and instruction). */
  promptSha256: string;
  evidence: EvidenceTime[];
  writtenAt: string;
}

export interface CaptionedChunk {
  span: TimeSpan;
  caption: string;
  /** True when the caption came from the artifact cache (no request was made). */
  cached: boolean;
  model: ModelEndpoint & { id: string };
  /** The chunk's plan; null when the caption came from the cache. */
  plan: VisualPlan | null;
  evidence: EvidenceTime[];
}

/** Chunks of about `chunkSeconds`; a last piece shorter than a quarter chunk joins the one before. */
export function cutChunks(span: TimeSpan, chunkSeconds: number): TimeSpan[] {
  const chunks: TimeSpan[] = [];
  for (let start = span.start; start < span.end - 1e-9; start += chunkSeconds) chunks.push({ start, end: Math.min(span.end, start + chunkSeconds) });
  const last = chunks.at(-1);
  if (chunks.length > 1 && last !== undefined && last.end - last.start < chunkSeconds / 4) {
    chunks.pop();
    chunks[chunks.length - 1] = { start: chunks.at(-1)!.start, end: last.end };
  }
  return chunks;
}

/** The cache key of one chunk caption: everything that changes what the model is sent or which model answers. */
export function chunkCaptionKey(span: TimeSpan, model: { id: string; endpoint: ModelEndpoint }, promptSha256: string, request: TaskRequest): string {
  const budget = request.budget ?? {};
  return JSON.stringify({
    version: recordVersion,
    span: [span.start.toFixed(3), span.end.toFixed(3)],
    model: { id: model.id, provider: model.endpoint.provider, modelId: model.endpoint.modelId, baseURL: model.endpoint.baseURL ?? null, engine: model.endpoint.engine ?? null, revision: model.endpoint.revision ?? null },
    prompt: promptSha256,
    evidence: { maxVisualTokens: budget.maxVisualTokens ?? null, maxImages: budget.maxImages ?? null, maxUsd: budget.maxUsd ?? null, strategy: request.strategy ?? 'auto', subtitles: request.subtitles !== false },
  });
}

export interface CaptionChunksInput {
  info: VideoInfo;
  chunks: TimeSpan[];
  request: TaskRequest;
  context: TaskContext;
  transcript: TranscriptSource[];
  usage: UsageMeter;
}

/**
 * Captions every chunk, reading and writing the artifact cache, up to four at a time.
 * @example const captioned = await captionChunks({ info, chunks: cutChunks(span, 60), request, context, transcript, usage });
 */
export async function captionChunks(input: CaptionChunksInput): Promise<{ chunks: CaptionedChunk[]; warnings: string[] }> {
  const { info, request, context } = input;
  const cache: ArtifactCache | null = context.cache === undefined ? defaultArtifactCache() : context.cache;
  const style = context.model.profile.timestampStyle;
  const progress = new StageProgress('caption chunks', input.chunks.length, context.onProgress);
  const results: CaptionedChunk[] = new Array(input.chunks.length);
  const warnings: string[] = [];
  let next = 0;

  const captionOne = async (index: number): Promise<void> => {
    const span = input.chunks[index]!;
    const prompt = chunkCaptionPrompt(span, style);
    const promptSha256 = createHash('sha256').update(`${prompt.question}\n${prompt.instruction}`).digest('hex');
    const key = chunkCaptionKey(span, context.model, promptSha256, request);
    const stored = cache ? await cache.getJson<ChunkCaptionRecord>(info.contentHash, chunkCaptionNamespace, key) : undefined;
    if (stored && stored.version === recordVersion) {
      results[index] = { span, caption: stored.caption, cached: true, model: stored.model, plan: null, evidence: stored.evidence };
      return;
    }
    const outcome = await runDirectRequest({
      info, span, request: { ...request, maxOutputTokens: chunkCaptionOutputTokens }, context, transcript: input.transcript, prompt,
      defaultMaxOutputTokens: chunkCaptionOutputTokens, stream: false,
    });
    input.usage.add(outcome.response, outcome.plan);
    warnings.push(...outcome.warnings.map((warning) => `chunk ${index + 1}: ${warning}`));
    const model = { ...outcome.response.endpoint, id: context.model.id };
    const caption = outcome.response.text.trim();
    results[index] = { span, caption, cached: false, model, plan: outcome.plan, evidence: outcome.evidence };
    // An empty or cut-off caption is not worth keeping: the next summary should ask again.
    if (cache && caption !== '' && outcome.response.finishReason !== 'length') {
      const record: ChunkCaptionRecord = { version: recordVersion, span, caption, model, promptSha256, evidence: outcome.evidence, writtenAt: new Date().toISOString() };
      await cache.putJson(info.contentHash, chunkCaptionNamespace, key, record);
    }
  };

  const worker = async (): Promise<void> => {
    while (next < input.chunks.length) {
      throwIfAborted(context.signal);
      const index = next++;
      await captionOne(index);
      progress.advance();
    }
  };
  await Promise.all(Array.from({ length: Math.min(chunkConcurrency, input.chunks.length) }, worker));
  progress.finish();
  return { chunks: results, warnings };
}
