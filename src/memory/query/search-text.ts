/**
 * Text search over every text signal (on-screen text, labels, subtitles, transcripts, captions) with
 * FTS5: hits ranked by BM25 (ties by time), each with its video, span and thumbnail. What a user types is
 * data, not FTS5 syntax: it is split into words and each word quoted, so `"`, `*`, `NEAR` or `-` can never
 * raise a syntax error or change the meaning.
 *
 * Why the ranking is bounded: BM25 costs about a microsecond per matching row, so ranking every match of
 * a word found in 40% of a 1,000-hour library's signals takes most of a second. Within one video the
 * matches are few and always ranked exactly (the video's rows bound the index scan). Across the library,
 * a query with at most `maxCandidates` matches is ranked exactly; a less selective one is ranked over
 * `maxCandidates` matches taken from both ends of the index — the earliest and the latest indexed
 * signals, the two orders FTS5 walks without reading the middle of a long posting list (seeking into the
 * middle by rowid range was measured at ~50 ms a seek on 780,000 postings) — and the result says it is
 * not exhaustive. Those candidates are scored here, not by FTS5's bm25(): bm25() counts every match of
 * each term for its IDF before the first row (~20 ms of CPU for a word in 780,000 signals). Every term
 * of such a query matches more than `maxCandidates` signals, so the terms get equal weight and the score
 * is BM25's term-frequency and length part (k1 = 1.2, b = 0.75, average length over the candidates).
 * The joins are CROSS JOINs so SQLite keeps the index as the outer loop, and MIN/MAX are separate
 * subqueries so each is one index seek.
 */

import type { TimeSpan } from '../../core/time.js';
import type { SignalKind } from '../../perception/signal.js';
import type { Store } from '../store/open-store.js';
import { signalHitColumns, signalHitFromRow, type SignalHit, type SignalHitRow } from './hits.js';
import { resolveVideo, type VideoSelector } from './video-ref.js';

export interface SearchTextOptions {
  /** Only these kinds (e.g. `['text']` for on-screen text, `['speech', 'subtitle']` for what is said). */
  kinds?: readonly SignalKind[];
  video?: VideoSelector;
  /** Only signals overlapping this span (needs no video: it applies to every video). */
  span?: TimeSpan;
  /** `all` (default): every word must appear; `any`: at least one. */
  match?: 'all' | 'any';
  /** Default 20. */
  limit?: number;
  /** Library-wide matches ranked at most. Default 1000. */
  maxCandidates?: number;
}

export interface TextSearchResult {
  hits: SignalHit[];
  /** False when the query matched more than `maxCandidates` signals and only the earliest and latest indexed of them were ranked. */
  exhaustive: boolean;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** BM25's term-frequency and length part with equal term weights, over candidates' texts. */
function scoreFrequentTerms(texts: readonly string[], terms: readonly string[]): number[] {
  const documents = texts.map(wordsOf);
  const averageLength = documents.reduce((total, words) => total + words.length, 0) / Math.max(1, documents.length) || 1;
  const k1 = 1.2;
  const b = 0.75;
  return documents.map((words) => terms.reduce((score, term) => {
    const frequency = words.filter((word) => word === term).length;
    return score + (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * words.length) / averageLength));
  }, 0));
}

/** The words of a query as a safe FTS5 expression, or undefined when it has none. */
export function toFtsQuery(query: string, match: 'all' | 'any' = 'all'): string | undefined {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return [...new Set(words)].map((word) => `"${word}"`).join(match === 'all' ? ' ' : ' OR ');
}

interface Candidate {
  id: number;
  rank: number;
}

/**
 * @example
 * const { hits } = searchTextDetailed(store, 'exit 12', { kinds: ['text'], limit: 5 });
 * for (const hit of hits) console.log(hit.video.path, formatSpan(hit.span), hit.value);
 */
