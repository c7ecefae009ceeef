/**
 * Prints an error for a person and chooses the exit code: 1 when the input or a setting is wrong
 * (the message says which and what to do), 2 when reelm itself failed (with the ffmpeg stderr tail,
 * so a bug report has what it needs).
 */

import { FfmpegError, ReelmError } from '../core/errors.js';

export async function reportError(error: unknown, stderr: NodeJS.WritableStream): Promise<number> {
  if (ReelmError.isInstance(error)) {
    if (error.kind === 'input') {
      stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    stderr.write(`internal error: ${error.message}\n`);
    if (FfmpegError.isInstance(error)) {
      stderr.write(`  command: ${error.tool} ${error.args.join(' ')}\n  ffmpeg said:\n${error.stderrTail.replace(/^/gm, '    ')}\n`);
    }
    stderr.write('This is a bug in reelm or an unusual file; please report it with the lines above.\n');
    return 2;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`internal error: ${text}\n`);
  return 2;
}
