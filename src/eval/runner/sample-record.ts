/**
 * One line of `samples.jsonl`: everything needed to audit and re-score one benchmark sample — which doc,
 * the prompt (and its hash), the plan that chose the evidence, the raw response, the parsed answer, the
 * score, and what it cost. A record is written only once its sample is finished, so a killed run resumes
 * by skipping the keys it finds.
 */

import { createHash } from 'node:crypto';
import type { DocScore } from '../benchmark.js';

export interface SamplePlanSummary {
  strategy: string;
  /** Times of the frames shown (grid tiles included), in plan order. */
  times: number[];
  images: number;
  visualTokens: number;
  binding: string;
}

export interface SampleUsage {
  images: number;
  visualTokens: number;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Dollars spent by this call (0 when the response cache answered); null when the model has no prices. */
  usd: number | null;
  latencyMs: number;
  /** The response came from the response cache. */
  cached: boolean;
}

export interface SampleRecord {
  /** Position in the loaded doc list and a hash of the doc: stable for the same data and `--limit`. */
  key: string;
  index: number;
  docId: string;
  video: string;
  /** The video all of this video's questions share: the cluster for confidence intervals. */
  cluster: string;
  category: string | null;
  promptHash: string;
  prompt: string;
  plan: SamplePlanSummary;
  response: { text: string; finishReason: string; parameters: Record<string, unknown> };
  /** The answer as read for reporting (choice letter, spans, text); null when it could not be parsed. */
  parsed: string | null;
  score: DocScore;
  usage: SampleUsage;
  warnings: string[];
  /** When the sample finished (ISO time). */
  finishedAt: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A doc's key: its index and a short hash of its JSON, so a changed data file never matches stale records. */
export function sampleKey(index: number, doc: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(doc) ?? String(doc);
  } catch {
    text = String(doc);
  }
  return `${index}:${sha256Hex(text).slice(0, 12)}`;
}

function field(doc: unknown, name: string): unknown {
  return doc && typeof doc === 'object' ? (doc as Record<string, unknown>)[name] : undefined;
}

const idFields = ['id', 'question_id', 'qid', 'uid', 'q_uid', 'video_id'] as const;
/** Fields benchmarks use for the breakdown category, in order of preference (synth: the question family). */
const categoryFields = ['task_type', 'category', 'task', 'sub_category', 'question_type', 'type', 'area', 'duration'] as const;

export function docIdOf(doc: unknown, index: number): string {
  for (const name of idFields) {
    const value = field(doc, name);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return String(index);
}

export function docCategoryOf(doc: unknown): string | null {
  const family = field(field(doc, 'question'), 'family');
  if (typeof family === 'string') return family;
  for (const name of categoryFields) {
    const value = field(doc, name);
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}
