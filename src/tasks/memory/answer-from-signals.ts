/**
 * `ask` with no model: answers the closed set of questions (closed-questions.ts) from an indexed
 * video's stored signals — people counts and detector labels for how many / when / whether, OCR lines
 * for what text appears and when — with each span's confidence taken from the signals it rests on
 * (`signal-score`; each signal's own stated source is kept in `detail.signals`). Any other question is
 * not guessed at: the answer says it needs a model and lists the store's text-search matches instead.
 * Spans are the frames the signals' keyframes stand for (keyframe-spans.ts). The result has the shape every task returns, with no requests, no images and no cost.
 */

import { formatSpan, type TimeSpan } from '../../core/time.js';
import type { SignalHit } from '../../memory/query/hits.js';
import { searchText } from '../../memory/query/search-text.js';
import { objectsByLabel, signalsInSpan } from '../../memory/query/signals-in-span.js';
import type { VideoInfo } from '../../media/video-info.js';
import type { AnswerSpan, TaskResult } from '../task-result.js';
import { matchClosedQuestion, type ClosedQuestionId, type ClosedSubject } from './closed-questions.js';
import type { IndexedVideo } from './indexed-video.js';
import { representedSpan } from './keyframe-spans.js';
import { contentWords } from './question-words.js';

/** A stored signal an answer rests on, with the confidence source its analyzer stated. */
export interface SignalEvidence {
  kind: string;
  span: TimeSpan;
  value: string | number;
  confidence: SignalHit['confidence'];
  producer: string;
}

export interface SignalAnswerDetail {
  mode: 'signals';
  /** The closed-set entry the question fell in; null when it fell in none (then `needsModel`). */
  question: ClosedQuestionId | null;
  subject: ClosedSubject | null;
  needsModel: boolean;
  /** The store answered from. */
  store: string;
  signals: SignalEvidence[];
}

/** What the closed set covers, for the answer to a question outside it. */
export const closedSetSummary = 'how many, when and whether for objects the detector knows (people, cars, dogs, … — the 80 COCO labels), and what text appears on screen and when';

const searchHitsShown = 8;

function evidenceOf(hit: SignalHit): SignalEvidence {
  return { kind: hit.kind, span: hit.span, value: hit.value, confidence: hit.confidence, producer: hit.producer };
}

/** Touching or overlapping spans joined, each with the duration-weighted confidence of its signals. */
function joinedSpans(hits: readonly SignalHit[], label?: (hit: SignalHit) => string | undefined): AnswerSpan[] {
  const sorted = [...hits].sort((a, b) => a.span.start - b.span.start);
  const joined: Array<{ start: number; end: number; weight: number; total: number; label: string | undefined }> = [];
  for (const hit of sorted) {
    const length = Math.max(1e-3, hit.span.end - hit.span.start);
    const value = hit.confidence?.value ?? 1;
    const text = label?.(hit);
    const last = joined.at(-1);
    if (last && hit.span.start <= last.end + 0.05 && last.label === text) {
      last.end = Math.max(last.end, hit.span.end);
      last.weight += length;
      last.total += value * length;
    } else {
      joined.push({ start: hit.span.start, end: hit.span.end, weight: length, total: value * length, label: text });
    }
  }
  return joined.map((entry) => ({
    start: entry.start,
    end: entry.end,
    ...(entry.label ? { label: entry.label } : {}),
    confidence: { value: Math.round((entry.total / entry.weight) * 1000) / 1000, source: 'signal-score' as const },
  }));
}

/** The hits with their spans mapped to the frames their keyframes stand for (keyframe-spans.ts). */
function represented(indexed: IndexedVideo, hits: readonly SignalHit[]): SignalHit[] {
  return hits.map((hit) => ({ ...hit, span: representedSpan(indexed.store, indexed.video.id, hit.span) }));
}

/** Seconds covered by the spans together (overlaps counted once). */
function unionSeconds(hits: readonly SignalHit[]): number {
  let total = 0;
  let reached = Number.NEGATIVE_INFINITY;
  for (const { span } of [...hits].sort((a, b) => a.span.start - b.span.start)) {
    const start = Math.max(span.start, reached);
    if (span.end > start) total += span.end - start;
    reached = Math.max(reached, span.end);
  }
  return total;
}

function article(label: string): string {
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}

