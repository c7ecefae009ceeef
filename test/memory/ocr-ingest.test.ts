/**
 * The default analyzer end to end: a clip of large words on white cards is indexed with the real offline
 * OCR (PaddleOCR on onnxruntime-node, perception's `ocr` analyzer from the default registry), and each word is found by text
 * search in the span where it is on screen, with a box inside the frame.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArtifactCache } from '../../src/core/artifact-cache.js';
import { ingestVideo } from '../../src/memory/ingest/ingest-video.js';
import { searchText, textInSpan } from '../../src/memory/query/index.js';
import { openStore } from '../../src/memory/store/open-store.js';
import { clipWords, wordsClip } from './support/clips.js';

let folder: string;
before(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-ocr-ingest-'))));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

test('words on screen are found by search in their spans', { timeout: 300_000 }, async () => {
  const clip = await wordsClip(folder);
  const store = openStore({ file: path.join(folder, 'store.sqlite') });
  try {
    const result = await ingestVideo(store, clip, { analyzers: ['ocr'], cache: new ArtifactCache({ root: path.join(folder, 'cache') }) });
    assert.ok(result.stages.some((stage) => stage.stage === 'analyzer:ocr' && stage.ran > 0), 'OCR ran');
    for (const { word, start, end } of clipWords) {
      const hits = searchText(store, word.toLowerCase(), { kinds: ['text'] });
      assert.ok(hits.length >= 1, `${word} found`);
      for (const hit of hits) {
        assert.ok(hit.span.start >= start - 0.01 && hit.span.start < end, `${word} at ${hit.span.start}, shown ${start}–${end}`);
        assert.equal(hit.producer, 'ocr:paddleocr-v4');
        assert.ok(hit.box && hit.box.x > 0 && hit.box.x + hit.box.width <= 1.0001);
        assert.equal(hit.confidence?.source, 'model-score');
      }
    }
    assert.deepEqual(textInSpan(store, clip, { start: 6, end: 7 }).map((hit) => String(hit.value).toUpperCase()), ['ENGINE']);
  } finally {
    store.close();
  }
});
