/**
 * The `transformers:` provider end to end on a tiny random LLaVA model, through transformers.js's real
 * processor, chat template, image-token merge and KV-cache generation, with real frames decoded from a
 * clip and messages from `assembleMessages`. Random weights give nonsense text, so the tests check the
 * path and the shapes (image tokens per frame, usage, streaming, limits), never words. Also the CLIP
 * embedder on a tiny CLIP-shaped model (its own checks and the shared Embedder conformance suite, created
 * through `createEmbedder('transformers-clip:<folder>')`), and the errors for a missing model folder.
 *
 * The models are built by scripts/build-tiny-models.py (Debian python3-onnx); without it the suite skips
 * with the reason.
 */

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AbortedError, NotFoundError, ReelmError } from '../../src/core/errors.js';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { defaultCallPolicy } from '../../src/models/call-policy.js';
import { TransformersClipEmbedder } from '../../src/models/embedders/transformers-clip.js';
import type { ImagePart } from '../../src/models/messages.js';
import { resolveProfile } from '../../src/models/profiles/index.js';
import { loadTransformersModule, modelSource, resolveModelLocation } from '../../src/models/providers/transformers-location.js';
import type { PreparedInputs } from '../../src/models/providers/transformers-vlm.js';
import { TransformersLanguageModel, transformersProvider } from '../../src/models/providers/transformers.js';
import { assembleMessages } from '../../src/plan/assemble-messages.js';
import sharp from 'sharp';
import type { LanguageModel } from '../../src/models/language-model.js';
import type { ModelMessage } from '../../src/models/messages.js';
import { ResponseCache } from '../../src/models/response-cache.js';
import { tinyModels, tinyModelsUnavailable, type TinyModels } from '../support/tiny-models.js';
import { describeLanguageModelConformance, type ReceivedPart } from './conformance.js';
import { createEmbedder } from '../../src/models/embedders/index.js';
import { describeEmbedderConformance } from './embedder-conformance.js';

const clip = fileURLToPath(new URL('../../../shared/media/test_clip.mp4', import.meta.url));
const skip = tinyModelsUnavailable();
// scripts/ensure-test-tools.sh installs what the build needs, so a missing tool is a failure, not a quiet skip.
test('the tiny models can be built here', () => {
  assert.equal(skip, undefined, skip);
});
const tokensPerImage = 16; // (32 / 8)²: crop 32 px, patch 8, no extra tokens (see the build script)
const imageTokenId = 4;

let models: TinyModels;
let frames: ImagePart[] = [];

before(async () => {
  if (skip) return;
  models = await tinyModels();
  const times = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5];
  const decoded = await decodeFrames(clip, times, { size: 64, format: 'jpeg', cache: null });
  frames = decoded.frames.map((frame) => ({
    type: 'image',
    image: frame.image,
    mediaType: 'image/jpeg',
    time: frame.time,
    width: frame.width,
    height: frame.height,
  }));
});

function llava(hooks: ConstructorParameters<typeof TransformersLanguageModel>[4] = {}, options: Record<string, unknown> = {}): TransformersLanguageModel {
  return new TransformersLanguageModel(
    'tiny-llava',
    resolveProfile('transformers:tiny-llava'),
    { ...defaultCallPolicy, maxRetries: 0 },
    { modelPath: models.llava, ...options },
    hooks,
  );
}

function countImageTokens(prepared: PreparedInputs): number {
  return [...(prepared.inputs.input_ids!.data as BigInt64Array)].filter((id) => id === BigInt(imageTokenId)).length;
}