export function searchTextDetailed(store: Store, query: string, options: SearchTextOptions = {}): TextSearchResult {
  const expression = toFtsQuery(query, options.match);
  if (!expression) return { hits: [], exhaustive: true };
  const { db } = store;
  const limit = Math.max(1, Math.round(options.limit ?? 20));
  const maxCandidates = Math.max(limit, Math.round(options.maxCandidates ?? 1000));
  const filters: string[] = [];
  const parameters: Record<string, unknown> = { expression };
  if (options.span) {
    filters.push('s.start_time < @spanEnd AND s.end_time > @spanStart');
    parameters.spanStart = options.span.start;
    parameters.spanEnd = options.span.end;
  }
  if (options.kinds && options.kinds.length > 0) {
    options.kinds.forEach((kind, i) => (parameters[`kind${i}`] = kind));
    filters.push(`s.kind IN (${options.kinds.map((_, i) => `@kind${i}`).join(', ')})`);
  }
  let low: number | null;
  let high: number | null;
  if (options.video !== undefined) {
    parameters.videoId = resolveVideo(store, options.video).id;
    filters.push('s.video_id = @videoId');
    ({ low, high } = db.prepare(`SELECT (SELECT MIN(id) FROM signals WHERE video_id = @videoId) AS low,
      (SELECT MAX(id) FROM signals WHERE video_id = @videoId) AS high`).get({ videoId: parameters.videoId }) as { low: number | null; high: number | null });
  } else {
    ({ low, high } = db.prepare('SELECT (SELECT MIN(id) FROM signals) AS low, (SELECT MAX(id) FROM signals) AS high').get() as { low: number | null; high: number | null });
  }
  if (low === null || high === null) return { hits: [], exhaustive: true };
  const where = ['signals_fts MATCH @expression', 'f.rowid BETWEEN @low AND @high', ...filters].join(' AND ');
  const ranked = db.prepare(`SELECT f.rowid AS id, f.rank AS rank FROM signals_fts f CROSS JOIN signals s ON s.id = f.rowid
    WHERE ${where} ORDER BY f.rank, s.start_time LIMIT @limit`);

  let candidates: Candidate[];
  let exhaustive = true;
  const matchesOverCap = options.video === undefined
    && (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT rowid FROM signals_fts WHERE signals_fts MATCH @expression LIMIT @cap)`)
      .get({ expression, cap: maxCandidates + 1 }) as { n: number }).n > maxCandidates;
  if (!matchesOverCap) {
    candidates = ranked.all({ ...parameters, low, high, limit }) as Candidate[];
  } else {
    exhaustive = false;
    const half = Math.ceil(maxCandidates / 2);
    const sample = (direction: 'ASC' | 'DESC') => db.prepare(`SELECT f.rowid AS id, s.text AS text, s.start_time AS startTime
      FROM signals_fts f CROSS JOIN signals s ON s.id = f.rowid
      WHERE ${where} ORDER BY f.rowid ${direction} LIMIT @half`).all({ ...parameters, low, high, half }) as Array<{ id: number; text: string; startTime: number }>;
    const pool = [...new Map([...sample('ASC'), ...sample('DESC')].map((row) => [row.id, row])).values()];
    const scores = scoreFrequentTerms(pool.map((row) => row.text), [...new Set(wordsOf(query))]);
    // `rank` is lower-is-better, as FTS5's: the negated score.
    candidates = pool
      .map((row, i) => ({ id: row.id, rank: -scores[i]!, startTime: row.startTime }))
      .sort((a, b) => a.rank - b.rank || a.startTime - b.startTime)
      .slice(0, limit);
  }
  if (candidates.length === 0) return { hits: [], exhaustive };
  const readHit = db.prepare(`SELECT ${signalHitColumns} FROM signals s JOIN videos v ON v.id = s.video_id WHERE s.id = ?`);
  const hits = candidates.flatMap((candidate) => {
    const row = readHit.get(candidate.id) as SignalHitRow | undefined;
    return row ? [signalHitFromRow({ ...row, score: -candidate.rank })] : [];
  });
  hits.sort((a, b) => b.score - a.score || a.span.start - b.span.start);
  return { hits, exhaustive };
}

/** The hits of `searchTextDetailed`. */
export function searchText(store: Store, query: string, options: SearchTextOptions = {}): SignalHit[] {
  return searchTextDetailed(store, query, options).hits;
}
