/**
 * `samples.jsonl`, the run's durable progress: each finished sample is appended as one line and fsynced
 * before the runner counts it done, so a SIGKILL loses at most the samples in flight. Reading back
 * tolerates a torn last line (a kill in the middle of a write) and keeps the first record of a key.
 */

import fs from 'node:fs/promises';
import type { SampleRecord } from './sample-record.js';

export class SampleLog {
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly handle: fs.FileHandle, readonly file: string) {}

  /** Opens the log for appending, first cutting a torn last line left by a kill so new lines start clean. */
  static async open(file: string): Promise<SampleLog> {
    const existing = await fs.readFile(file, 'utf8').catch(() => '');
    const complete = existing.endsWith('\n') || existing === '' ? existing.length : existing.lastIndexOf('\n') + 1;
    if (complete !== existing.length) await fs.truncate(file, Buffer.byteLength(existing.slice(0, complete)));
    return new SampleLog(await fs.open(file, 'a'), file);
  }

  /** Appends one record and waits until it is on disk; appends are serialised so lines never interleave. */
  append(record: SampleRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    this.writing = this.writing.then(async () => {
      await this.handle.write(line);
      await this.handle.sync();
    });
    return this.writing;
  }

  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
  }
}

/** The records in a log, first per key; a missing file gives none, an unreadable line is skipped. */
export async function readSampleLog(file: string): Promise<SampleRecord[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const records = new Map<string, SampleRecord>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as SampleRecord;
      if (typeof record.key === 'string' && !records.has(record.key)) records.set(record.key, record);
    } catch {
      // A line cut by a kill mid-write: its sample runs again.
    }
  }
  return [...records.values()];
}
