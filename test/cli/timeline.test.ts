import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { escapeXml, mergeSpans, renderTimelineSvg, tickInterval } from '../../src/cli/timeline-svg.js';
import { createCliWorkspace } from './library-cli-support.js';

test('timeline layout: one lane per kind, object labels ranked by time present, names escaped', () => {
  const signals = [
    { kind: 'object', span: { start: 0, end: 50 }, value: 'car' },
    { kind: 'object', span: { start: 0, end: 5 }, value: 'dog' },
    { kind: 'object', span: { start: 10, end: 20 }, value: 'person' },
    { kind: 'text', span: { start: 30, end: 40 }, value: 'EXIT 12' },
    { kind: 'loudness', span: { start: 0, end: 60 }, value: -23 },
  ];
  const layout = renderTimelineSvg({ title: 'a<b>&c.mp4', duration: 60, segments: [{ start: 0, end: 30 }, { start: 30, end: 60 }], signals });
  assert.deepEqual(layout.lanes, ['scenes (2)', 'people', 'car', 'dog', 'on-screen text', 'speech', 'motion', 'loudness / silence']);
  assert.match(layout.svg, /a&lt;b&gt;&amp;c\.mp4/);
  assert.ok(!layout.svg.includes('a<b>'));
  assert.equal(layout.height, 44 + layout.lanes.length * 34 + 28);
  // Ticks every 10 s on a minute: 0, 10, … 60.
  assert.equal((layout.svg.match(/text-anchor="middle"/g) ?? []).length, 7);
});

test('timeline: only the top object labels get lanes; an empty index still draws every lane', () => {
  const signals = ['a', 'b', 'c', 'd'].map((label, index) => ({ kind: 'object', span: { start: 0, end: index + 1 }, value: label }));
  assert.deepEqual(renderTimelineSvg({ title: 't', duration: 10, segments: [], signals, maxObjectLanes: 2 }).lanes.slice(2, 4), ['d', 'c']);
  assert.deepEqual(renderTimelineSvg({ title: 't', duration: 10, segments: [], signals: [] }).lanes,
    ['scenes (0)', 'people', 'objects', 'on-screen text', 'speech', 'motion', 'loudness / silence']);
});

test('timeline helpers: spans closer than a pixel merge; ticks stay readable; XML is escaped', () => {
  assert.deepEqual(mergeSpans([{ start: 5, end: 6 }, { start: 0, end: 1 }, { start: 1.05, end: 2 }], 0.1), [{ start: 0, end: 2 }, { start: 5, end: 6 }]);
  assert.equal(tickInterval(60), 10);
  assert.equal(tickInterval(3600), 600);
  assert.equal(tickInterval(9.5), 1);
  assert.equal(escapeXml(`"it's" <&>`), '&quot;it&apos;s&quot; &lt;&amp;&gt;');
});

test('reelm timeline draws an indexed video as a PNG with its scenes, people and on-screen text', async () => {
  const workspace = createCliWorkspace('timeline');
  const library = workspace.makeLibrary('clips', ['ava_people.mp4']);
  const indexed = await workspace.reelm(['index', library, '--analyzers', 'ocr,objects', '--json']);
  assert.equal(indexed.code, 0, indexed.stderr);
  const out = path.join(workspace.root, 'pictures', 'ava.png');
  const run = await workspace.reelm(['timeline', 'ava_people.mp4', '--out', out, '--json'], { cwd: library });
  assert.equal(run.code, 0, run.stderr);
  const summary = JSON.parse(run.stdout) as { out: string; width: number; height: number; lanes: string[]; signals: Record<string, number> };
  assert.equal(summary.out, out);
  assert.ok(summary.signals.text! > 0, 'OCR found no text to draw');
  assert.ok((summary.signals.people ?? 0) + (summary.signals.object ?? 0) > 0, 'the detector found nobody to draw');
  const image = sharp(fs.readFileSync(out));
  const metadata = await image.metadata();
  assert.equal(metadata.format, 'png');
  assert.equal(metadata.width, 1600);
  assert.equal(metadata.height, summary.height);
  // The people and on-screen-text lanes are painted where the analyzers found them: sample each lane's
  // middle row near the start (people arm wrestling under drawn labels from the first frame, README facts).
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const pixelInLane = (lane: string): number[] => {
    const y = 44 + summary.lanes.indexOf(lane) * 34 + 17;
    const offset = (y * info.width + 160) * info.channels;
    return [data[offset]!, data[offset + 1]!, data[offset + 2]!];
  };
  assert.deepEqual(pixelInLane('on-screen text'), [0x8e, 0x44, 0xad]);
  assert.deepEqual(pixelInLane('people'), [0xe0, 0x7b, 0x39]);
  assert.deepEqual(pixelInLane('speech'), [0xff, 0xff, 0xff]);

  const svgOut = path.join(workspace.root, 'ava.svg');
  const svg = await workspace.reelm(['timeline', path.join(library, 'ava_people.mp4'), '--out', svgOut]);
  assert.equal(svg.code, 0, svg.stderr);
  assert.match(fs.readFileSync(svgOut, 'utf8'), /^<svg /);
  const notIndexed = await workspace.reelm(['timeline', path.join(workspace.root, 'other.mp4'), '--library', library]);
  assert.equal(notIndexed.code, 1);
  assert.match(notIndexed.stderr, /not in the library/);
  workspace.dispose();
});
