/**
 * The one function that runs ffmpeg and ffprobe. Every call in reelm goes through here so that each
 * gets the same guarantees: an argument array (no shell), cancellation by AbortSignal, the tail of
 * stderr kept for the typed error, and a watchdog on progress. A long decode that keeps printing or
 * producing output is healthy however long it runs; one that goes quiet for `stallTimeoutMs` is killed.
 * An optional hard `timeoutMs` exists for calls that should always be short (probes).
 */

import { spawn } from 'node:child_process';
import { AbortedError, FfmpegError, NotFoundError } from '../core/errors.js';
import { mediaToolPath, type MediaTool } from './tools.js';

export interface RunMediaToolOptions {
  signal?: AbortSignal;
  /** Kill the process when neither stdout nor stderr produced anything for this long. Default 30 s. */
  stallTimeoutMs?: number;
  /** Kill the process after this long no matter what. Default: none (the stall watchdog guards). */
  timeoutMs?: number;
  /** Bytes written to stdin, then stdin is closed. Use `stdinWriter` to stream instead. */
  stdin?: Uint8Array;
  /** Streams stdin: called with the child's stdin; must end it. Back-pressure is the writer's job. */
  stdinWriter?: (stdin: NodeJS.WritableStream) => Promise<void>;
  /** Receives stdout as it arrives; when given, stdout is not collected. */
  onStdout?: (chunk: Buffer) => void;
  /** Receives each complete stderr line (ffmpeg's log and `-progress` output). */
  onStderrLine?: (line: string) => void;
  /** Keep this many characters of stderr for errors. Default 4000. */
  stderrTailChars?: number;
}

export interface RunMediaToolResult {
  stdout: Buffer;
  stderrTail: string;
}

const progressLinePattern = /^[a-z_]+=\S*$/;

let defaultStallTimeoutMs = 30_000;

/** Sets the stall limit for calls that do not pass their own (the CLI applies `process.stallTimeoutSec`). */
export function setDefaultStallTimeout(milliseconds: number): void {
  defaultStallTimeoutMs = milliseconds;
}

/**
 * Runs ffmpeg or ffprobe with `args` and resolves when it exits with status 0.
 * @example const { stdout } = await runMediaTool('ffprobe', ['-v', 'error', '-of', 'json', '-show_format', file]);
 */
export function runMediaTool(tool: MediaTool, args: readonly string[], options: RunMediaToolOptions = {}): Promise<RunMediaToolResult> {
  const binary = mediaToolPath(tool);
  const stallTimeoutMs = options.stallTimeoutMs ?? defaultStallTimeoutMs;
  const tailChars = options.stderrTailChars ?? 4000;

  return new Promise<RunMediaToolResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new AbortedError(undefined, { cause: options.signal.reason }));
      return;
    }
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdoutChunks: Buffer[] = [];
    let stderrTail = '';
    let stderrPartial = '';
    let settled = false;
    let killedFor: 'abort' | 'stall' | 'timeout' | undefined;

    const kill = (reason: 'abort' | 'stall' | 'timeout'): void => {
      if (killedFor) return;
      killedFor = reason;
      child.kill('SIGKILL');
    };

    let stallTimer: NodeJS.Timeout | undefined;
    const resetStallTimer = (): void => {
      if (stallTimer) clearTimeout(stallTimer);
      stallTimer = setTimeout(() => kill('stall'), stallTimeoutMs);
    };
    resetStallTimer();
    const hardTimer = options.timeoutMs ? setTimeout(() => kill('timeout'), options.timeoutMs) : undefined;
    const onAbort = (): void => kill('abort');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const cleanUp = (): void => {
      if (stallTimer) clearTimeout(stallTimer);
      if (hardTimer) clearTimeout(hardTimer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      cleanUp();
      reject(error);
    };

    child.stdout.on('data', (chunk: Buffer) => {
      resetStallTimer();
      if (options.onStdout) options.onStdout(chunk);
      else stdoutChunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      resetStallTimer();
      const lines = (stderrPartial + text).split(/\r?\n|\r/);
      stderrPartial = lines.pop() ?? '';
      for (const line of lines) {
        options.onStderrLine?.(line);
        // `-progress` key=value lines keep the watchdog fed but would crowd the real messages out of the tail.
        if (line && !progressLinePattern.test(line)) stderrTail = (stderrTail + line + '\n').slice(-tailChars);
      }
    });

    // ffmpeg may exit before reading all of stdin (e.g. after -frames:v); that EPIPE is not an error.
    child.stdin.on('error', () => undefined);
    if (options.stdinWriter) {
      options.stdinWriter(child.stdin).catch((error: unknown) => {
        kill('abort');
        fail(error instanceof Error ? error : new Error(String(error)));
      });
    } else {
      child.stdin.end(options.stdin);
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        fail(
          new NotFoundError(
            tool,
            `${tool} was not found (looked for "${binary}"). Install it (Debian/Ubuntu: run scripts/ensure-ffmpeg.sh, ` +
              `or apt-get install ffmpeg) or set ${tool === 'ffmpeg' ? 'REELM_FFMPEG' : 'REELM_FFPROBE'} to its path.`,
            { cause: error, kind: 'input' },
          ),
        );
      } else {
        fail(new FfmpegError({ tool, exitCode: null, signal: null, args, stderrTail, message: `${tool} could not start: ${error.message}`, cause: error }));
      }
    });

    child.on('close', (exitCode, signal) => {
      if (stderrPartial) {
        options.onStderrLine?.(stderrPartial);
        if (!progressLinePattern.test(stderrPartial)) stderrTail = (stderrTail + stderrPartial).slice(-tailChars);
      }
      if (settled) return;
      if (killedFor === 'abort') return fail(new AbortedError(`${tool} was cancelled.`, { cause: options.signal?.reason }));
      if (killedFor === 'stall' || killedFor === 'timeout') {
        const why =
          killedFor === 'stall'
            ? `made no progress for ${Math.round(stallTimeoutMs / 1000)} s and was stopped (raise process.stallTimeoutSec / REELM_STALL_TIMEOUT_SEC if the input is very slow to read)`
            : `did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s and was stopped`;
        return fail(new FfmpegError({ tool, exitCode, signal, args, stderrTail, message: `${tool} ${why}.` }));
      }
      if (exitCode !== 0) {
        const lastLine = stderrTail.trim().split('\n').at(-1) ?? '';
        return fail(
          new FfmpegError({ tool, exitCode, signal, args, stderrTail, message: `${tool} exited with ${exitCode ?? signal}: ${lastLine}` }),
        );
      }
      settled = true;
      cleanUp();
      resolve({ stdout: Buffer.concat(stdoutChunks), stderrTail });
    });
  });
}