describe('transformers: tiny LLaVA end to end', { skip }, () => {
  let model: TransformersLanguageModel;
  let prepared: PreparedInputs | undefined;
  before(() => {
    model = llava({ onPrepared: (inputs) => (prepared = inputs) });
  });
  after(() => model.dispose());

  for (const count of [1, 3, 8]) {
    test(`${count} frame(s): one image-token run per frame, usage, streaming, limits`, async () => {
      assert.equal(frames.length, 8);
      const evidence = frames.slice(0, count);
      const messages = assembleMessages({ question: 'What happens in the video?', duration: 10, evidence });
      const deltas: string[] = [];
      const started = performance.now();
      const response = await model.generate({ messages, parameters: { maxOutputTokens: 6 }, onTextDelta: (delta) => deltas.push(delta) });
      const wall = performance.now() - started;

      assert.ok(prepared);
      assert.equal(prepared.images.length, count);
      assert.equal(prepared.tokensPerImage, tokensPerImage);
      assert.equal(countImageTokens(prepared), count * tokensPerImage, 'image tokens in the prompt = frames × tokens per image');
      assert.deepEqual(prepared.inputs.pixel_values!.dims, [count, 3, 32, 32]);
      // each frame's time label precedes its placeholder in the templated prompt
      const labels = [...prepared.prompt.matchAll(/\[(\d\d:\d\d:\d\d\.\d)\] <image>/g)].map((match) => match[1]);
      assert.equal(labels.length, count);

      assert.equal(response.usage.images, count);
      assert.equal(response.usage.inputTokens, prepared.inputs.input_ids!.dims[1]);
      assert.ok(response.usage.outputTokens !== null && response.usage.outputTokens >= 1 && response.usage.outputTokens <= 6);
      assert.equal(response.finishReason, response.usage.outputTokens === 6 ? 'length' : 'stop');
      assert.ok(response.text.length > 0);
      assert.ok(deltas.length >= 1);
      assert.equal(deltas.join(''), response.text, 'streamed deltas concatenate to the text');
      assert.equal(response.parameters.maxOutputTokens, 6);
      assert.equal(response.parameters.temperature, 0);
      assert.equal(response.fromCache, false);
      assert.ok(response.latencyMs > 0 && response.latencyMs <= wall + 1);
      assert.equal(response.endpoint.provider, 'transformers');
      assert.match(response.endpoint.engine ?? '', /^transformers\.js \d+\.\d+\.\d+/);
      assert.match(response.endpoint.revision ?? '', /^config-sha256:/);
      assert.deepEqual(response.warnings, []);
    });
  }

  test('greedy decoding is deterministic, and the model loads once per instance', async () => {
    const messages = assembleMessages({ question: 'Describe the frames.', duration: 10, evidence: frames.slice(0, 2) });
    const first = model.load();
    assert.equal(model.load(), first);
    const a = await model.generate({ messages, parameters: { maxOutputTokens: 4 } });
    const b = await model.generate({ messages, parameters: { maxOutputTokens: 4 } });
    assert.equal(a.text, b.text);
    assert.equal(model.load(), first);
  });

  test('maxOutputTokens bounds the output; unsupported parameters come back as warnings', async () => {
    const messages = assembleMessages({ question: 'What is seen?', duration: 10, evidence: frames.slice(0, 1) });
    const response = await model.generate({ messages, parameters: { maxOutputTokens: 2, logprobs: true, seed: 3 } });
    assert.ok((response.usage.outputTokens ?? 0) <= 2);
    assert.equal(response.warnings.length, 2);
    assert.equal(response.parameters.seed, undefined, 'seed is not reported as used when decoding is greedy');
  });

  test('stop sequences end generation early and are cut from the text', async () => {
    const messages = assembleMessages({ question: 'What happens?', duration: 10, evidence: frames.slice(0, 1) });
    const full = await model.generate({ messages, parameters: { maxOutputTokens: 6 } });
    const words = full.text.split(' ');
    assert.ok(words.length >= 3, `need a few words to pick a stop from: ${JSON.stringify(full.text)}`);
    const stop = words.at(-1)!;
    const stopped = await model.generate({ messages, parameters: { maxOutputTokens: 6, stopSequences: [stop] } });
    assert.equal(stopped.text, full.text.slice(0, full.text.indexOf(stop)));
    assert.equal(stopped.finishReason, 'stop');
    assert.deepEqual(stopped.parameters.stopSequences, [stop]);
  });

  test('a text-only request works and reports no images', async () => {
    const response = await model.generate({ messages: [{ role: 'user', content: 'what is the dog doing ?' }], parameters: { maxOutputTokens: 3 } });
    assert.equal(response.usage.images, 0);
    assert.equal(prepared?.inputs.pixel_values, undefined);
  });

  test('native video parts are refused with a typed error', async () => {
    const messages = [{ role: 'user' as const, content: [{ type: 'video' as const, path: clip, mediaType: 'video/mp4' }] }];
    await assert.rejects(model.generate({ messages }), (error) => ReelmError.isInstance(error) && /not native video/.test(error.message));
  });

  test('an aborted signal stops the call', async () => {
    const messages = assembleMessages({ question: 'What happens?', duration: 10, evidence: frames.slice(0, 1) });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(model.generate({ messages, signal: controller.signal }), (error) => AbortedError.isInstance(error));
  });

  test('the registry definition creates the same model', () => {
    const created = transformersProvider.create({
      modelId: 'tiny-llava',
      profile: resolveProfile('transformers:tiny-llava'),
      policy: defaultCallPolicy,
      options: { modelPath: models.llava },
    });
    assert.equal(created.id, 'transformers:tiny-llava');
    assert.equal(created.endpoint.baseURL, `file://${models.llava}`);
  });
});

