import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortedError, FfmpegError, NotFoundError } from '../../src/core/errors.js';
import { runMediaTool } from '../../src/media/run-media-tool.js';
import { setMediaToolPath } from '../../src/media/tools.js';

// ffmpeg waiting for raw video on stdin that never comes: alive, but silent.
const silentArgs = ['-hide_banner', '-v', 'error', '-f', 'rawvideo', '-s', '2x2', '-pix_fmt', 'gray', '-i', 'pipe:0', '-f', 'null', '-'];
const keepStdinOpen = async (stdin: NodeJS.WritableStream): Promise<void> => {
  stdin.on('error', () => undefined);
};

test('a stalled process is killed by the watchdog with a typed error', async () => {
  const started = Date.now();
  await assert.rejects(runMediaTool('ffmpeg', silentArgs, { stallTimeoutMs: 400, stdinWriter: keepStdinOpen }), (error: unknown) => {
    assert.ok(FfmpegError.isInstance(error));
    assert.match(error.message, /made no progress/);
    assert.deepEqual(error.args, silentArgs);
    return true;
  });
  assert.ok(Date.now() - started < 10_000);
});

test('a process that keeps producing output is not killed however long it runs', async () => {
  // 3 s of output at 100 ms intervals with a 1 s stall limit: healthy throughout.
  const args = ['-hide_banner', '-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=32x32:rate=10:duration=3', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'];
  let bytes = 0;
  await runMediaTool('ffmpeg', args, { stallTimeoutMs: 1000, onStdout: (chunk) => (bytes += chunk.length) });
  assert.equal(bytes, 30 * 32 * 32);
});

test('an AbortSignal stops the process', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  await assert.rejects(runMediaTool('ffmpeg', silentArgs, { signal: controller.signal, stdinWriter: keepStdinOpen }), (error: unknown) => AbortedError.isInstance(error));
});

test('a failing command keeps the stderr tail and exit code', async () => {
  await assert.rejects(runMediaTool('ffprobe', ['-v', 'error', '/no/such/file.mp4']), (error: unknown) => {
    assert.ok(FfmpegError.isInstance(error));
    assert.equal(error.exitCode, 1);
    assert.match(error.stderrTail, /No such file/);
    return true;
  });
});

test('a missing binary is a NotFoundError that says how to install or point to one', async () => {
  setMediaToolPath('ffprobe', '/nonexistent/ffprobe');
  try {
    await assert.rejects(runMediaTool('ffprobe', ['-version']), (error: unknown) => {
      assert.ok(NotFoundError.isInstance(error));
      assert.match(error.message, /REELM_FFPROBE/);
      return true;
    });
  } finally {
    setMediaToolPath('ffprobe', 'ffprobe');
  }
});
