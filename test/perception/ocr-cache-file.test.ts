/**
 * The OCR results file (src/perception/ocr/ocr-cache-file.ts): what one process appends, the next one
 * reads back; a record cut short by a killed process is skipped, not fatal; a key is written once.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openOcrCacheFile } from '../../src/perception/ocr/ocr-cache-file.js';
import type { RecognizedText } from '../../src/perception/ocr/index.js';

const line = (text: string): RecognizedText => ({ text, confidence: 0.97, box: { x: 1, y: 2, width: 30, height: 12 } });

test('records written by one opening are read by the next; a torn last line is skipped', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-ocr-file-'));
  const file = path.join(dir, 'nested', 'ocr.jsonl');
  const first = await openOcrCacheFile(file);
  assert.equal(first.size, 0);
  first.set('a', [line('EXIT 12')]);
  first.set('b', []);
  first.set('a', [line('ignored: a key is written once')]);
  await first.flush();
  assert.equal((await fs.readFile(file, 'utf8')).trim().split('\n').length, 2);

  await fs.appendFile(file, '{"key":"c","lines":[{"te');
  const second = await openOcrCacheFile(file);
  assert.equal(second.size, 2);
  assert.deepEqual(second.get('a'), [line('EXIT 12')]);
  assert.deepEqual(second.get('b'), []);
  assert.equal(second.get('c'), undefined);
});

test('a write that fails is reported by flush', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-ocr-file-'));
  const file = path.join(dir, 'ocr.jsonl');
  const cache = await openOcrCacheFile(file);
  await fs.rm(dir, { recursive: true });
  await fs.mkdir(file, { recursive: true }); // the file's path is now a folder: appending fails
  cache.set('x', [line('A')]);
  await assert.rejects(cache.flush());
  assert.deepEqual(cache.get('x'), [line('A')]);
});
