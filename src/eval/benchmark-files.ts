/**
 * Reading a public benchmark's files from `--data`: a checkout of the benchmark's GitHub repository or its
 * Hugging Face dataset folder. Each file is looked up by its published relative paths (the first that
 * exists wins), and a missing one gets a message that names it and says where it comes from. Parsers for
 * the published formats live here too: JSON, JSON Lines, and CSV (RFC 4180 quoting); parquet (Hugging Face
 * datasets) is read by read-parquet.ts, and `readPublishedRows` picks the reader by the file's extension.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, NotFoundError } from '../core/errors.js';
import { readParquetRows } from './read-parquet.js';

/** Where a benchmark file is published, for the "missing file" message. */
export interface PublishedFile {
  /** Relative paths under `--data`, in order of preference (repository layout, dataset layout…). */
  paths: readonly string[];
  /** Where the file comes from, e.g. `github.com/JUNJIE99/MLVU (data/)`. */
  source: string;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then((stat) => stat.isFile() || stat.isDirectory(), () => false);
}

/** The absolute path of the first published path that exists under `dataDir`. */
export async function findPublishedFile(dataDir: string, file: PublishedFile): Promise<string> {
  for (const relative of file.paths) {
    const candidate = path.resolve(dataDir, relative);
    if (await exists(candidate)) return candidate;
  }
  throw new NotFoundError(
    `${file.paths[0]}`,
    `${file.paths.map((p) => path.join(dataDir, p)).join(' or ')} not found; it comes from ${file.source}. Point --data at that checkout or dataset folder.`,
  );
}

export async function readPublishedText(dataDir: string, file: PublishedFile): Promise<{ path: string; text: string }> {
  const found = await findPublishedFile(dataDir, file);
  return { path: found, text: await fs.readFile(found, 'utf8') };
}

export function parseJsonFile<T>(text: string, filePath: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ConfigError(filePath, `is not valid JSON (${(error as Error).message}); use the file as published.`, { cause: error });
  }
}

export async function readPublishedJson<T>(dataDir: string, file: PublishedFile): Promise<{ path: string; value: T }> {
  const { path: found, text } = await readPublishedText(dataDir, file);
  return { path: found, value: parseJsonFile<T>(text, found) };
}

/** JSON Lines: one JSON value per non-empty line. */
export function parseJsonLines<T>(text: string, filePath: string): T[] {
  return text.split(/\r?\n/).flatMap((line, index) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as T];
    } catch (error) {
      throw new ConfigError(`${filePath}:${index + 1}`, `is not a JSON line (${(error as Error).message}).`, { cause: error });
    }
  });
}

/** CSV with a header row → one record per row keyed by the header; quoted fields may hold commas, quotes and newlines. */
export function parseCsv(text: string, filePath: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') { field += '"'; i++; } else if (char === '"') quoted = false; else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') { row.push(field); field = ''; } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += char;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...records] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header) throw new ConfigError(filePath, 'is empty; expected a CSV header row.');
  return records.map((record, index) => {
    if (record.length !== header.length) throw new ConfigError(`${filePath}:${index + 2}`, `has ${record.length} fields, the header has ${header.length}.`);
    return Object.fromEntries(header.map((name, column) => [name, record[column] ?? '']));
  });
}

/**
 * A table of records from the first published path that exists, read by its extension: `.parquet`
 * (Hugging Face datasets), `.jsonl`, `.csv`, or `.json` (an array of records). The same rows come out of
 * every format, so a loader maps columns once.
 * @example const { rows } = await readPublishedRows(dir, { paths: ['videomme/test-00000-of-00001.parquet'], source: 'huggingface.co/datasets/lmms-lab/Video-MME' });
 */
export async function readPublishedRows(dataDir: string, file: PublishedFile, signal?: AbortSignal): Promise<{ path: string; rows: Array<Record<string, unknown>> }> {
  const found = await findPublishedFile(dataDir, file);
  if (found.endsWith('.parquet')) return { path: found, rows: await readParquetRows(found, signal) };
  const text = await fs.readFile(found, { encoding: 'utf8', ...(signal ? { signal } : {}) });
  if (found.endsWith('.jsonl')) return { path: found, rows: parseJsonLines<Record<string, unknown>>(text, found) };
  if (found.endsWith('.csv')) return { path: found, rows: parseCsv(text, found) };
  const value = parseJsonFile<unknown>(text, found);
  if (!Array.isArray(value)) throw new ConfigError(found, 'expected a JSON array of records (one per row).');
  return { path: found, rows: value as Array<Record<string, unknown>> };
}

/** The first existing file among candidate paths (absolute or under `dataDir`); the first candidate when none exists. */
export async function resolveMediaPath(dataDir: string, candidates: readonly string[]): Promise<string> {
  for (const candidate of candidates) {
    const full = path.resolve(dataDir, candidate);
    if (await exists(full)) return full;
  }
  return path.resolve(dataDir, candidates[0] ?? '');
}

/** Applies `--limit` to the loaded docs. */
export function limitDocs<T>(docs: T[], limit: number | undefined): T[] {
  return limit === undefined ? docs : docs.slice(0, limit);
}
