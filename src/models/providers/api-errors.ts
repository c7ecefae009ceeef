/**
 * The errors HTTP providers throw, and the one place where the AI SDK's errors become reelm's: an
 * `ApiCallError` carrying the server's Retry-After (which the call policy honours) and, for a limit the
 * server enforced, advice naming the setting to change. Nothing raw leaves a provider.
 */

import { APICallError } from '@ai-sdk/provider';
import { ApiCallError, ReelmError } from '../../core/errors.js';
import { explainServerError, type ServerLimit } from './discovery.js';

/** An API call that failed, with what the server said about when to retry and which limit was hit. */
export class ModelApiCallError extends ApiCallError {
  /** From the server's Retry-After header, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  readonly serverLimit: ServerLimit | undefined;

  constructor(fields: ConstructorParameters<typeof ApiCallError>[0] & { retryAfterMs?: number; serverLimit?: ServerLimit }) {
    super(fields);
    this.retryAfterMs = fields.retryAfterMs;
    this.serverLimit = fields.serverLimit;
  }
}

/** Input a provider cannot send (e.g. a native video to a plain OpenAI-compatible server). */
export class UnsupportedInputError extends ReelmError {
  readonly provider: string;

  constructor(provider: string, message: string) {
    super(message, { kind: 'input' });
    this.name = 'UnsupportedInputError';
    this.provider = provider;
  }

  static override isInstance(error: unknown): error is UnsupportedInputError {
    return ReelmError.isInstance(error) && error.name === 'UnsupportedInputError';
  }
}

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP date; capped at a minute so a server cannot park us.
 * @example retryAfterMs({ 'retry-after': '2' }) // 2000
 */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  const milliseconds = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(milliseconds) && milliseconds >= 0 ? Math.min(60_000, milliseconds) : undefined;
}

/** The server's own message inside an OpenAI-style error body, else the body itself. */
function serverMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown }; message?: unknown };
    const message = parsed.error?.message ?? parsed.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 500);
}

/**
 * Turns whatever a provider call threw into a reelm error. Aborts stay aborts (the call policy decides
 * whether the caller or the timeout fired); ReelmErrors pass through.
 * @example throw toModelError(caught, 'http://gpu:8000/v1/chat/completions');
 */
export function toModelError(error: unknown, url: string): unknown {
  if (ReelmError.isInstance(error)) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return error;
  if (APICallError.isInstance(error)) {
    const said = serverMessage(error.responseBody) ?? error.message;
    const serverLimit = explainServerError(error.statusCode, error.responseBody);
    const status = error.statusCode === undefined ? '' : ` (HTTP ${error.statusCode})`;
    const message = serverLimit
      ? `${error.url || url}${status}: ${serverLimit.advice} The server said: ${said}`
      : `${error.url || url}${status}: ${said}`;
    const fields = { url: error.url || url, isRetryable: error.isRetryable, message, cause: error };
    return new ModelApiCallError({
      ...fields,
      ...(error.statusCode === undefined ? {} : { statusCode: error.statusCode }),
      ...(error.responseBody === undefined ? {} : { responseBody: error.responseBody }),
      ...(retryAfterMs(error.responseHeaders) === undefined ? {} : { retryAfterMs: retryAfterMs(error.responseHeaders)! }),
      ...(serverLimit ? { serverLimit } : {}),
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  // A reset or refused connection is worth retrying; a response we could not read is not.
  const connection = error instanceof TypeError || /ECONNRESET|ECONNREFUSED|socket hang up|fetch failed/i.test(text);
  return new ApiCallError({ url, isRetryable: connection, message: `${url}: ${text}`, cause: error });
}
