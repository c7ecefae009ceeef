import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { AbortedError } from '../../src/core/errors.js';
import { ingestVideo } from '../../src/memory/ingest/ingest-video.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { oracleModel, renderCaptionClip } from '../memory/support/caption-clip.js';
import { createColourEmbedderDouble } from '../memory/support/embedder-double.js';
import { createCliWorkspace } from './library-cli-support.js';

const workspace = createCliWorkspace('library');
after(() => workspace.dispose());

interface LibraryOutput {
  library: string;
  videos: Array<{ path: string; state: string; segments: number; keyframes: number; stagesPending: string[]; stagesMissing: string[] }>;
  notIndexed: Array<{ path: string; state: string }>;
}

async function libraryState(library: string): Promise<LibraryOutput> {
  const run = await workspace.reelm(['library', '--json'], { cwd: library });
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as LibraryOutput;
}

test('library lists indexed, not-indexed, changed and missing videos', async () => {
  const library = workspace.makeLibrary('shelf', ['test_clip.mp4', 'structuralize.mp4']);
  const indexed = await workspace.reelm(['index', library, '--analyzers', 'none', '--json']);
  assert.equal(indexed.code, 0, indexed.stderr);
  fs.mkdirSync(path.join(library, 'later'));
  fs.copyFileSync(path.join(library, 'test_clip.mp4'), path.join(library, 'later', 'copy.mp4'));

  const state = await libraryState(library);
  assert.equal(state.library, library);
  assert.deepEqual(state.videos.map((video) => [path.basename(video.path), video.state]), [['structuralize.mp4', 'indexed'], ['test_clip.mp4', 'indexed']]);
  for (const video of state.videos) assert.ok(video.segments > 0 && video.keyframes > 0);
  assert.deepEqual(state.notIndexed, [{ path: path.join(library, 'later', 'copy.mp4'), state: 'not-indexed' }]);

  fs.appendFileSync(path.join(library, 'structuralize.mp4'), Buffer.alloc(100));
  fs.rmSync(path.join(library, 'test_clip.mp4'));
  const after = await libraryState(library);
  assert.deepEqual(after.videos.map((video) => [path.basename(video.path), video.state]), [['structuralize.mp4', 'changed'], ['test_clip.mp4', 'missing']]);

  const text = await workspace.reelm(['library'], { cwd: path.join(library, 'later') });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /changed\s+00:00:10\s+structuralize\.mp4/);
  assert.match(text.stdout, /not-indexed\s+later\/copy\.mp4/);
});

test('an ingest killed part-way shows as partial; indexing again resumes and completes it', async () => {
  const library = workspace.makeLibrary('killed', ['ava_people.mp4']);
  const child = workspace.spawnReelm(['index', library, '--analyzers', 'ocr', '--json']);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const storeFile = path.join(library, '.reelm', 'store.sqlite');
  // Kill it hard once the OCR stage has begun and before it is done.
  const deadline = Date.now() + 120_000;
  let killed = false;
  while (!killed && Date.now() < deadline && child.exitCode === null) {
    if (fs.existsSync(storeFile)) {
      const db = new Database(storeFile, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare("SELECT done FROM ingest_stages WHERE stage = 'analyzer:ocr'").get() as { done: number } | undefined;
        if (row?.done === 0) killed = child.kill('SIGKILL');
      } catch {
        // The schema may not be there yet.
      } finally {
        db.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await exited;
  assert.ok(killed, 'the ingest finished before it could be killed mid-stage');
  const partial = await libraryState(library);
  assert.equal(partial.videos[0]!.state, 'partial');
  // OCR runs beside the keyframe stage (ingest lanes), so keyframes may be unfinished too; segments never.
  const pending = partial.videos[0]!.stagesPending;
  assert.ok(pending.includes('analyzer:ocr'), pending.join(', '));
  assert.ok(pending.every((stage) => ['keyframes', 'analyzer:ocr'].includes(stage)), pending.join(', '));

  const resumed = await workspace.reelm(['index', library, '--analyzers', 'ocr', '--json']);
  assert.equal(resumed.code, 0, resumed.stderr);
  const report = (JSON.parse(resumed.stdout) as { videos: Array<{ stages: Array<{ stage: string; ran: number; skipped: number }> }> }).videos[0]!;
  // Stages finished before the kill are not redone.
  assert.deepEqual(report.stages.filter((stage) => !pending.includes(stage.stage)).map((stage) => stage.ran), report.stages.filter((stage) => !pending.includes(stage.stage)).map(() => 0));
  assert.ok(report.stages.some((stage) => stage.stage === 'segments' && stage.ran === 0));
  assert.equal((await libraryState(library)).videos[0]!.state, 'indexed');
});

test('an ingest stopped between two stages shows as partial with the stage it never began', async () => {
  const library = workspace.makeLibrary('between', []);
  const clip = await renderCaptionClip(library);
  const store = openStore({ library, env: workspace.env });
  const controller = new AbortController();
  try {
    // Stopped once the embeddings stage is done and before the captions stage begins: no stage row is left unfinished.
    await assert.rejects(ingestVideo(store, clip, {
      cache: null,
      analyzers: [],
      segmentation: { method: 'chunks', seconds: 6 },
      embedder: createColourEmbedderDouble(),
      captionModel: await oracleModel(),
      signal: controller.signal,
      onUnit: (event) => {
        if (event.stage.startsWith('embeddings:') && event.unitIndex === event.unitCount - 1) controller.abort();
      },
    }), (error: unknown) => AbortedError.isInstance(error));
  } finally {
    store.close();
  }
  const state = await libraryState(library);
  assert.deepEqual(state.videos.map((video) => [video.state, video.stagesPending, video.stagesMissing]), [['partial', [], ['captions']]]);
  const text = await workspace.reelm(['library'], { cwd: library });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /partial\s+00:00:12\s+caption-clip\.mp4 .*not finished: captions\)/);
});

test('index --caption-model captions each segment; search --kind caption finds them; the library shows the video indexed', async () => {
  const library = workspace.makeLibrary('captioned', []);
  await renderCaptionClip(library);
  const indexed = await workspace.reelm(['index', library, '--analyzers', 'none', '--caption-model', 'oracle:reference', '--json']);
  assert.equal(indexed.code, 0, indexed.stderr);
  const report = (JSON.parse(indexed.stdout) as { videos: Array<{ stages: Array<{ stage: string; units: number; ran: number }> }> }).videos[0]!;
  const captions = report.stages.find((stage) => stage.stage === 'captions')!;
  assert.ok(captions.units > 0 && captions.ran === captions.units);

  const search = await workspace.reelm(['search', 'red circle', '--kind', 'caption', '--json'], { cwd: library });
  assert.equal(search.code, 0, search.stderr);
  const hits = (JSON.parse(search.stdout) as { hits: Array<{ kind: string; span: { start: number; end: number }; value: string }> }).hits;
  assert.ok(hits.length > 0, search.stdout);
  for (const hit of hits) {
    assert.equal(hit.kind, 'caption');
    assert.match(hit.value, /red circle/i);
    assert.ok(hit.span.start < 6, 'the red circle is in the first scene');
  }
  const state = await libraryState(library);
  assert.deepEqual(state.videos.map((video) => [video.state, video.stagesMissing]), [['indexed', []]]);
});

test('library with no library around says how to make one', async () => {
  const run = await workspace.reelm(['library'], { cwd: workspace.root });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /no reelm library at or above .*reelm index/);
});
