/**
 * Reading an OpenAI-compatible `/v1/audio/transcriptions` answer (`response_format=verbose_json`):
 * `{ text, duration?, segments?: [{ start, end, text }], words?: [{ start, end, word }] }`, times in
 * seconds from the start of the uploaded audio. whisper.cpp's server, vLLM and hosted APIs answer this
 * shape; a server that returns only `text` still gives one segment over the whole upload. Anything else
 * is an ApiCallError that quotes the body, not a guess.
 */

import { ApiCallError } from '../../core/errors.js';

export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Segments of the answer, times relative to the upload, text trimmed, empty ones dropped.
 * @example parseTranscription({ text: 'hi there', segments: [{ start: 0, end: 1.2, text: ' hi there' }] }, 6.5, url) // → [{ start: 0, end: 1.2, text: 'hi there' }]
 */
export function parseTranscription(json: unknown, uploadSeconds: number, url: string): TranscriptSegment[] {
  const fail = (why: string) =>
    new ApiCallError({ url, isRetryable: false, responseBody: JSON.stringify(json)?.slice(0, 500), message: `${url}: the transcription answer ${why}; is this an OpenAI-compatible /v1/audio/transcriptions endpoint?` });
  if (typeof json !== 'object' || json === null) throw fail('is not a JSON object');
  const body = json as { text?: unknown; segments?: unknown };
  if (Array.isArray(body.segments)) {
    return body.segments.flatMap((segment: unknown): TranscriptSegment[] => {
      const { start, end, text } = (segment ?? {}) as { start?: unknown; end?: unknown; text?: unknown };
      if (!finite(start) || !finite(end) || typeof text !== 'string') throw fail('has a segment without numeric start/end and text');
      const trimmed = text.trim();
      return trimmed === '' ? [] : [{ start: Math.max(0, start), end: Math.max(start, end), text: trimmed }];
    });
  }
  if (typeof body.text === 'string') {
    const trimmed = body.text.trim();
    return trimmed === '' ? [] : [{ start: 0, end: uploadSeconds, text: trimmed }];
  }
  throw fail('has neither `segments` nor `text`');
}
