/**
 * Reads a benchmark's parquet file (the format Hugging Face datasets publish, e.g. `lmms-lab/Video-MME`
 * `videomme/test-00000-of-00001.parquet`) into plain row objects, with `hyparquet` (pure JS, no native
 * build). Snappy is built into hyparquet; `hyparquet-compressors` adds zstd, gzip, brotli and lz4, which
 * `datasets` and pyarrow may also write. Values come back as JSON would give them: 64-bit integers as
 * numbers (Hugging Face writes Python ints as INT64, which hyparquet returns as BigInt), lists as arrays.
 */

import fs from 'node:fs/promises';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { AbortedError, ConfigError } from '../core/errors.js';

/** A BigInt within the safe integer range → number; larger ones → their decimal string, never a rounded number. */
function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(plainValue);
  if (value instanceof Date || value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plainValue(inner)]));
}

/** Parquet bytes → rows keyed by column name. `filePath` names the file in errors. */
export async function parseParquet(bytes: Uint8Array, filePath: string): Promise<Array<Record<string, unknown>>> {
  // hyparquet reads from anything with byteLength and slice(); an ArrayBuffer of exactly the file's bytes.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const rows = await parquetReadObjects({ file: buffer, compressors, utf8: true });
    return rows.map((row) => plainValue({ ...row }) as Record<string, unknown>);
  } catch (error) {
    throw new ConfigError(filePath, `is not a readable parquet file (${(error as Error).message}); use the file as published.`, { cause: error });
  }
}

/**
 * Reads a whole parquet file (benchmark annotation files are a few MB at most) and returns its rows.
 * @example const rows = await readParquetRows('videomme/test-00000-of-00001.parquet');
 */
export async function readParquetRows(filePath: string, signal?: AbortSignal): Promise<Array<Record<string, unknown>>> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(filePath, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw new AbortedError(`Reading ${filePath} was cancelled.`, { cause: error });
    throw new ConfigError(filePath, `cannot be read (${(error as Error).message}).`, { cause: error });
  }
  return parseParquet(bytes, filePath);
}
