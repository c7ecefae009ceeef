/**
 * Memory-mode retrieval: the spans of an indexed video worth looking at for a question, each with the
 * reasons it was picked. Three sources, each read through the store's query API:
 * - text search over every text signal (on-screen text, subtitles, transcript, captions) for the
 *   question's content words, any of them;
 * - detector labels the question names ("people" → `person`, "dogs" → `dog`);
 * - keyframes nearest the question in the embedder's space, when an embedder is configured and the
 *   store holds its embeddings.
 * A signal's span is first mapped to the frames its keyframes stand for (keyframe-spans.ts). Each source's scores are scaled to 0–1 by its best hit (BM25, detector scores and cosine similarities
 * are not comparable), hits are widened by a margin so the model sees what leads up to them, overlapping
 * ones are merged with their scores added, and the best few spans are kept, in time order.
 */

import { formatTime, type TimeSpan } from '../../core/time.js';
import { searchText } from '../../memory/query/search-text.js';
import { searchVisual } from '../../memory/query/nearest-keyframes.js';
import { objectsByLabel } from '../../memory/query/signals-in-span.js';
import { findEmbeddingSpace } from '../../memory/store/embedding-space.js';
import type { Store } from '../../memory/store/open-store.js';
import type { VideoRef } from '../../memory/query/hits.js';
import type { Embedder } from '../../models/embedder.js';
import { representedSpan } from './keyframe-spans.js';
import { contentWords, labelsNamed } from './question-words.js';

export type RetrievalSource = 'text-search' | 'object-label' | 'visual-similarity';

export interface RetrievalReason {
  source: RetrievalSource;
  /** What matched, for people: `on-screen text "EXIT 12" at 00:01:02.0`. */
  match: string;
  /** The hit's score scaled to 0–1 within its source. */
  weight: number;
}

export interface RetrievedSpan {
  span: TimeSpan;
  /** The sum of the reasons' weights: higher when several sources or hits agree. */
  score: number;
  reasons: RetrievalReason[];
}

export interface RetrieveOptions {
  /** The part of the video asked about; hits outside it are dropped. */
  within: TimeSpan;
  embedder?: Embedder;
  /** Spans kept at most. Default 4. */
  maxSpans?: number;
  /** Seconds added before and after each hit. Default 2. */
  marginSeconds?: number;
  /** The least length of a span, so a cut or a single-frame hit still gets a few frames. Default 4 s. */
  minSpanSeconds?: number;
  signal?: AbortSignal;
}

export interface Retrieval {
  spans: RetrievedSpan[];
  /** What was looked for: the words searched and the labels named. */
  words: string[];
  labels: string[];
  /** Whether nearest keyframes took part (an embedder with stored embeddings). */
  visual: boolean;
  warnings: string[];
}

interface Candidate {
  span: TimeSpan;
  reason: RetrievalReason;
}

const maxHitsPerSource = 40;
/** Keyframes kept from the visual search: those at least this share of the best one's similarity. */
const minVisualShare = 0.8;

/** Scales raw scores to 0–1 by the best one (all 1 when the best is not positive). */
function scaled<T>(items: readonly T[], scoreOf: (item: T) => number): Array<{ item: T; weight: number }> {
  const best = Math.max(0, ...items.map(scoreOf));
  return items.map((item) => ({ item, weight: best > 0 ? Math.max(0, scoreOf(item)) / best : 1 }));
}

function describeKind(kind: string): string {
  return kind === 'text' ? 'on-screen text' : kind;
}

/**
 * @example const { spans } = await retrieveSpans(store, video, 'When is the EXIT sign shown?', { within: { start: 0, end: 3600 } });
 */
export async function retrieveSpans(store: Store, video: VideoRef, question: string, options: RetrieveOptions): Promise<Retrieval> {
  const words = contentWords(question);
  const labels = labelsNamed(question);
  const warnings: string[] = [];
  const candidates: Candidate[] = [];
  const within = options.within;

  if (words.length > 0) {
    const hits = searchText(store, words.join(' '), { video: video.id, match: 'any', limit: maxHitsPerSource, span: within });
    for (const { item: hit, weight } of scaled(hits, (hit) => hit.score)) {
      const text = String(hit.value).replace(/\s+/g, ' ').slice(0, 60);
      candidates.push({ span: representedSpan(store, video.id, hit.span), reason: { source: 'text-search', match: `${describeKind(hit.kind)} "${text}" at ${formatTime(hit.span.start)}`, weight } });
    }
  }
  for (const label of labels) {
    const hits = objectsByLabel(store, label, { video: video.id, span: within, limit: maxHitsPerSource });
    for (const { item: hit, weight } of scaled(hits, (hit) => hit.confidence?.value ?? 1)) {
      candidates.push({ span: representedSpan(store, video.id, hit.span), reason: { source: 'object-label', match: `detector label "${label}" ${formatTime(hit.span.start)}–${formatTime(hit.span.end)}`, weight } });
    }
  }
  let visual = false;
  if (options.embedder) {
    if (findEmbeddingSpace(store.db, options.embedder.id)) {
      visual = true;
      const nearest = (await searchVisual(store, options.embedder, question, { k: 8, video: video.id, ...(options.signal ? { signal: options.signal } : {}) }))
        .filter((hit) => hit.span.end > within.start && hit.span.start < within.end);
      // Nearest-neighbour search returns k keyframes however unrelated; keep those close to the best one.
      const best = Math.max(0, ...nearest.map((hit) => hit.score));
      const hits = nearest.filter((hit) => hit.score > 0 && hit.score >= minVisualShare * best);
      for (const { item: hit, weight } of scaled(hits, (hit) => hit.score)) {
        candidates.push({ span: hit.span, reason: { source: 'visual-similarity', match: `keyframe at ${formatTime(hit.thumbnail.time)} (cosine ${hit.score.toFixed(2)})`, weight } });
      }
    } else {
      warnings.push(`the library holds no embeddings from ${options.embedder.id}; retrieval used text and detector labels only (index with the embedder to search by picture).`);
    }
  }
  return { spans: mergeCandidates(candidates, options), words, labels, visual, warnings };
}

/** Widens, clamps and merges the candidates; keeps the best `maxSpans`, in time order. */
function mergeCandidates(candidates: readonly Candidate[], options: RetrieveOptions): RetrievedSpan[] {
  const margin = options.marginSeconds ?? 2;
  const minimum = options.minSpanSeconds ?? 4;
  const { start: low, end: high } = options.within;
  const widened = candidates.map(({ span, reason }) => {
    let start = span.start - margin;
    let end = span.end + margin;
    if (end - start < minimum) {
      const middle = (span.start + span.end) / 2;
      start = middle - minimum / 2;
      end = middle + minimum / 2;
    }
    return { span: { start: Math.max(low, start), end: Math.min(high, end) }, reason };
  }).filter(({ span }) => span.end > span.start).sort((a, b) => a.span.start - b.span.start);

  const merged: RetrievedSpan[] = [];
  for (const { span, reason } of widened) {
    const last = merged.at(-1);
    if (last && span.start <= last.span.end) {
      last.span = { start: last.span.start, end: Math.max(last.span.end, span.end) };
      last.score += reason.weight;
      last.reasons.push(reason);
    } else {
      merged.push({ span: { ...span }, score: reason.weight, reasons: [reason] });
    }
  }
  const kept = [...merged].sort((a, b) => b.score - a.score || a.span.start - b.span.start).slice(0, Math.max(1, options.maxSpans ?? 4));
  for (const entry of kept) entry.reasons.sort((a, b) => b.weight - a.weight);
  return kept.sort((a, b) => a.span.start - b.span.start);
}
