import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { chooseModel, noModelHelp } from '../../src/cli/resolve-model.js';
import { readTaskFlags } from '../../src/cli/task-flags.js';
import { clipSpanFor } from '../../src/cli/write-answer-files.js';
import { defaultConfig, type ReelmConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';

test('shared task flags: values, output paths resolved, formats from the extension', () => {
  const flags = readTaskFlags({ model: 'oracle:reference', maxImages: 8, span: '10-20', json: true, storyboard: 'out/seen.PNG', exportClip: 'c.mkv', html: 'a.html' });
  assert.equal(flags.model, 'oracle:reference');
  assert.equal(flags.maxImages, 8);
  assert.equal(flags.spanText, '10-20');
  assert.equal(flags.json, true);
  assert.equal(flags.showPlan, false);
  assert.deepEqual(flags.storyboard, { path: path.resolve('out/seen.PNG'), format: 'png' });
  assert.equal(flags.exportClip, path.resolve('c.mkv'));
  assert.equal(flags.html, path.resolve('a.html'));
  assert.deepEqual(readTaskFlags({}), { json: false, showPlan: false });
});

test('a wrong output extension is a ConfigError naming the flag, before any work', () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ storyboard: 'seen.gif' }, /flag --storyboard: "seen\.gif" must end in \.jpg, \.png or \.webp/],
    [{ exportClip: 'clip.gif' }, /flag --export-clip: "clip\.gif" must end in \.mp4, \.mov, \.mkv, \.webm/],
    [{ html: 'answer.txt' }, /flag --html: "answer\.txt" must end in \.html/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => readTaskFlags(options), (error: unknown) => ConfigError.isInstance(error) && message.test((error as Error).message));
  }
});

function config(fields: Partial<Pick<ReelmConfig, 'models' | 'roles'>>): ReelmConfig {
  return { ...defaultConfig({}), ...fields };
}

test('model choice: flag (name or id), then the subject role, then models.default; none when nothing is configured', () => {
  const models = {
    default: { model: 'ollama:qwen2.5vl:7b' },
    local: { model: 'vllm:Qwen/Qwen2.5-VL-7B-Instruct', baseURL: 'http://gpu:8000/v1' },
  };
  assert.equal(chooseModel(undefined, config({})), undefined);
  assert.deepEqual(chooseModel(undefined, config({ models })), { id: 'ollama:qwen2.5vl:7b', entry: models.default, name: 'default', source: 'models.default' });
  assert.deepEqual(chooseModel(undefined, config({ models, roles: { subject: 'local' } })), { id: models.local.model, entry: models.local, name: 'local', source: 'role subject' });
  assert.deepEqual(chooseModel('local', config({ models })), { id: models.local.model, entry: models.local, name: 'local', source: 'flag --model' });
  // A bare id picks up the entry configured for the same id (its base URL).
  assert.deepEqual(chooseModel('vllm:Qwen/Qwen2.5-VL-7B-Instruct', config({ models })), { id: models.local.model, entry: models.local, name: 'local', source: 'flag --model' });
  assert.deepEqual(chooseModel('oracle:reference', config({})), { id: 'oracle:reference', entry: {}, name: 'default', source: 'flag --model' });
  assert.throws(() => chooseModel(undefined, config({ models, roles: { subject: 'gone' } })), /roles\.subject: points at "gone"/);
});

test('the no-model help names every kind of server and the config file in a few lines', () => {
  const lines = noModelHelp.split('\n');
  assert.ok(lines.length <= 10);
  for (const name of ['vLLM', 'Ollama', 'LM Studio', 'OpenAI', 'Gemini', 'Anthropic', 'reelm.config.json', '--model']) assert.ok(noModelHelp.includes(name), name);
});

test('the clip span: the first span, at least a second, inside the video', () => {
  assert.deepEqual(clipSpanFor({ spans: [{ start: 2, end: 5.5 }, { start: 7, end: 8 }] }, 10), { start: 2, end: 5.5 });
  assert.deepEqual(clipSpanFor({ spans: [{ start: 4, end: 4 }] }, 10), { start: 3.5, end: 4.5 });
  assert.deepEqual(clipSpanFor({ spans: [{ start: 9.9, end: 12 }] }, 10), { start: 9, end: 10 });
  assert.deepEqual(clipSpanFor({ spans: [{ start: 0, end: 0.2 }] }, 10), { start: 0, end: 1 });
  assert.equal(clipSpanFor({ spans: [] }, 10), undefined);
});
