/**
 * Reads published files — a benchmark's data under `--data` by their published relative paths, and
 * prediction files made elsewhere — where a file may also sit gzipped beside its name (`<name>.gz`,
 * how large published files are kept in test fixtures). A missing file is a NotFoundError naming the file
 * and where it comes from. The format parsers are the shared ones in benchmark-files.ts.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigError, NotFoundError } from '../../core/errors.js';
import { parseJsonFile, parseJsonLines } from '../benchmark-files.js';

export { parseJsonFile, parseJsonLines };

/** Where a missing file can be obtained, e.g. `the GitHub repository jayleicn/moment_detr (data/)`. */
export interface FileOrigin {
  origin: string;
}

async function readMaybeGzipped(file: string): Promise<string | undefined> {
  const plain = await fs.readFile(file).catch(() => undefined);
  if (plain) return plain.toString('utf8');
  const zipped = await fs.readFile(`${file}.gz`).catch(() => undefined);
  return zipped ? gunzipSync(zipped).toString('utf8') : undefined;
}

/** The text of `file` (or `file.gz`); a NotFoundError naming it and its origin when neither exists. */
export async function readTextFile(file: string, from: FileOrigin): Promise<string> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) throw new ConfigError(file, `is a folder; expected the file from ${from.origin}.`);
  const text = await readMaybeGzipped(file);
  if (text === undefined) throw new NotFoundError(file, `${file}: not found. It comes from ${from.origin}; point --data (or --predictions) at a folder that holds it.`);
  return text;
}

export async function readJsonFile<T>(file: string, from: FileOrigin): Promise<T> {
  return parseJsonFile<T>(await readTextFile(file, from), file);
}

/** `file` when it is a folder, else undefined (a missing path is left to the reader to report). */
export async function isFolder(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isDirectory() ?? false;
}

/** The files in a folder whose names end in `suffix` (or `suffix.gz`), sorted; a NotFoundError if none. */
export async function listFiles(folder: string, suffix: string, from: FileOrigin): Promise<string[]> {
  const names = await fs.readdir(folder).catch(() => {
    throw new NotFoundError(folder, `${folder}: not found. It comes from ${from.origin}.`);
  });
  const files = [...new Set(names.filter((name) => name.endsWith(suffix) || name.endsWith(`${suffix}.gz`)).map((name) => (name.endsWith('.gz') ? name.slice(0, -3) : name)))].sort();
  if (files.length === 0) throw new NotFoundError(folder, `${folder}: holds no *${suffix} files; expected the files from ${from.origin}.`);
  return files.map((name) => path.join(folder, name));
}
