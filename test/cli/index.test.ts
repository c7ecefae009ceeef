import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { createCliWorkspace, sharedMedia } from './library-cli-support.js';

const workspace = createCliWorkspace('index');
after(() => workspace.dispose());

interface IndexSummary {
  library: string;
  store: string;
  videos: Array<{ path: string; status: string; unitsRun?: number; unitsSkipped?: number; framesAnalysed?: number; error?: string; stages?: Array<{ stage: string }> }>;
}

test('index a folder: the store is made in it, the video analysed; a second run does no work', async () => {
  const library = workspace.makeLibrary('talks', ['ava_people.mp4']);
  const first = await workspace.reelm(['index', library, '--analyzers', 'ocr', '--json']);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout) as IndexSummary;
  assert.equal(summary.library, library);
  assert.equal(summary.store, path.join(library, '.reelm', 'store.sqlite'));
  assert.ok(fs.existsSync(summary.store));
  assert.equal(summary.videos.length, 1);
  const [video] = summary.videos;
  assert.equal(video!.status, 'indexed');
  assert.equal(video!.path, path.join(library, 'ava_people.mp4'));
  assert.ok(video!.unitsRun! > 0);
  assert.ok(video!.framesAnalysed! > 0);
  assert.deepEqual(video!.stages!.map((stage) => stage.stage), ['segments', 'keyframes', 'analyzer:ocr']);

  // From inside the library, with no path flags: found as git finds its repository; nothing to redo.
  const again = await workspace.reelm(['index', 'ava_people.mp4', '--analyzers', 'ocr', '--json'], { cwd: library });
  assert.equal(again.code, 0, again.stderr);
  const second = JSON.parse(again.stdout) as IndexSummary;
  assert.equal(second.store, summary.store);
  assert.equal(second.videos[0]!.unitsRun, 0);
  assert.equal(second.videos[0]!.unitsSkipped, video!.unitsRun);
});

test('a broken file in a folder is reported by name; the other videos are still indexed; exit 1', async () => {
  const library = workspace.makeLibrary('mixed', ['test_clip.mp4']);
  fs.writeFileSync(path.join(library, 'notes.mp4'), 'these are meeting notes, not a video\n');
  const run = await workspace.reelm(['index', library, '--analyzers', 'none', '--json']);
  assert.equal(run.code, 1, run.stderr);
  const summary = JSON.parse(run.stdout) as IndexSummary;
  const byName = new Map(summary.videos.map((video) => [path.basename(video.path), video]));
  assert.equal(byName.get('test_clip.mp4')!.status, 'indexed');
  assert.equal(byName.get('notes.mp4')!.status, 'failed');
  assert.match(byName.get('notes.mp4')!.error!, /notes\.mp4/);
  assert.match(run.stderr, /notes\.mp4/);
  assert.match(run.stderr, /could not be indexed/);
});

test('index reports a missing path and an empty folder as input errors', async () => {
  const missing = await workspace.reelm(['index', path.join(workspace.root, 'nowhere')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nowhere: no such file or folder/);
  const empty = path.join(workspace.root, 'empty');
  fs.mkdirSync(empty);
  const none = await workspace.reelm(['index', empty]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /holds no video files/);
  const unknown = await workspace.reelm(['index', workspace.makeLibrary('unknown-analyzer', ['test_clip.mp4']), '--analyzers', 'telepathy']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown analyzer "telepathy"/);
});

test('--watch indexes a video copied in later, and Ctrl-C ends it cleanly', async () => {
  const folder = path.join(workspace.root, 'incoming');
  fs.mkdirSync(folder);
  const child = workspace.spawnReelm(['index', folder, '--watch', '--analyzers', 'none', '--json']);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (predicate: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 120_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stdout: ${stdout}; stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  try {
    // The first pass over the empty folder prints its (empty) summary; then the watch begins.
    await waitFor(() => stdout.includes('"videos": []'), 'the first summary');
    fs.copyFileSync(path.join(sharedMedia, 'test_clip.mp4'), path.join(folder, 'pool.mp4'));
    await waitFor(() => /"status":"indexed"/.test(stdout), 'the copied video to be indexed');
    const line = stdout.split('\n').find((text) => text.includes('"status":"indexed"'))!;
    const report = JSON.parse(line) as { path: string; unitsRun: number };
    assert.equal(report.path, path.join(folder, 'pool.mp4'));
    assert.ok(report.unitsRun > 0);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, stderr);
  assert.ok(fs.existsSync(path.join(folder, '.reelm', 'store.sqlite')));
});
