/**
 * Memory mode for `ask` (DESIGN.md: "long videos go through memory mode"): when the video is in a
 * library store and the question is about more video than one request covers at the budget's density
 * (or the request asks for memory mode), the evidence comes only from the spans the store retrieves for
 * the question (retrieve-spans.ts), planned with shares of the budget (plan-retrieved-spans.ts), with the
 * store's on-screen text and transcript for those spans joining the evidence as untrusted text blocks.
 * Everything chosen — the spans, why each was retrieved, the density that triggered it — is recorded
 * for the result's `detail.memory`. A video that is not indexed, or a short one, keeps the direct path.
 */

import { NotFoundError } from '../../core/errors.js';
import { formatSpan, type TimeSpan } from '../../core/time.js';
import { signalsInSpan } from '../../memory/query/signals-in-span.js';
import { StoreError } from '../../memory/store/store-error.js';
import type { Store } from '../../memory/store/open-store.js';
import type { VideoRef } from '../../memory/query/hits.js';
import type { TranscriptSource, TranscriptSourceKind } from '../../plan/evidence.js';
import type { VisualPlan } from '../../plan/visual-plan.js';
import type { SignalKind } from '../../perception/signal.js';
import { planTaskEvidence } from '../direct-request.js';
import type { TaskContext, TaskRequest } from '../task.js';
import type { TaskRun } from '../task-run.js';
import { findIndexedVideo } from './indexed-video.js';
import { planRetrievedSpans } from './plan-retrieved-spans.js';
import { retrieveSpans, type RetrievedSpan } from './retrieve-spans.js';

/** Below this many frames per second over the asked span, one request is too thin a look (unless the budget sets `minDensity`). */
export const memoryModeMinDensity = 0.2;
/** Stored text lines sent at most per source, so a text-heavy span cannot crowd out the question. */
const maxCuesPerSource = 200;

export interface MemoryModeRecord {
  /** The store the spans came from. */
  store: string;
  /** Why memory mode ran: the request asked for it, or one request would cover the span too thinly. */
  reason: 'asked' | 'long-video';
  /** Frames per second the whole span would get in one request (null when memory mode was asked for). */
  wholeSpanDensity: number | null;
  /** The density below which memory mode runs. */
  minDensity: number;
  words: string[];
  labels: string[];
  visual: boolean;
  /** The spans planned, in time order, with why each was retrieved. */
  spans: RetrievedSpan[];
  /** Stored text lines added to the evidence, by source. */
  textLines: Partial<Record<TranscriptSourceKind, number>>;
}

export interface AskEvidence {
  /** The plan to send (memory mode, or the whole-span plan already made to decide); undefined: plan as usual. */
  plan?: VisualPlan;
  span: TimeSpan;
  transcript: TranscriptSource[];
  /** A line for the instruction saying which spans the images cover (memory mode only). */
  coverageNote?: string;
  memory: MemoryModeRecord | null;
  warnings: string[];
}

/** The evidence `ask` answers from: memory mode when it applies, otherwise what the direct path uses. */
export async function chooseAskEvidence(run: TaskRun, request: TaskRequest, context: TaskContext, maxOutputTokens: number): Promise<AskEvidence> {
  const direct: AskEvidence = { span: run.span, transcript: run.transcript, memory: null, warnings: [] };
  const setting = request.memory ?? 'auto';
  if (setting === 'never') return direct;
  let lookup: ReturnType<typeof findIndexedVideo>;
  try {
    lookup = findIndexedVideo(request.video, run.info.contentHash, context.library ? { library: context.library } : {});
  } catch (error) {
    // A store this reelm cannot read (damaged, newer, not yet migrated) must not stop a question the direct path can answer.
    if (setting === 'always' || !StoreError.isInstance(error)) throw error;
    return { ...direct, warnings: [`the library store could not be read, so the video was not looked up in it: ${error.message}`] };
  }
  if (!lookup.indexed) {
    if (setting === 'always') {
      throw new NotFoundError(`video ${request.video}`, `memory mode needs the video in a library; index it first (reelm index ${request.video}) or pass the library that holds it.${lookup.warnings.length > 0 ? ` ${lookup.warnings.join(' ')}` : ''}`);
    }
    return { ...direct, warnings: lookup.warnings };
  }
  const { store, video, stagesPending } = lookup.indexed;
  try {
    const warnings = stagesPending.length > 0 ? [`the index of ${request.video} is incomplete (${stagesPending.join(', ')} not finished); retrieval used what is stored.`] : [];
    const minDensity = request.budget?.minDensity ?? memoryModeMinDensity;
    let wholePlan: VisualPlan | undefined;
    if (setting === 'auto') {
      wholePlan = await planTaskEvidence(run.info, run.span, request, context, maxOutputTokens, run.query);
      if (wholePlan.estimate.density >= minDensity) return { ...direct, plan: wholePlan };
    }
    // A multiple-choice question's options name what to look for as much as the question does.
    const retrievalQuery = [run.query, ...(request.choices ?? [])].join('\n');
    const retrieval = await retrieveSpans(store, video, retrievalQuery, {
      within: run.span,
      ...(context.embedder ? { embedder: context.embedder } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    warnings.push(...retrieval.warnings);
    if (retrieval.spans.length === 0) {
      warnings.push('memory mode: nothing in the index matched the question (its words, the objects it names); the evidence covers the whole span instead.');
      return { ...direct, ...(wholePlan ? { plan: wholePlan } : {}), warnings };
    }
    const planned = await planRetrievedSpans(run.info, retrieval.spans, request, context, maxOutputTokens, run.query);
    const stored = storedText(store, video, planned.spans.map((entry) => entry.span), run.transcript.length > 0);
    const record: MemoryModeRecord = {
      store: store.file,
      reason: setting === 'always' ? 'asked' : 'long-video',
      wholeSpanDensity: wholePlan?.estimate.density ?? null,
      minDensity,
      words: retrieval.words,
      labels: retrieval.labels,
      visual: retrieval.visual,
      spans: planned.spans,
      textLines: Object.fromEntries(stored.map((source) => [source.source, source.cues.length])),
    };
    return {
      plan: planned.plan,
      span: planned.plan.span,
      transcript: [...run.transcript, ...stored],
      coverageNote: `The images show only the parts of the video an index matched to the question: ${planned.spans.map((entry) => formatSpan(entry.span)).join(', ')}.`,
      memory: record,
      warnings,
    };
  } finally {
    store.close();
  }
}

/** The store's on-screen text and transcript in the spans (subtitles only when none were loaded from files), one source each. */
function storedText(store: Store, video: VideoRef, spans: readonly TimeSpan[], haveSubtitles: boolean): TranscriptSource[] {
  const sources: Array<{ source: TranscriptSourceKind; kinds: SignalKind[] }> = [
    { source: 'on-screen text', kinds: ['text'] },
    { source: 'transcript', kinds: ['speech'] },
    ...(haveSubtitles ? [] : [{ source: 'subtitles' as const, kinds: ['subtitle'] as SignalKind[] }]),
  ];
  return sources.flatMap(({ source, kinds }) => {
    const seen = new Set<number>();
    const cues = spans.flatMap((span) => signalsInSpan(store, video.id, kinds, span))
      .filter((hit) => !seen.has(hit.id) && seen.add(hit.id) !== undefined)
      .sort((a, b) => a.span.start - b.span.start)
      .slice(0, maxCuesPerSource)
      .map((hit) => ({ start: hit.span.start, end: hit.span.end, text: String(hit.value) }));
    return cues.length > 0 ? [{ source, cues }] : [];
  });
}
