/**
 * Local Whisper end to end through the store: the `speech` entry for the tiny Whisper
 * (scripts/build-tiny-models.py; a model double that says " sound" where the audio is loud) is
 * registered beside the offline analyzers, `ingestVideo` runs it on a generated clip in 60-s units, and
 * text search finds the stored `speech` signals in the span where the tone sounds. A second ingest with
 * the same settings runs nothing.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createAnalyzerRegistry, builtinAnalyzerEntries } from '../../src/memory/ingest/analyzer-registry.js';
import { ingestVideo } from '../../src/memory/ingest/ingest-video.js';
import { searchText } from '../../src/memory/query/index.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { whisperAnalyzerEntry } from '../../src/perception/speech/whisper-analyzer.js';
import { ffmpeg } from '../support/media-generators.js';
import { tinyModels, tinyModelsUnavailable } from '../support/tiny-models.js';

let folder: string;
before(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-whisper-ingest-'))));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

test('ingest with local Whisper stores speech signals that text search finds', { skip: tinyModelsUnavailable(), timeout: 300_000 }, async () => {
  const { whisper } = await tinyModels();
  const clip = path.join(folder, 'talk.mp4');
  // 70 s, so the span analyzer runs two 60-s units; the tone sounds at 12–15 s and at 64–66 s.
  await ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=5:duration=70',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=70',
    '-filter_complex', "[1:a]volume='if(between(t,12,15)+between(t,64,66),0.5,0)':eval=frame[a]",
    '-map', '0:v', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '50', '-c:a', 'aac', '-shortest', clip,
  ]);
  const registry = createAnalyzerRegistry([...builtinAnalyzerEntries, whisperAnalyzerEntry({ model: whisper })]);
  const store = openStore({ file: path.join(folder, 'store.sqlite') });
  try {
    const first = await ingestVideo(store, clip, { registry, analyzers: ['speech'], cache: null });
    const stage = first.stages.find((summary) => summary.stage === 'analyzer:speech');
    assert.ok(stage && stage.units === 2 && stage.ran === 2, JSON.stringify(first.stages));
    const hits = searchText(store, 'sound', { kinds: ['speech'] });
    assert.equal(hits.length, 2, JSON.stringify(hits));
    const spans = hits.map((hit) => hit.span).sort((a, b) => a.start - b.start);
    const expected = [{ start: 12, end: 15 }, { start: 64, end: 66 }];
    spans.forEach((span, index) => {
      const { start, end } = expected[index]!;
      assert.ok(Math.abs(span.start - start) <= 0.1 && Math.abs(span.end - end) <= 0.1, `${JSON.stringify(span)} vs ${start}–${end}`);
    });
    for (const hit of hits) {
      assert.equal(hit.kind, 'speech');
      assert.equal(hit.producer, 'whisper:tiny-whisper');
      assert.equal(hit.video.path, clip);
    }
    assert.deepEqual(searchText(store, 'sound', { kinds: ['text'] }), []);
    const again = await ingestVideo(store, clip, { registry, analyzers: ['speech'], cache: null });
    assert.equal(again.stages.find((summary) => summary.stage === 'analyzer:speech')?.ran, 0);
  } finally {
    store.close();
  }
});
