/**
 * Turns a user's path into a readable media file or a typed error that names it and says what to do,
 * before any external process sees it: a missing file, a folder and an empty file each get their own reason.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from '../core/errors.js';

export interface CheckedInput {
  path: string;
  byteSize: number;
}

export async function checkMediaInput(input: string): Promise<CheckedInput> {
  const absolute = path.resolve(input);
  let stats;
  try {
    stats = await fs.stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new MediaError(input, 'not-found', 'no such file; check the path (quote names with spaces).', { cause: error });
    }
    throw new MediaError(input, 'unreadable', `cannot be read (${code ?? (error as Error).message}); check its permissions.`, { cause: error });
  }
  if (stats.isDirectory()) {
    throw new MediaError(input, 'is-directory', 'is a folder, not a video file; name one video inside it.');
  }
  if (!stats.isFile()) throw new MediaError(input, 'unreadable', 'is not a regular file; give a path to a video file.');
  if (stats.size === 0) throw new MediaError(input, 'empty-file', 'is empty (0 bytes); the file was not written completely or is a placeholder.');
  try {
    await fs.access(absolute, fs.constants.R_OK);
  } catch (error) {
    throw new MediaError(input, 'unreadable', 'is not readable; check its permissions.', { cause: error });
  }
  return { path: absolute, byteSize: stats.size };
}
