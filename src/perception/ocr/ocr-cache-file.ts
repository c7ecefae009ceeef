/**
 * OCR results kept in one append-only JSON-lines file, keyed by the caller's hash of the pixels read:
 * for callers that read many small regions (text plates cut out of video frames), where one cache
 * folder per image (`recognize-cached.ts`) would mean thousands of tiny directories. A rerun over the
 * same images loads the file once and runs no model.
 *
 * Each line is `{"key": "...", "lines": [...]}`; a line cut short by a killed process, or written by
 * another version, is skipped on load. Several processes may append to one file: each record is one
 * `appendFile` call of a few hundred bytes, which the kernel writes whole.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import type { RecognizedText } from './text-recognizer.js';

export interface OcrCacheFile {
  readonly file: string;
  /** Entries loaded or added. */
  readonly size: number;
  get(key: string): RecognizedText[] | undefined;
  /** Remembers `lines` under `key` and appends it to the file (in the background; see `flush`). */
  set(key: string, lines: RecognizedText[]): void;
  /** Resolves once every appended record has been written; rejects with the first write error. */
  flush(): Promise<void>;
}

function isRecord(value: unknown): value is { key: string; lines: RecognizedText[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { key, lines } = value as { key?: unknown; lines?: unknown };
  return typeof key === 'string' && Array.isArray(lines) && lines.every((l) => typeof (l as RecognizedText)?.text === 'string');
}

/**
 * Opens (creating its folder) the cache file at `file` and loads what earlier runs wrote.
 * @example
 * const cache = await openOcrCacheFile('/tmp/ocr.jsonl');
 * cache.get(hash) ?? cache.set(hash, await ocr.recognize(crop));
 */
export async function openOcrCacheFile(file: string): Promise<OcrCacheFile> {
  const entries = new Map<string, RecognizedText[]>();
  await fs.mkdir(path.dirname(file), { recursive: true });
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record: unknown = JSON.parse(line);
      if (isRecord(record)) entries.set(record.key, record.lines);
    } catch {
      // A record cut short by a killed process: the region is read again next time.
    }
  }
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown;
  return {
    file,
    get size() {
      return entries.size;
    },
    get: (key) => entries.get(key),
    set(key, lines) {
      if (entries.has(key)) return;
      entries.set(key, lines);
      const record = `${JSON.stringify({ key, lines })}\n`;
      writing = writing.then(() => fs.appendFile(file, record)).catch((error: unknown) => {
        failure ??= error;
      });
    },
    async flush() {
      await writing;
      if (failure !== undefined) throw failure;
    },
  };
}
