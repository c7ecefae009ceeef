import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createCliWorkspace } from './library-cli-support.js';

const workspace = createCliWorkspace('search');
after(() => workspace.dispose());
let library = '';

interface SearchOutput {
  query: string;
  kind: string;
  hits: Array<{ video: { path: string }; kind: string; span: { start: number; end: number }; value: string; score: number }>;
}

before(async () => {
  // ava_people.mp4 has real drawn labels ("watch …: 0.54", "stand: 0.79") that OCR reads (README facts).
  library = workspace.makeLibrary('clips', ['ava_people.mp4', 'test_clip.mp4']);
  const run = await workspace.reelm(['index', library, '--analyzers', 'ocr', '--json']);
  assert.equal(run.code, 0, run.stderr);
});

test('search finds on-screen words in the video that shows them, inside its duration', async () => {
  const run = await workspace.reelm(['search', 'watch', '--json'], { cwd: library });
  assert.equal(run.code, 0, run.stderr);
  const output = JSON.parse(run.stdout) as SearchOutput;
  assert.equal(output.kind, 'any');
  assert.ok(output.hits.length > 0, 'no hits for "watch"');
  for (const hit of output.hits) {
    assert.equal(hit.video.path, path.join(library, 'ava_people.mp4'));
    assert.equal(hit.kind, 'text');
    assert.match(hit.value.toLowerCase(), /watch/);
    assert.ok(hit.span.start >= 0 && hit.span.end <= 9.6 && hit.span.end >= hit.span.start);
  }
  // Ranked: scores never increase down the list.
  for (let index = 1; index < output.hits.length; index++) assert.ok(output.hits[index]!.score <= output.hits[index - 1]!.score + 1e-9);
  const stand = JSON.parse((await workspace.reelm(['search', 'stand', '--kind', 'text', '--json'], { cwd: library })).stdout) as SearchOutput;
  assert.ok(stand.hits.some((hit) => /stand/i.test(hit.value)));
});

test('search filters by video and kind, and honours --limit', async () => {
  const other = await workspace.reelm(['search', 'watch', '--video', path.join(library, 'test_clip.mp4'), '--json'], { cwd: library });
  assert.equal(other.code, 0, other.stderr);
  assert.equal((JSON.parse(other.stdout) as SearchOutput).hits.length, 0);
  const speech = await workspace.reelm(['search', 'watch', '--kind', 'speech', '--json'], { cwd: library });
  assert.equal((JSON.parse(speech.stdout) as SearchOutput).hits.length, 0);
  const one = await workspace.reelm(['search', 'watch', '--limit', '1', '--json'], { cwd: library });
  assert.equal((JSON.parse(one.stdout) as SearchOutput).hits.length, 1);
});

test('search prints readable lines with a #t= link, and says when nothing matched', async () => {
  const run = await workspace.reelm(['search', 'watch', '--limit', '2'], { cwd: library });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^\d\d:\d\d:\d\d\.\d-\d\d:\d\d:\d\d\.\d {2}text/m);
  assert.match(run.stdout, /ava_people\.mp4#t=\d/);
  const none = await workspace.reelm(['search', 'zeppelin'], { cwd: library });
  assert.equal(none.code, 0);
  assert.match(none.stdout, /no hits for "zeppelin"/);
  // Query syntax is data: quotes and operators cannot break the search.
  const odd = await workspace.reelm(['search', '"watch* NEAR -stand'], { cwd: library });
  assert.equal(odd.code, 0, odd.stderr);
});

test('search outside any library, visual search without an embedder, an unknown video: exit 1 with what to do', async () => {
  const outside = await workspace.reelm(['search', 'watch'], { cwd: workspace.root });
  assert.equal(outside.code, 1);
  assert.match(outside.stderr, /no reelm library .*reelm index/);
  const visual = await workspace.reelm(['search', 'two people arm wrestling', '--kind', 'visual'], { cwd: library });
  assert.equal(visual.code, 1);
  assert.match(visual.stderr, /needs an image-text embedder/);
  const unknown = await workspace.reelm(['search', 'watch', '--video', 'elsewhere.mp4', '--library', library]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /elsewhere\.mp4.*not in the library/);
  const badKind = await workspace.reelm(['search', 'watch', '--kind', 'smell'], { cwd: library });
  assert.equal(badKind.code, 1);
});
