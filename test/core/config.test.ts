import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-config-'));
}

test('layers override in order file < env < flag, and each value reports its source', () => {
  const dir = tempDir();
  const file = path.join(dir, 'reelm.config.json');
  fs.writeFileSync(file, JSON.stringify({ frames: { size: 512, mode: 'keyframe' }, models: { judge: { model: 'openai:gpt-4o' } }, roles: { judge: 'judge' } }));
  const nested = path.join(dir, 'a', 'b');
  fs.mkdirSync(nested, { recursive: true });
  const { config, sources, file: found } = loadConfig({
    cwd: nested,
    env: { REELM_FRAME_SIZE: '640', REELM_FFMPEG: '/opt/ffmpeg', HOME: dir },
    flags: { 'frames.size': { value: 800, flag: '--size' } },
  });
  assert.equal(found, file);
  assert.equal(config.frames.size, 800);
  assert.equal(sources.get('frames.size'), 'flag --size');
  assert.equal(config.frames.mode, 'keyframe');
  assert.equal(sources.get('frames.mode'), `file ${file}`);
  assert.equal(config.ffmpeg, '/opt/ffmpeg');
  assert.equal(sources.get('ffmpeg'), 'env REELM_FFMPEG');
  assert.equal(config.frames.format, 'jpeg');
  assert.equal(sources.get('frames.format'), 'default');
  assert.equal(config.models.judge?.model, 'openai:gpt-4o');
});

test('several named models, and REELM_MODEL fills the default one', () => {
  const dir = tempDir();
  const { config, sources } = loadConfig({ cwd: dir, env: { HOME: dir, REELM_MODEL: 'ollama:qwen2.5vl', XDG_CONFIG_HOME: dir } });
  assert.equal(config.models.default?.model, 'ollama:qwen2.5vl');
  assert.equal(sources.get('models.default.model'), 'env REELM_MODEL');
});

test('a bad value is reported with the place to fix it', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'reelm.config.json'), JSON.stringify({ frames: { size: 'big' } }));
  assert.throws(
    () => loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: dir } }),
    (error: unknown) => ConfigError.isInstance(error) && error.source.startsWith('file ') && /frames\.size/.test(error.message),
  );
  assert.throws(
    () => loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: dir, REELM_FRAME_SIZE: 'huge' } }),
    (error: unknown) => ConfigError.isInstance(error) && error.source === 'env REELM_FRAME_SIZE',
  );
});

test('unknown keys and broken JSON are rejected, not ignored', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'reelm.config.json'), '{ "frams": {} }');
  assert.throws(() => loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: dir } }), ConfigError);
  fs.writeFileSync(path.join(dir, 'reelm.config.json'), '{ nope');
  assert.throws(() => loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: dir } }), /not a JSON object/);
});
