/**
 * Turning local Whisper on, the ways a user does: `reelm index --speech whisper:<folder>`, or the config's
 * `speech` role, then `reelm search --kind speech` (the real CLI in a child process, on the tiny Whisper
 * of scripts/build-tiny-models.py); the spec and config parsers; and doctor's speech line, which loads
 * the configured model for real or says how to turn speech on.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { defaultConfig } from '../../src/core/config.js';
import { checkSpeech } from '../../src/cli/doctor-checks.js';
import { configuredSpeechEntry, speechEntryFromModel, speechEntryFromSpec } from '../../src/perception/speech/speech-entry.js';
import { createCliWorkspace } from '../cli/library-cli-support.js';
import { ffmpeg } from '../support/media-generators.js';
import { tinyModels, tinyModelsUnavailable } from '../support/tiny-models.js';

describe('speech specs and config', () => {
  test('whisper:<model> and endpoint URLs become the speech entry; anything else is a ConfigError', () => {
    const local = speechEntryFromSpec('whisper:./models/whisper-tiny.en');
    assert.equal(local.id, 'speech');
    assert.match(local.description, /Whisper \(\.\/models\/whisper-tiny\.en\) through transformers\.js/);
    assert.match(speechEntryFromSpec('http://127.0.0.1:8080/v1#large-v3').description, /through http:\/\/127\.0\.0\.1:8080\/v1 \(large-v3\)/);
    assert.match(speechEntryFromSpec('https://api.example/v1').description, /\(whisper-1\)/);
    // A folder that exists is read as a folder even when it looks like a Hub id.
    const folderLike = path.join(os.tmpdir(), `reelm-whisper-spec-${process.pid}`, 'models', 'whisper-tiny.en');
    fs.mkdirSync(folderLike, { recursive: true });
    try {
      const relative = path.relative(process.cwd(), folderLike);
      assert.ok(speechEntryFromSpec(`whisper:${relative}`).description.includes(`(${folderLike})`));
    } finally {
      fs.rmSync(path.dirname(path.dirname(folderLike)), { recursive: true, force: true });
    }
    assert.ok(speechEntryFromSpec('whisper:models/not-here').description.includes('(models/not-here)'));
    for (const bad of ['whisper:', 'ollama:whisper', 'talk.mp4']) {
      assert.throws(() => speechEntryFromSpec(bad), (error: Error) => error.name === 'ConfigError' && /flag --speech/.test(error.message) && /whisper:<model folder or Hub id>/.test(error.message));
    }
  });

  test('roles.speech picks a configured model; bad options and dangling roles are ConfigErrors', () => {
    const config = defaultConfig({});
    assert.equal(configuredSpeechEntry(config), undefined);
    config.models.asr = { model: 'whisper:Xenova/whisper-tiny.en', options: { allowDownload: true, timestamps: 'word' } };
    config.roles.speech = 'asr';
    assert.match(configuredSpeechEntry(config)!.description, /Whisper \(Xenova\/whisper-tiny\.en\)/);
    assert.throws(() => speechEntryFromModel({ model: 'whisper:x', options: { timestamps: 'letters' } }, 'config models.asr'), (error: Error) => error.name === 'ConfigError' && /timestamps/.test(error.message));
    assert.throws(() => speechEntryFromModel({ model: 'openai-compatible:whisper-1' }, 'config models.asr'), (error: Error) => error.name === 'ConfigError' && /baseURL/.test(error.message));
    assert.match(speechEntryFromModel({ model: 'openai-compatible:whisper-1', baseURL: 'http://127.0.0.1:9/v1' }, 'w').description, /127\.0\.0\.1:9/);
    config.roles.speech = 'missing';
    assert.throws(() => configuredSpeechEntry(config), (error: Error) => error.name === 'ConfigError' && /roles\.speech/.test(error.message));
  });
});

describe('the command line with local Whisper', { skip: tinyModelsUnavailable() }, () => {
  const workspace = createCliWorkspace('whisper-cli');
  let model = '';
  before(async () => {
    model = (await tinyModels()).whisper;
    await ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=5:duration=8',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=8',
      '-filter_complex', "[1:a]volume='if(between(t,2,5),0.5,0)':eval=frame[a]",
      '-map', '0:v', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(workspace.root, 'talk.mp4'),
    ]);
  });
  after(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  test('reelm index --speech whisper:<folder> stores speech that reelm search --kind speech finds', { timeout: 300_000 }, async () => {
    const index = await workspace.reelm(['index', 'talk.mp4', '--speech', `whisper:${model}`, '--analyzers', 'speech', '--json']);
    assert.equal(index.code, 0, index.stderr);
    const summary = JSON.parse(index.stdout) as { videos: Array<{ status: string; stages: Array<{ stage: string; ran: number }> }> };
    assert.equal(summary.videos[0]!.status, 'indexed');
    assert.ok(summary.videos[0]!.stages.some((stage) => stage.stage === 'analyzer:speech' && stage.ran === 1));
    const search = await workspace.reelm(['search', 'sound', '--kind', 'speech', '--json']);
    assert.equal(search.code, 0, search.stderr);
    const { kind, hits: list } = JSON.parse(search.stdout) as { kind: string; hits: Array<{ kind: string; span: { start: number; end: number }; producer: string }> };
    assert.equal(kind, 'speech');
    assert.equal(list.length, 1, search.stdout);
    assert.equal(list[0]!.kind, 'speech');
    assert.equal(list[0]!.producer, 'whisper:tiny-whisper');
    assert.ok(Math.abs(list[0]!.span.start - 2) <= 0.1 && Math.abs(list[0]!.span.end - 5) <= 0.1, JSON.stringify(list[0]));
    const bad = await workspace.reelm(['index', 'talk.mp4', '--speech', 'talk.mp4']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /flag --speech: "talk\.mp4" is not a speech model/);
  });

  test('doctor: speech not configured says how to turn it on; configured, the model is loaded', { timeout: 120_000 }, async () => {
    const signal = AbortSignal.timeout(60_000);
    const off = await checkSpeech({ config: defaultConfig({}), signal });
    assert.equal(off.status, 'not-configured');
    assert.match(off.detail, /local Whisper can run here \(transformers\.js \d/);
    assert.match(off.fix!, /--speech whisper:/);
    const config = defaultConfig({});
    config.models.asr = { model: `whisper:${model}` };
    config.roles.speech = 'asr';
    const on = await checkSpeech({ config, signal });
    assert.equal(on.status, 'ok', on.detail);
    assert.match(on.detail, /Whisper .* Loaded in \d/);
    config.models.asr = { model: `whisper:${path.join(workspace.root, 'nothing-here')}` };
    const broken = await checkSpeech({ config, signal });
    assert.equal(broken.status, 'failed');
    assert.match(broken.detail, /nothing-here/);
  });
});
