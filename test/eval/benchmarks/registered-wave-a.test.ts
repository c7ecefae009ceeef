/**
 * The ten wave-A benchmarks through the registry: each is registered under its id, loads from its fixture
 * folder, builds a prompt, scores a response and aggregates an official report; and each names the
 * missing file and where it comes from when `--data` does not hold it.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { NotFoundError } from '../../../src/core/errors.js';
import { getBenchmark } from '../../../src/eval/benchmark-registry.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/benchmarks');
const ids = ['videomme', 'mvbench', 'mlvu', 'lvbench', 'charades-sta', 'nextgqa', 'longvideobench', 'egoschema', 'tvbench', 'perception-test'];

for (const id of ids) {
  test(`${id}: registered, loads its fixture, prompts, scores and reports`, async () => {
    const benchmark = getBenchmark(id);
    const docs = await benchmark.load({ dataDir: path.join(fixtures, id) });
    assert.ok(docs.length > 0);
    const limited = await benchmark.load({ dataDir: path.join(fixtures, id), limit: 1 });
    assert.equal(limited.length, 1);
    for (const doc of docs) {
      assert.ok(benchmark.docToPrompt(doc).text.length > 0);
      assert.ok(path.isAbsolute(benchmark.docToVisual(doc).video));
    }
    const scores = docs.map((doc) => benchmark.scoreDoc(doc, 'A'));
    const report = benchmark.aggregate!(docs, scores);
    assert.ok(Object.values(report.metrics).every((value) => Number.isFinite(value)), id);
    assert.equal(report.total, docs.length);
  });
}

test('every wave-A benchmark names the missing file and its source', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-empty-data-'));
  try {
    for (const id of ids) {
      const error = await getBenchmark(id).load({ dataDir: empty }).then(() => undefined, (e: unknown) => e);
      assert.ok(NotFoundError.isInstance(error), id);
      assert.match((error as Error).message, new RegExp(`${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*not found; it comes from `), id);
    }
  } finally {
    fs.rmSync(empty, { recursive: true });
  }
});
