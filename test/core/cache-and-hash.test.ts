import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { contentHash, forgetRememberedHashes, rememberedContentHash } from '../../src/core/content-hash.js';
import { StageProgress, type ProgressEvent } from '../../src/core/progress.js';
import { AbortedError } from '../../src/core/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-core-'));

test('contentHash is the SHA-256 of the whole file and is remembered by path, size, mtime and inode', async () => {
  const file = path.join(dir, 'a.bin');
  const bytes = Buffer.alloc(9 * 1024 * 1024, 7);
  fs.writeFileSync(file, bytes);
  const root = path.join(dir, 'cache');
  const expected = createHash('sha256').update(bytes).digest('hex');
  assert.equal(await rememberedContentHash(file, root), undefined);
  assert.equal(await contentHash(file, { cacheRoot: root }), expected);
  forgetRememberedHashes();
  assert.equal(await rememberedContentHash(file, root), expected, 'remembered on disk across processes');
  // Changing the bytes (and so size/mtime) makes it hash again.
  fs.appendFileSync(file, 'x');
  forgetRememberedHashes();
  assert.equal(await rememberedContentHash(file, root), undefined);
  assert.notEqual(await contentHash(file, { cacheRoot: root }), expected);
});

test('large files are hashed off the main thread, with the same digest, and the hash can be cancelled', async () => {
  const file = path.join(dir, 'large.bin');
  const bytes = Buffer.alloc(20 * 1024 * 1024, 3);
  fs.writeFileSync(file, bytes);
  forgetRememberedHashes();
  assert.equal(await contentHash(file), createHash('sha256').update(bytes).digest('hex'));
  forgetRememberedHashes();
  const controller = new AbortController();
  const pending = contentHash(file, { signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, (error: unknown) => AbortedError.isInstance(error));
});

test('ArtifactCache stores bytes and JSON per video and key, and can be turned off', async () => {
  const cache = new ArtifactCache({ root: path.join(dir, 'artifacts') });
  const hash = 'ab'.repeat(32);
  assert.equal(await cache.getBytes(hash, 'frames', 'k1'), undefined);
  await cache.putBytes(hash, 'frames', 'k1', Buffer.from('hello'));
  assert.equal((await cache.getBytes(hash, 'frames', 'k1'))?.toString(), 'hello');
  await cache.putJson(hash, 'probe', 'any key / with : odd chars', { a: 1 });
  assert.deepEqual(await cache.getJson(hash, 'probe', 'any key / with : odd chars'), { a: 1 });
  await cache.removeVideo(hash);
  assert.equal(await cache.getBytes(hash, 'frames', 'k1'), undefined);
  const off = new ArtifactCache({ root: path.join(dir, 'off'), enabled: false });
  await off.putBytes(hash, 'frames', 'k', Buffer.from('x'));
  assert.equal(await off.getBytes(hash, 'frames', 'k'), undefined);
});

test('a damaged JSON entry reads as a miss', async () => {
  const cache = new ArtifactCache({ root: path.join(dir, 'damaged') });
  const hash = 'cd'.repeat(32);
  await cache.putBytes(hash, 'probe', 'k', Buffer.from('{ half'), 'json');
  assert.equal(await cache.getJson(hash, 'probe', 'k'), undefined);
});

test('StageProgress reports stage, progress with an ETA, and done', () => {
  const events: ProgressEvent[] = [];
  const progress = new StageProgress('decode', 4, (event) => events.push(event), 0);
  progress.advance();
  progress.advance(3);
  progress.finish();
  assert.deepEqual(events[0], { type: 'stage', stage: 'decode', total: 4 });
  const last = events.filter((event) => event.type === 'progress').at(-1);
  assert.equal(last?.type === 'progress' && last.done, 4);
  assert.deepEqual(events.at(-1), { type: 'done', stage: 'decode' });
});
