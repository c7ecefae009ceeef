/**
 * Reads one `ground` answer: spans (by the span parser users get), a plain "not found", or neither.
 * Every pass of a grounding search reads its answer here, so a refinement is read exactly as the
 * first look is.
 */

import type { TimeSpan } from '../core/time.js';
import { parseTimeSpans } from '../plan/parse-time-spans.js';
import { notFoundAnswer } from './prompts/ground-prompt.js';

export type GroundAnswer =
  | { kind: 'spans'; spans: TimeSpan[]; warnings: string[] }
  | { kind: 'not-found'; warnings: string[] }
  | { kind: 'unparsed'; reason: string; warnings: string[] };

/**
 * @example readGroundAnswer('00:00:12.0-00:00:15.0', 60) // { kind: 'spans', spans: [{ start: 12, end: 15 }], warnings: [] }
 * @example readGroundAnswer('not found', 60) // { kind: 'not-found', warnings: [] }
 */
export function readGroundAnswer(text: string, duration: number): GroundAnswer {
  const parsed = parseTimeSpans(text, duration);
  if (parsed.kind === 'spans' && parsed.spans.length > 0) return { kind: 'spans', spans: parsed.spans, warnings: parsed.warnings };
  if ((parsed.kind === 'spans' && parsed.spans.length === 0) || new RegExp(`\\b${notFoundAnswer}\\b`, 'i').test(text)) {
    return { kind: 'not-found', warnings: parsed.kind === 'spans' ? parsed.warnings : [] };
  }
  return { kind: 'unparsed', reason: parsed.kind === 'unparsed' ? parsed.reason : 'no spans', warnings: [] };
}
