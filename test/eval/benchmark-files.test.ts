/**
 * Reading published benchmark files (src/eval/benchmark-files.ts): the first published path that exists,
 * a missing file named with its source, JSON Lines, and CSV with RFC 4180 quoting on real files in a
 * temporary folder.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, NotFoundError } from '../../src/core/errors.js';
import { findPublishedFile, parseCsv, parseJsonLines, readPublishedJson } from '../../src/eval/benchmark-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-benchmark-files-'));
after(() => fs.rmSync(dir, { recursive: true }));

test('the first published path that exists wins; none gives a NotFoundError naming every path and the source', async () => {
  fs.mkdirSync(path.join(dir, 'json'));
  fs.writeFileSync(path.join(dir, 'json/a.json'), '[1, 2]');
  const file = { paths: ['data/a.json', 'json/a.json'], source: 'github.com/example/bench (data/)' };
  assert.equal(await findPublishedFile(dir, file), path.join(dir, 'json/a.json'));
  assert.deepEqual((await readPublishedJson<number[]>(dir, file)).value, [1, 2]);
  const missing = await findPublishedFile(dir, { paths: ['x.json', 'y/x.json'], source: 'huggingface.co/datasets/example' }).catch((e: unknown) => e);
  assert.ok(NotFoundError.isInstance(missing));
  assert.match((missing as Error).message, /x\.json or .*y\/x\.json not found; it comes from huggingface\.co\/datasets\/example/);
});

test('a file that is not JSON is a ConfigError naming it', async () => {
  fs.writeFileSync(path.join(dir, 'bad.json'), '{"a": 1,}');
  const error = await readPublishedJson(dir, { paths: ['bad.json'], source: 's' }).catch((e: unknown) => e);
  assert.ok(ConfigError.isInstance(error));
  assert.match((error as Error).message, /bad\.json: is not valid JSON/);
});

test('JSON Lines: blank lines skipped, a bad line named by number', () => {
  assert.deepEqual(parseJsonLines('{"a":1}\n\n{"a":2}\r\n', 'f.jsonl'), [{ a: 1 }, { a: 2 }]);
  assert.throws(() => parseJsonLines('{"a":1}\n{oops}\n', 'f.jsonl'), /f\.jsonl:2/);
});

test('CSV: header keys, quoted commas, doubled quotes, newlines in quotes, CRLF, a BOM', () => {
  const text = '\uFEFFvideo_id,question,a0\r\n1,"why, then","say ""hi"""\r\n2,"two\nlines",x\n';
  assert.deepEqual(parseCsv(text, 'q.csv'), [
    { video_id: '1', question: 'why, then', a0: 'say "hi"' },
    { video_id: '2', question: 'two\nlines', a0: 'x' },
  ]);
  assert.throws(() => parseCsv('a,b\n1\n', 'q.csv'), /q\.csv:2: has 1 fields, the header has 2/);
});
