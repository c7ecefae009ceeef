/**
 * The error hierarchy of reelm.
 *
 * One base class carrying a marker symbol, so `isInstance` works across duplicated module copies
 * (two installed versions of reelm, or a bundler that inlines twice) where `instanceof` would not.
 * Every subclass carries typed fields a caller can act on; messages say what went wrong *and* what to do.
 * `kind` tells the CLI which exit code to use: `input` problems are the user's to fix (exit 1),
 * `internal` ones are ours (exit 2). Library code never exits the process.
 */

const reelmErrorMarker = Symbol.for('reelm.error');

export type ErrorKind = 'input' | 'internal';

export class ReelmError extends Error {
  readonly [reelmErrorMarker] = true;
  readonly kind: ErrorKind;

  constructor(message: string, options: { cause?: unknown; kind?: ErrorKind } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ReelmError';
    this.kind = options.kind ?? 'internal';
  }

  static isInstance(error: unknown): error is ReelmError {
    return typeof error === 'object' && error !== null && reelmErrorMarker in error;
  }
}

/** Why a media input could not be used; stable strings a caller can switch on. */
export type MediaErrorReason =
  | 'not-found'
  | 'is-directory'
  | 'empty-file'
  | 'not-media'
  | 'no-video-stream'
  | 'unreadable'
  | 'out-of-range';

/** A media file (or URL) that cannot be used as asked. Always names the input. */
export class MediaError extends ReelmError {
  readonly input: string;
  readonly reason: MediaErrorReason;

  constructor(input: string, reason: MediaErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(`${input}: ${message}`, { ...options, kind: 'input' });
    this.name = 'MediaError';
    this.input = input;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is MediaError {
    return ReelmError.isInstance(error) && error.name === 'MediaError';
  }
}

/** An ffmpeg or ffprobe process that failed, stalled or could not be started. */
export class FfmpegError extends ReelmError {
  readonly tool: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly args: readonly string[];
  readonly stderrTail: string;

  constructor(fields: {
    tool: string;
    exitCode: number | null;
    signal: string | null;
    args: readonly string[];
    stderrTail: string;
    message: string;
    kind?: ErrorKind;
    cause?: unknown;
  }) {
    super(fields.message, { cause: fields.cause, kind: fields.kind ?? 'internal' });
    this.name = 'FfmpegError';
    this.tool = fields.tool;
    this.exitCode = fields.exitCode;
    this.signal = fields.signal;
    this.args = fields.args;
    this.stderrTail = fields.stderrTail;
  }

  static override isInstance(error: unknown): error is FfmpegError {
    return ReelmError.isInstance(error) && error.name === 'FfmpegError';
  }
}

/** A value given by the user (flag, config file, environment variable) that is not valid. */
export class ConfigError extends ReelmError {
  /** Where the bad value came from, e.g. `flag --count`, `env REELM_FFMPEG`, `file ./reelm.config.json`. */
  readonly source: string;

  constructor(source: string, message: string, options: { cause?: unknown } = {}) {
    super(`${source}: ${message}`, { ...options, kind: 'input' });
    this.name = 'ConfigError';
    this.source = source;
  }

  static override isInstance(error: unknown): error is ConfigError {
    return ReelmError.isInstance(error) && error.name === 'ConfigError';
  }
}

/** A required program, file or registry entry that does not exist. */
export class NotFoundError extends ReelmError {
  readonly what: string;

  constructor(what: string, message: string, options: { cause?: unknown; kind?: ErrorKind } = {}) {
    super(message, { cause: options.cause, kind: options.kind ?? 'input' });
    this.name = 'NotFoundError';
    this.what = what;
  }

  static override isInstance(error: unknown): error is NotFoundError {
    return ReelmError.isInstance(error) && error.name === 'NotFoundError';
  }
}

/** A request that cannot fit the budget it was given (tokens, images, money). */
export class BudgetError extends ReelmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, kind: 'input' });
    this.name = 'BudgetError';
  }

  static override isInstance(error: unknown): error is BudgetError {
    return ReelmError.isInstance(error) && error.name === 'BudgetError';
  }
}

/** A call to a model or other HTTP API that failed. */
export class ApiCallError extends ReelmError {
  readonly url: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  readonly responseBody: string | undefined;

  constructor(fields: {
    url: string;
    statusCode?: number;
    isRetryable?: boolean;
    responseBody?: string;
    message: string;
    cause?: unknown;
  }) {
    super(fields.message, { cause: fields.cause, kind: 'internal' });
    this.name = 'ApiCallError';
    this.url = fields.url;
    this.statusCode = fields.statusCode;
    this.isRetryable = fields.isRetryable ?? (fields.statusCode === 429 || (fields.statusCode ?? 0) >= 500);
    this.responseBody = fields.responseBody;
  }

  static override isInstance(error: unknown): error is ApiCallError {
    return ReelmError.isInstance(error) && error.name === 'ApiCallError';
  }
}

/** Work stopped because its AbortSignal fired. */
export class AbortedError extends ReelmError {
  constructor(message = 'The operation was cancelled.', options: { cause?: unknown } = {}) {
    super(message, { ...options, kind: 'input' });
    this.name = 'AbortedError';
  }

  static override isInstance(error: unknown): error is AbortedError {
    return ReelmError.isInstance(error) && error.name === 'AbortedError';
  }
}

/** Throws an AbortedError when the signal has fired; call between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(undefined, { cause: signal.reason });
}
