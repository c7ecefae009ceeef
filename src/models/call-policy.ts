/**
 * The policy every model call goes through, whatever the provider: a per-provider concurrency limit,
 * a request timeout joined with the caller's AbortSignal, retries with exponential backoff and jitter
 * on retryable failures (429, 5xx, timeouts, connection resets), and the response cache. Providers only
 * implement the raw call.
 */

import { AbortedError, ApiCallError, ReelmError, throwIfAborted } from '../core/errors.js';
import type { GenerateRequest, GenerateResponse } from './language-model.js';
import type { ResponseCache } from './response-cache.js';

export interface CallPolicy {
  /** Requests in flight per provider instance. */
  concurrency: number;
  /** Per attempt. */
  timeoutMs: number;
  maxRetries: number;
  /** First backoff; doubles each retry, with ±50% jitter; a server's Retry-After wins when given. */
  initialBackoffMs: number;
  cache: ResponseCache | null;
  /** Cache by default for this model (evaluation turns it on; chat leaves it off). */
  cacheByDefault: boolean;
}

export const defaultCallPolicy: CallPolicy = {
  concurrency: 4,
  timeoutMs: 120_000,
  maxRetries: 3,
  initialBackoffMs: 500,
  cache: null,
  cacheByDefault: false,
};

/** A small counting semaphore: the AI SDK has no concurrency limit, and p-limit's queue is not cancellable. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          const index = this.waiting.indexOf(go);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(new AbortedError(undefined, { cause: signal?.reason }));
        };
        const go = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiting.push(go);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError(undefined, { cause: signal?.reason }));
    };
    // Remove the listener when the timer fires, or a long-lived signal collects one per retry.
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function isRetryable(error: unknown): boolean {
  if (ApiCallError.isInstance(error)) return error.isRetryable;
  return ReelmError.isInstance(error) && error.name === 'TimeoutError';
}

/** A call that ran past the policy's timeout. */
export class ModelTimeoutError extends ReelmError {
  constructor(readonly timeoutMs: number, readonly url: string) {
    super(`the model did not answer within ${Math.round(timeoutMs / 1000)} s (${url}); raise the timeout or lower the request size.`);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs one generate call under the policy: the response cache around {@link runWithRetries}.
 * @example const response = await runWithPolicy(policy, semaphore, request, cacheKey, (signal) => rawCall(request, signal));
 */
export async function runWithPolicy(
  policy: CallPolicy,
  semaphore: Semaphore,
  request: GenerateRequest,
  cacheKey: string | undefined,
  url: string,
  call: (signal: AbortSignal) => Promise<GenerateResponse>,
): Promise<GenerateResponse> {
  // An already-cancelled call is rejected before anything else, cache hits included.
  throwIfAborted(request.signal);
  const useCache = (request.cache ?? policy.cacheByDefault) && policy.cache !== null && cacheKey !== undefined;
  if (useCache) {
    const hit = await policy.cache!.get(cacheKey!);
    if (hit) {
      // A streaming caller still sees the text, in one delta.
      if (hit.text !== '') request.onTextDelta?.(hit.text);
      return { ...hit, fromCache: true };
    }
  }
  return runWithRetries(policy, semaphore, request.signal, url, async (signal) => {
    const response = await call(signal);
    if (useCache) await policy.cache!.put(cacheKey!, response);
    return response;
  });
}

/**
 * The policy's core for any call, whatever it returns (generate calls, embedding requests): a semaphore
 * slot, a timeout per attempt joined with the caller's signal, retries with backoff on retryable errors.
 * @example const vectors = await runWithRetries(policy, semaphore, signal, url, (attemptSignal) => post(body, attemptSignal));
 */
export async function runWithRetries<T>(
  policy: Pick<CallPolicy, 'timeoutMs' | 'maxRetries' | 'initialBackoffMs'>,
  semaphore: Semaphore,
  callerSignal: AbortSignal | undefined,
  url: string,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  throwIfAborted(callerSignal);
  const release = await semaphore.acquire(callerSignal);
  try {
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      try {
        return await call(signal);
      } catch (caught) {
        let error = caught;
        if (callerSignal?.aborted) throw new AbortedError(undefined, { cause: callerSignal.reason });
        if (timeout.aborted) error = new ModelTimeoutError(policy.timeoutMs, url);
        if (attempt >= policy.maxRetries || !isRetryable(error)) throw error;
        const retryAfterMs = ApiCallError.isInstance(error) ? retryAfterOf(error) : undefined;
        const backoff = retryAfterMs ?? policy.initialBackoffMs * 2 ** attempt * (0.5 + Math.random());
        await sleep(backoff, callerSignal);
      }
    }
  } finally {
    release();
  }
}

/**
 * The server's Retry-After in milliseconds: the header value when the provider kept it (ModelApiCallError's
 * `retryAfterMs`), else one the provider put in the error body.
 */
function retryAfterOf(error: ApiCallError): number | undefined {
  const fromHeader = (error as ApiCallError & { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof fromHeader === 'number' && Number.isFinite(fromHeader)) return Math.min(60_000, Math.max(0, fromHeader));
  const match = /retry[- ]after["':\s]*(\d+(?:\.\d+)?)/i.exec(`${error.responseBody ?? ''} ${error.message}`);
  return match ? Math.min(60_000, Number(match[1]) * 1000) : undefined;
}