function listSpans(spans: readonly AnswerSpan[]): string {
  const shown = spans.slice(0, 6).map((span) => formatSpan(span));
  return spans.length > 6 ? `${shown.join(', ')} and ${spans.length - 6} more` : shown.join(', ');
}

function producersOf(hits: readonly SignalHit[]): string {
  return [...new Set(hits.map((hit) => hit.producer))].join(', ');
}

interface Answer {
  output: string;
  spans: AnswerSpan[];
  signals: SignalHit[];
}

/** An analyzer whose stage never ran cannot say something is absent. */
function notAnalysed(indexed: IndexedVideo, analyzer: string, what: string): Answer | undefined {
  if (indexed.stagesDone.includes(`analyzer:${analyzer}`) || indexed.stagesPending.includes(`analyzer:${analyzer}`)) return undefined;
  return { output: `The index of this video has no ${what} (the ${analyzer} analyzer did not run); index it again with that analyzer (reelm index) or ask with a model.`, spans: [], signals: [] };
}

function answerLabel(id: ClosedQuestionId, label: string, indexed: IndexedVideo, within: TimeSpan): Answer {
  const missing = notAnalysed(indexed, 'objects', 'detector signals');
  if (missing) return missing;
  const video = indexed.video.id;
  const objects = objectsByLabel(indexed.store, label, { video, span: within, limit: 10_000 });
  const spans = joinedSpans(represented(indexed, objects));
  const source = objects.length > 0 ? ` (detector: ${producersOf(objects)})` : '';
  if (id === 'count' && label === 'person') {
    const people = signalsInSpan(indexed.store, video, ['people'], within, { limit: 10_000 });
    if (people.length === 0) return { output: 'No people were detected.', spans: [], signals: [] };
    const shown = represented(indexed, people);
    const most = Math.max(...shown.map((hit) => Number(hit.value)));
    const noun = (count: number): string => `${count} ${count === 1 ? 'person' : 'people'}`;
    const atMost = joinedSpans(shown.filter((hit) => Number(hit.value) === most), () => noun(most));
    // The count held longest, beside the maximum: one doubtful extra detection should not be the whole answer.
    const secondsByCount = new Map<number, number>();
    for (const hit of shown) secondsByCount.set(Number(hit.value), (secondsByCount.get(Number(hit.value)) ?? 0) + hit.span.end - hit.span.start);
    const usual = [...secondsByCount.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
    const usualNote = usual === most ? '' : `, most often ${usual}`;
    const output = `Up to ${noun(most)} at once, at ${listSpans(atMost)}${usualNote}; people are visible for ${unionSeconds(shown).toFixed(1)} s of the ${(within.end - within.start).toFixed(1)} s asked about (detector: ${producersOf(people)}).`;
    return { output, spans: atMost, signals: people };
  }
  if (objects.length === 0) return { output: `No ${label} was detected.`, spans: [], signals: [] };
  switch (id) {
    case 'count':
      return { output: `The detector found ${article(label)} in ${spans.length} separate span${spans.length === 1 ? '' : 's'} (${listSpans(spans)}); it records whether ${article(label)} is present, not how many at once${source}.`, spans, signals: objects };
    case 'count-times':
      return { output: `${capitalised(article(label))} appears ${spans.length} separate time${spans.length === 1 ? '' : 's'}: ${listSpans(spans)}${source}.`, spans, signals: objects };
    case 'whether':
      return { output: `Yes: ${article(label)} is visible at ${listSpans(spans)}${source}.`, spans, signals: objects };
    default:
      return { output: `${capitalised(article(label))} is visible at ${listSpans(spans)}${source}.`, spans, signals: objects };
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function answerAllText(indexed: IndexedVideo, within: TimeSpan): Answer {
  const missing = notAnalysed(indexed, 'ocr', 'on-screen text');
  if (missing) return missing;
  const lines = signalsInSpan(indexed.store, indexed.video.id, ['text'], within, { limit: 10_000 });
  if (lines.length === 0) return { output: 'No on-screen text was found.', spans: [], signals: [] };
  // One entry per distinct text (case and spacing ignored), with every span it is on screen.
  const byText = new Map<string, SignalHit[]>();
  for (const hit of represented(indexed, lines)) {
    const key = String(hit.value).replace(/\s+/g, ' ').trim().toLowerCase();
    byText.set(key, [...(byText.get(key) ?? []), hit]);
  }
  const entries = [...byText.values()].map((hits) => ({ text: String(hits[0]!.value).replace(/\s+/g, ' ').trim(), spans: joinedSpans(hits, (hit) => `"${String(hit.value).replace(/\s+/g, ' ').trim()}"`) }))
    .sort((a, b) => a.spans[0]!.start - b.spans[0]!.start);
  const shown = entries.slice(0, 20).map((entry) => `"${entry.text}" (${listSpans(entry.spans)})`);
  const more = entries.length > 20 ? `, and ${entries.length - 20} more` : '';
  return {
    output: `On-screen text: ${shown.join('; ')}${more} (OCR: ${producersOf(lines)}).`,
    spans: entries.flatMap((entry) => entry.spans).sort((a, b) => a.start - b.start),
    signals: lines,
  };
}

function answerTextWhen(text: string, indexed: IndexedVideo, within: TimeSpan): Answer {
  const hits = searchText(indexed.store, text, { video: indexed.video.id, kinds: ['text', 'subtitle', 'speech'], span: within, limit: 200 });
  if (hits.length === 0) return { output: `No stored text matches "${text}" (on-screen text, subtitles and transcript were searched).`, spans: [], signals: [] };
  const spans = joinedSpans(represented(indexed, hits));
  return { output: `"${text}" appears at ${listSpans(spans)} (${producersOf(hits)}).`, spans, signals: hits };
}

function answerNeedsModel(question: string, indexed: IndexedVideo, within: TimeSpan): Answer {
  const words = contentWords(question);
  const hits = words.length > 0 ? searchText(indexed.store, words.join(' '), { video: indexed.video.id, match: 'any', span: within, limit: searchHitsShown }) : [];
  const spans: AnswerSpan[] = represented(indexed, hits).map((hit) => ({
    start: hit.span.start,
    end: hit.span.end,
    label: `${hit.kind === 'text' ? 'on-screen text' : hit.kind}: "${String(hit.value).replace(/\s+/g, ' ').slice(0, 60)}"`,
  }));
  const matches = hits.length > 0 ? `The index's closest matches for ${words.map((word) => `"${word}"`).join(', ')} are listed below.` : 'Nothing in the index matches its words.';
  return {
    output: `This question needs a vision-language model (name one with --model or REELM_MODEL). Without one, ask answers only ${closedSetSummary}. ${matches}`,
    spans,
    signals: hits,
  };
}

/**
 * Answers `question` about an indexed video from its signals. `within` limits it to a span.
 * @example const result = answerFromSignals({ video: 'lib/talk.mp4', query: 'How many people are there?' }, indexed, info);
 */
export function answerFromSignals(request: { video: string; query: string; span?: TimeSpan }, indexed: IndexedVideo, info: VideoInfo): TaskResult<SignalAnswerDetail> {
  const startedAt = performance.now();
  const within = request.span ?? { start: 0, end: info.duration };
  const matched = matchClosedQuestion(request.query);
  let answer: Answer;
  if (!matched) answer = answerNeedsModel(request.query, indexed, within);
  else if (matched.subject.kind === 'label') answer = answerLabel(matched.entry.id, matched.subject.label, indexed, within);
  else if (matched.subject.kind === 'text') answer = answerTextWhen(matched.subject.text, indexed, within);
  else answer = answerAllText(indexed, within);
  const warnings = indexed.stagesPending.length > 0 ? [`the index of ${request.video} is incomplete (${indexed.stagesPending.join(', ')} not finished); the answer uses what is stored.`] : [];
  return {
    task: 'ask',
    video: request.video,
    output: answer.output,
    spans: answer.spans,
    evidence: [],
    usage: { requests: 0, images: 0, visualTokens: 0, inputTokens: 0, outputTokens: 0, usd: null, latencyMs: Math.round(performance.now() - startedAt), cachedRequests: 0 },
    plan: null,
    model: { provider: 'signals', modelId: 'store', id: 'signals:store (no model)' },
    warnings,
    detail: {
      mode: 'signals',
      question: matched?.entry.id ?? null,
      subject: matched?.subject ?? null,
      needsModel: matched === undefined,
      store: indexed.store.file,
      signals: answer.signals.map(evidenceOf),
    },
  };
}
