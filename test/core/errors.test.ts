import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortedError, ApiCallError, FfmpegError, MediaError, ReelmError, throwIfAborted } from '../../src/core/errors.js';

test('isInstance recognises errors by marker, not by prototype chain', () => {
  const error = new MediaError('a.mp4', 'not-found', 'no such file');
  assert.ok(ReelmError.isInstance(error));
  assert.ok(MediaError.isInstance(error));
  assert.ok(!FfmpegError.isInstance(error));
  // A copy from another module instance: same marker symbol (Symbol.for), different class identity.
  const foreign = Object.assign(Object.create(null), { [Symbol.for('reelm.error')]: true, name: 'MediaError' });
  assert.ok(MediaError.isInstance(foreign));
  assert.ok(!ReelmError.isInstance(new Error('plain')));
});

test('MediaError names the input and is an input problem', () => {
  const error = new MediaError('clip.mp4', 'empty-file', 'is empty');
  assert.equal(error.message, 'clip.mp4: is empty');
  assert.equal(error.kind, 'input');
  assert.equal(error.reason, 'empty-file');
});

test('ApiCallError infers retryability from the status code', () => {
  assert.equal(new ApiCallError({ url: 'u', statusCode: 429, message: 'slow down' }).isRetryable, true);
  assert.equal(new ApiCallError({ url: 'u', statusCode: 503, message: 'down' }).isRetryable, true);
  assert.equal(new ApiCallError({ url: 'u', statusCode: 400, message: 'bad' }).isRetryable, false);
});

test('throwIfAborted throws an AbortedError once the signal fires', () => {
  const controller = new AbortController();
  throwIfAborted(controller.signal);
  controller.abort();
  assert.throws(() => throwIfAborted(controller.signal), (error: unknown) => AbortedError.isInstance(error));
});