describe('transformers: missing models', { skip }, () => {
  test('a missing folder is a NotFoundError naming it and saying how to get the model; downloads stay off', async () => {
    const missing = path.join(models.llava, '..', 'no-such-model');
    const model = llava({}, { modelPath: missing });
    await assert.rejects(model.generate({ messages: [{ role: 'user', content: 'hi' }] }), (error) => {
      assert.ok(NotFoundError.isInstance(error));
      assert.equal(error.what, path.resolve(missing));
      assert.ok(error.message.includes(path.resolve(missing)));
      assert.match(error.message, /huggingface-cli download/);
      assert.match(error.message, /allowDownload/);
      return true;
    });
  });

  test('a Hub id that is not on disk is not downloaded unless allowed', async () => {
    const model = new TransformersLanguageModel(
      'reelm-test/not-a-model',
      resolveProfile('transformers:reelm-test/not-a-model'),
      defaultCallPolicy,
      { localModelPath: path.join(models.llava, '..') },
    );
    await assert.rejects(model.generate({ messages: [{ role: 'user', content: 'hi' }] }), (error) => {
      assert.ok(NotFoundError.isInstance(error));
      assert.match(error.message, /huggingface-cli download reelm-test\/not-a-model/);
      assert.match(error.message, /downloading is off unless the provider option allowDownload is true/);
      return true;
    });
    assert.equal((await loadTransformersModule()).env.allowRemoteModels, false);
  });

  test('the embedder reports a missing folder the same way', async () => {
    const missing = path.join(models.clip, '..', 'no-such-clip');
    await assert.rejects(TransformersClipEmbedder.open('no-such-clip', { modelPath: missing }), (error) => NotFoundError.isInstance(error) && error.message.includes(missing));
  });
});

describe('transformers: model locations', () => {
  test('modelPath, localModelPath, a path as the id, and a Hub id under the reelm cache', () => {
    assert.equal(resolveModelLocation('x', { modelPath: '/m/tiny' }).folder, '/m/tiny');
    assert.deepEqual(resolveModelLocation('owner/name', { localModelPath: '/m' }), { folder: '/m/owner/name', hubId: 'owner/name', allowDownload: false });
    assert.deepEqual(resolveModelLocation('/abs/model', {}), { folder: '/abs/model', hubId: null, allowDownload: false });
    assert.equal(resolveModelLocation('./rel/model', {}).hubId, null);
    assert.match(resolveModelLocation('owner/name', {}).folder, /reelm[\\/]models[\\/]owner[\\/]name$/);
  });

  test('with allowDownload a missing Hub model is fetched by id into its folder; never for plain paths', async () => {
    const location = resolveModelLocation('owner/name', { localModelPath: '/nonexistent-root', allowDownload: true });
    assert.deepEqual(await modelSource(location, 'test'), {
      source: 'owner/name',
      remote: true,
      loadOptions: { local_files_only: false, cache_dir: '/nonexistent-root' },
    });
    await assert.rejects(modelSource(resolveModelLocation('/nonexistent-root/m', { allowDownload: true }), 'test'), (error) => NotFoundError.isInstance(error));
  });
});

