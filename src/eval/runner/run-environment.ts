/**
 * What a run record says about the machine and the code: reelm's version and git commit (read from the
 * repository's files, no `git` process), the ffmpeg version the decoder ran, and the SHA-256 of every
 * data file under `--data` (annotations, subtitles — not the videos, whose hashes key the frame cache),
 * so a number can be tied to the exact files it came from.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from '../../core/content-hash.js';
import { runMediaTool } from '../../media/run-media-tool.js';

/** The folder holding reelm's package.json (src/ or dist/ two levels up from here). */
async function packageRoot(): Promise<string | undefined> {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    if (await fs.stat(path.join(folder, 'package.json')).then(() => true, () => false)) return folder;
    folder = path.dirname(folder);
  }
  return undefined;
}

export interface CodeVersion {
  reelmVersion: string | null;
  gitCommit: string | null;
  /** Tracked files changed since the commit cannot be known without git; recorded as unknown. */
  gitDirty: null;
}

/** reelm's version and the commit its checkout is at (HEAD, a loose ref or packed-refs). */
export async function codeVersion(): Promise<CodeVersion> {
  const root = await packageRoot();
  if (!root) return { reelmVersion: null, gitCommit: null, gitDirty: null };
  const manifest = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  let gitCommit: string | null = null;
  try {
    const head = (await fs.readFile(path.join(root, '.git', 'HEAD'), 'utf8')).trim();
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) gitCommit = head;
    else {
      gitCommit = (await fs.readFile(path.join(root, '.git', ref), 'utf8').catch(() => '')).trim() || null;
      if (!gitCommit) {
        const packed = await fs.readFile(path.join(root, '.git', 'packed-refs'), 'utf8').catch(() => '');
        gitCommit = packed.split('\n').find((line) => line.endsWith(` ${ref}`))?.split(' ')[0] ?? null;
      }
    }
  } catch {
    gitCommit = null;
  }
  return { reelmVersion: manifest.version ?? null, gitCommit, gitDirty: null };
}

let ffmpegVersionOnce: Promise<string | null> | undefined;

/** The first line of `ffmpeg -version`, asked once per process. */
export function ffmpegVersion(signal?: AbortSignal): Promise<string | null> {
  ffmpegVersionOnce ??= runMediaTool('ffmpeg', ['-version'], { timeoutMs: 10_000, ...(signal ? { signal } : {}) })
    .then((result) => result.stdout.toString('utf8').split('\n')[0]?.replace(/ Copyright.*/, '').trim() ?? null, () => null);
  return ffmpegVersionOnce;
}

const dataExtensions = new Set(['.json', '.jsonl', '.csv', '.tsv', '.parquet', '.srt', '.vtt', '.txt', '.yaml', '.yml']);
const maxDataFiles = 2000;

/** SHA-256 of each annotation-like file under the data folder (relative path → hash), up to four levels deep. */
export async function hashDataFiles(dataDir: string, cacheRoot?: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  let count = 0;
  const walk = async (folder: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (count >= maxDataFiles || entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && depth < 4) await walk(full, depth + 1);
      else if (entry.isFile() && dataExtensions.has(path.extname(entry.name).toLowerCase())) {
        count += 1;
        hashes[path.relative(dataDir, full)] = await contentHash(full, cacheRoot ? { cacheRoot } : {});
      }
    }
  };
  await walk(path.resolve(dataDir), 0);
  return hashes;
}
