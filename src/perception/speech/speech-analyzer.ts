/**
 * Speech to text through an OpenAI-compatible `/v1/audio/transcriptions` endpoint (whisper.cpp server,
 * vLLM, hosted APIs), as a `SpanAnalyzer`: the unit's audio is cut to a 16 kHz mono WAV
 * (`extract-audio.ts`), uploaded as multipart form data with `response_format=verbose_json` and
 * segment timestamps, and each segment becomes a `speech` signal on the video's timeline (upload time
 * + span start). Calls go through the model layer's retry policy: a timeout per attempt joined with the
 * caller's signal, backoff on 429/5xx. A video without audio gives no signals.
 *
 * Not in the default registry: it needs an endpoint the user configures (`speechAnalyzerEntry`).
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { ApiCallError } from '../../core/errors.js';
import { runWithRetries, Semaphore } from '../../models/call-policy.js';
import type { SpanAnalyzer } from '../analyzer.js';
import type { AnalyzerEntry } from '../analyzers.js';
import { audioSpanOf } from '../ffmpeg/media-streams.js';
import { hashAnalyzerSettings } from '../settings-hash.js';
import type { Signal } from '../signal.js';
import { extractAudioWav } from './extract-audio.js';
import { parseTranscription } from './transcription-response.js';

export interface SpeechAnalyzerOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:8080/v1`; `/audio/transcriptions` is appended. */
  baseUrl: string;
  /** The model name the server expects, e.g. `whisper-1`, `openai/whisper-large-v3`. */
  model: string;
  apiKey?: string;
  /** ISO 639-1 hint for the spoken language; omitted lets the server detect it. */
  language?: string;
  /** Per attempt. Default 300 s (a 10-minute unit on a CPU server takes minutes). */
  timeoutMs?: number;
  maxRetries?: number;
  initialBackoffMs?: number;
  /** Uploads in flight at once. Default 2. */
  concurrency?: number;
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof fetch;
  cache?: ArtifactCache | null;
}

/**
 * @example
 * const speech = createSpeechAnalyzer({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'whisper-1' });
 * await speech.analyzeSpan({ video: 'talk.mp4', span: { start: 0, end: 60 } }) // → [{ kind: 'speech', value: 'Welcome back.', span: { start: 1.2, end: 2.9 } }]
 */
export function createSpeechAnalyzer(options: SpeechAnalyzerOptions): SpanAnalyzer {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/audio/transcriptions`;
  const policy = { timeoutMs: options.timeoutMs ?? 300_000, maxRetries: options.maxRetries ?? 2, initialBackoffMs: options.initialBackoffMs ?? 1000 };
  const semaphore = new Semaphore(options.concurrency ?? 2);
  const doFetch = options.fetch ?? fetch;
  const producer = `speech:${options.model}`;

  async function transcribe(wav: Uint8Array, signal: AbortSignal): Promise<unknown> {
    const form = new FormData();
    form.append('file', new Blob([wav], { type: 'audio/wav' }), 'audio.wav');
    form.append('model', options.model);
    form.append('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'segment');
    if (options.language) form.append('language', options.language);
    const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
    let response: Response;
    try {
      response = await doFetch(url, { method: 'POST', body: form, headers, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ApiCallError({ url, isRetryable: true, message: `${url} could not be reached: ${(error as Error).message}; is the transcription server running?`, cause: error });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new ApiCallError({ url, statusCode: response.status, responseBody: text.slice(0, 2000), message: `${url} answered HTTP ${response.status}: ${text.slice(0, 200)}` });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ApiCallError({ url, statusCode: response.status, isRetryable: false, responseBody: text.slice(0, 2000), message: `${url} answered something that is not JSON; ask for response_format=verbose_json.`, cause: error });
    }
  }

  return {
    id: 'speech',
    input: 'span',
    kinds: ['speech'],
    configHash: hashAnalyzerSettings('speech', 1, { url, model: options.model, language: options.language ?? null, format: 'verbose_json/segment', sampleRate: 16000 }),
    async analyzeSpan(context) {
      const heard = await audioSpanOf(context, options.cache);
      if (heard === undefined) return [];
      const { info, audio, span } = heard;
      const wav = await extractAudioWav(info.path, audio, span, context.signal);
      const json = await runWithRetries(policy, semaphore, context.signal, url, (signal) => transcribe(wav, signal));
      return parseTranscription(json, span.end - span.start, url).map((segment): Signal => ({
        kind: 'speech',
        span: { start: span.start + segment.start, end: Math.min(span.end, span.start + segment.end) },
        value: segment.text,
        confidence: null,
        producer,
      }));
    },
  };
}

/** A registry entry for a configured endpoint, for the layer that holds the configuration to register. */
export function speechAnalyzerEntry(options: Omit<SpeechAnalyzerOptions, 'cache'>): AnalyzerEntry {
  return Object.freeze({
    id: 'speech',
    description: `Speech to text through ${options.baseUrl} (${options.model}).`,
    kinds: ['speech'] as const,
    runsByDefault: true,
    async create({ cache }: { cache: ArtifactCache | null }) {
      return createSpeechAnalyzer({ ...options, cache });
    },
  });
}