describe('transformers: CLIP embedder on a tiny CLIP model', { skip }, () => {
  let embedder: TransformersClipEmbedder;
  before(async () => {
    embedder = await TransformersClipEmbedder.open('tiny-clip', { modelPath: models.clip, batchSize: 2 });
  });
  after(() => embedder.dispose());

  const norm = (vector: Float32Array): number => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

  test('images and texts embed into one normalised space, in batches', async () => {
    assert.equal(embedder.id, 'transformers:tiny-clip');
    assert.equal(embedder.dimensions, 16);
    const images = await embedder.embedImages(frames.slice(0, 5).map((frame) => frame.image));
    const texts = await embedder.embedTexts(['a dog jumps', 'a red car', 'people in the pool', 'a dog jumps', 'x']);
    assert.equal(images.length, 5);
    assert.equal(texts.length, 5);
    for (const vector of [...images, ...texts]) {
      assert.equal(vector.length, 16);
      assert.ok(Math.abs(norm(vector) - 1) < 1e-5);
    }
    assert.deepEqual(texts[0], texts[3], 'the same text gives the same vector whatever its batch');
    assert.notDeepEqual(texts[0], texts[1]);
    const [single] = await embedder.embedImages([frames[4]!.image]);
    assert.ok(single && images[4]!.every((value, index) => Math.abs(value - single[index]!) < 1e-5), 'batching does not change a vector');
    assert.deepEqual(await embedder.embedTexts([]), []);
  });
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The conformance suite's frames are placeholder bytes, not decodable JPEGs. The subject swaps each for a
 * real JPEG of its own colour (one to one) before the provider sees it, and maps the images the processor
 * received back to the suite's hashes, so count, order and labels are still checked through the real
 * processor and chat template.
 */
async function conformanceSubject() {
  const tiny = await tinyModels();
  const toReal = new Map<string, Promise<Uint8Array>>();
  const toSuite = new Map<string, string>();
  const realFor = (bytes: Uint8Array): Promise<Uint8Array> => {
    const key = sha256(bytes);
    let real = toReal.get(key);
    if (!real) {
      const shade = (toReal.size * 60) % 256;
      real = sharp({ create: { width: 64, height: 36, channels: 3, background: { r: shade, g: 255 - shade, b: 90 } } }).jpeg().toBuffer().then((buffer) => {
        const jpeg = new Uint8Array(buffer);
        toSuite.set(sha256(jpeg), key);
        return jpeg;
      });
      toReal.set(key, real);
    }
    return real;
  };
  const calls: Array<{ parts: ReceivedPart[]; parameters: Record<string, unknown> }> = [];
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-transformers-cache-'));
  const policy = { ...defaultCallPolicy, cache: new ResponseCache(cacheDir) };
  const inner = new TransformersLanguageModel('tiny-llava', resolveProfile('transformers:tiny-llava'), policy, { modelPath: tiny.llava }, {
    onPrepared: (prepared, parameters) => {
      let image = 0;
      const parts = prepared.chat.flatMap((message): ReceivedPart[] => {
        if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
        return message.content.map((part) => {
          if (part.type === 'text') return part;
          const real = sha256(prepared.images[image++]!);
          return { type: 'image', sha256: toSuite.get(real) ?? real };
        });
      });
      calls.push({ parts, parameters: { ...parameters } });
    },
  });
  const model: LanguageModel = {
    id: inner.id,
    profile: inner.profile,
    endpoint: inner.endpoint,
    generate: async (request) => {
      const messages = await Promise.all(request.messages.map(async (message): Promise<ModelMessage> => {
        if (message.role !== 'user' || typeof message.content === 'string') return message;
        const content = await Promise.all(message.content.map(async (part) => (part.type === 'image' ? { ...part, image: await realFor(part.image) } : part)));
        return { ...message, content };
      }));
      return inner.generate({ ...request, messages });
    },
  };
  const close = async (): Promise<void> => {
    await inner.dispose();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  };
  return { model, received: () => calls, close, hasCache: true };
}

if (!skip) describeLanguageModelConformance('transformers (tiny LLaVA, in-process)', conformanceSubject);

if (!skip) {
  describeEmbedderConformance('transformers-clip (tiny CLIP, in-process)', async () => {
    const embedder = await createEmbedder(`transformers-clip:${(await tinyModels()).clip}`, { options: { batchSize: 2 } });
    assert.ok(embedder instanceof TransformersClipEmbedder);
    return { embedder, close: () => embedder.dispose() };
  });
}
