/**
 * Which files in a folder are videos to index: a walk that skips hidden folders (the store's own
 * `.reelm/` among them) and picks files by extension, in a stable order so progress and summaries read
 * the same each run. Extensions, not probing: probing every file of a large folder would cost more than
 * the walk, and a file with a video extension that is not one fails in the ingest with its own message.
 */

import fs from 'node:fs/promises';
import path from 'node:path';

export const videoExtensions: ReadonlySet<string> = new Set([
  '.mp4', '.m4v', '.mov', '.mkv', '.webm', '.avi', '.mpg', '.mpeg', '.ts', '.mts', '.m2ts', '.wmv', '.flv', '.3gp', '.ogv',
]);

export function isVideoFileName(name: string): boolean {
  return videoExtensions.has(path.extname(name).toLowerCase());
}

/** Video files under `folder` (recursively), absolute, sorted by path. */
export async function listVideoFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await fs.readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isVideoFileName(entry.name)) found.push(full);
    }
  };
  await walk(path.resolve(folder));
  return found.sort();
}
