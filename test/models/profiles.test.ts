/**
 * Model profiles: image token costs checked against the worked examples the providers publish (each
 * vector names its source), model-id → family resolution, profile overrides and their errors, and a
 * property loop over image sizes for every family.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import {
  familyAliases,
  familyForModel,
  modelPatterns,
  profileFamilies,
  resolveProfile,
  type ProfileFamilyId,
} from '../../src/models/profiles/index.js';
import { openAiImagePatches, openAiPatchGrid } from '../../src/models/profiles/openai-patches.js';
import { qwenSmartResize } from '../../src/models/profiles/qwen2-5-vl.js';

const profile = (id: ProfileFamilyId) => profileFamilies[id];

// OpenAI, "Images and vision" → "Calculating costs":
// https://platform.openai.com/docs/guides/images-vision#calculating-costs
describe('OpenAI tile rule (gpt-4o class)', () => {
  test('worked examples for gpt-4o: 1024×1024 → 765, 2048×4096 → 1105', () => {
    // "4 512px square tiles are needed … 170 * 4 + 85 = 765"; "6 512px tiles … 170 * 6 + 85 = 1105".
    assert.equal(profile('gpt-4o').imageTokens(1024, 1024), 765);
    assert.equal(profile('gpt-4o').imageTokens(2048, 4096), 1105);
  });

  test('the resized sizes the worked examples walk through', () => {
    // "we scale the image down to 768 x 768"; "scale down … to 1024 x 2048 … further … to 768 x 1536".
    assert.deepEqual(profile('gpt-4o').effectiveImageSize(1024, 1024), { width: 768, height: 768 });
    assert.deepEqual(profile('gpt-4o').effectiveImageSize(2048, 4096), { width: 768, height: 1536 });
  });

  test("each model's base and tile tokens from the page's table, on the 1024×1024 example (4 tiles)", () => {
    // Table: "4o, 4.1, 4.5 85 170", "4o-mini 2833 5667", "o1, o1-pro, o3 75 150", "gpt-5 … 70 140".
    assert.equal(profile('gpt-4.1').imageTokens(1024, 1024), 85 + 4 * 170);
    assert.equal(profile('gpt-4o-mini').imageTokens(1024, 1024), 2833 + 4 * 5667);
    assert.equal(profile('o1').imageTokens(1024, 1024), 75 + 4 * 150);
    assert.equal(profile('o3').imageTokens(1024, 1024), 75 + 4 * 150);
    assert.equal(profile('gpt-5').imageTokens(1024, 1024), 70 + 4 * 140);
  });

  test('small images are not enlarged to 768 px (community worked example, community.openai.com/t/492318: 500×500 → 255)', () => {
    assert.equal(profile('gpt-4o').imageTokens(500, 500), 255);
    assert.deepEqual(profile('gpt-4o').effectiveImageSize(500, 500), { width: 500, height: 500 });
  });

  test('scaled sides round to the nearest pixel (billing observed in community.openai.com/t/1281361)', () => {
    // gpt-4.1 billed 1453 for 2049×513 and 773 for 2050×513, each with the same 8 tokens of message overhead.
    assert.equal(profile('gpt-4.1').imageTokens(2049, 513), 1453 - 8);
    assert.equal(profile('gpt-4.1').imageTokens(2050, 513), 773 - 8);
  });
});

describe('OpenAI patch rule (gpt-4.1-mini, gpt-4.1-nano, o4-mini, gpt-5-mini, gpt-5-nano)', () => {
  test('worked examples: 1024×1024 → 1024 patches; 1800×2400 → 33 × 44 = 1452 patches', () => {
    assert.equal(openAiImagePatches(1024, 1024), 1024);
    assert.equal(openAiImagePatches(1800, 2400), 1452);
    // "The final width is then … 1056 and the final height is … 1408".
    assert.deepEqual(openAiPatchGrid(1800, 2400), { columns: 33, rows: 44, size: { width: 1056, height: 1408 } });
  });

  test("the page's multipliers applied to the 1024-patch example, rounded up", () => {
    // Multipliers: gpt-5-mini 1.62, gpt-5-nano 2.46, gpt-4.1-mini 1.62, gpt-4.1-nano 2.46, o4-mini 1.72.
    assert.equal(profile('gpt-4.1-mini').imageTokens(1024, 1024), 1659);
    assert.equal(profile('gpt-5-mini').imageTokens(1024, 1024), 1659);
    assert.equal(profile('gpt-4.1-nano').imageTokens(1024, 1024), 2520);
    assert.equal(profile('gpt-5-nano').imageTokens(1024, 1024), 2520);
    assert.equal(profile('o4-mini').imageTokens(1024, 1024), 1762);
  });

  test("OpenAI's pricing calculator: gpt-4.1-mini, 4000×1474 → 2348 (quoted in community.openai.com/t/1281361)", () => {
    assert.equal(profile('gpt-4.1-mini').imageTokens(4000, 1474), 2348);
  });

  test('never more than 1536 patches', () => {
    for (const [width, height] of [[6000, 6000], [8000, 300], [2049, 2049], [1537, 1537]] as const) {
      assert.ok(openAiImagePatches(width, height) <= 1536, `${width}×${height}`);
    }
  });
});

// Anthropic, "Vision": https://platform.claude.com/docs/en/build-with-claude/vision
describe('Anthropic Claude', () => {
  test('"Calculate image costs" examples: 200×200 ≈ 54, 1000×1000 ≈ 1334, 1092×1092 ≈ 1590', () => {
    assert.equal(profile('claude').imageTokens(200, 200), 54);
    assert.equal(profile('claude').imageTokens(1000, 1000), 1334);
    assert.equal(profile('claude').imageTokens(1092, 1092), 1590);
  });

  test('"Evaluate image size": the listed maximum sizes are not resized', () => {
    for (const [width, height] of [[1092, 1092], [951, 1268], [896, 1344], [819, 1456], [784, 1568]] as const) {
      assert.deepEqual(profile('claude').effectiveImageSize(width, height), { width, height });
    }
  });

  test('a long edge over 1568 px is scaled down, keeping the aspect ratio', () => {
    const size = profile('claude').effectiveImageSize(4000, 1000);
    assert.ok(size.width <= 1568);
    assert.ok(Math.abs(size.width / size.height - 4) < 0.01);
    // A 12-megapixel photo lands near the ~1,600-token ceiling the page states.
    const photo = profile('claude').imageTokens(4032, 3024);
    assert.ok(photo >= 1590 && photo <= 1640, String(photo));
  });

  test('up to 100 images per API request (200k-context models)', () => {
    assert.equal(profile('claude').maxImagesPerRequest, 100);
  });
});

// Google, "Understand and count tokens" (https://ai.google.dev/gemini-api/docs/tokens), "Video understanding"
// (https://ai.google.dev/gemini-api/docs/video-understanding) and "Media resolution" for Gemini 3.
describe('Google Gemini', () => {
  test('both dimensions ≤ 384 px → 258 tokens', () => {
    assert.equal(profile('gemini').imageTokens(384, 384), 258);
    assert.equal(profile('gemini').imageTokens(100, 300), 258);
  });

  test('larger images → 258 tokens per 768×768 tile', () => {
    assert.equal(profile('gemini').imageTokens(768, 768), 258);
    assert.equal(profile('gemini').imageTokens(1536, 768), 2 * 258);
    assert.equal(profile('gemini').imageTokens(1920, 1080), 6 * 258);
  });

  test('video: 258 tokens per frame sampled at 1 fps; times as MM:SS', () => {
    const gemini = profile('gemini');
    assert.equal(gemini.nativeVideo?.kind, 'gemini-file');
    assert.equal(gemini.nativeVideo?.tokensPerFrame?.(1920, 1080), 258);
    assert.equal(gemini.timestampStyle, 'mmss');
  });

  test('Gemini 3: 1120 tokens per image (high), 70 per video frame (default low)', () => {
    assert.equal(profile('gemini-3').imageTokens(64, 64), 1120);
    assert.equal(profile('gemini-3').imageTokens(4032, 3024), 1120);
    assert.equal(profile('gemini-3').nativeVideo?.tokensPerFrame?.(1280, 720), 70);
    assert.equal(profile('gemini-3').timestampStyle, 'mmss');
  });
});

// huggingface/transformers qwen2_vl image_processing_qwen2_vl.py (smart_resize) and video_processing_qwen2_vl.py;
// Qwen2.5-VL preprocessor_config.json: min_pixels 3136, max_pixels 12845056.
describe('Qwen2.5-VL', () => {
  test('the pixel bounds: 4 tokens at least, 16384 at most (vllm-project/vllm#20123 reserves 16384 per image)', () => {
    assert.equal(profile('qwen2.5-vl').imageTokens(56, 56), 4);
    assert.equal(profile('qwen2.5-vl').imageTokens(10, 10), 4);
    assert.equal(profile('qwen2.5-vl').imageTokens(3584, 3584), 16_384);
  });

  test('sides round to the nearest multiple of 28, halves to the even one', () => {
    // 1080 / 28 = 38.57 → 39 rows, 1920 / 28 = 68.57 → 69 columns.
    assert.deepEqual(qwenSmartResize(1920, 1080), { width: 1932, height: 1092 });
    assert.equal(profile('qwen2.5-vl').imageTokens(1920, 1080), 39 * 69);
    // 140 / 28 = 5 exactly; 70 / 28 = 2.5 rounds to 2 as Python's round does.
    assert.deepEqual(qwenSmartResize(140, 70), { width: 140, height: 56 });
  });

  test('a frame inside a native video costs half its grid (temporal_patch_size = 2)', () => {
    const qwen = profile('qwen2.5-vl');
    assert.equal(qwen.nativeVideo?.kind, 'vllm-video-url');
    // 640×360 → 644×364, a 23 × 13 grid: 299 tokens as an image, 149.5 per frame in a video.
    assert.equal(qwen.imageTokens(640, 360), 299);
    assert.equal(qwen.nativeVideo?.tokensPerFrame?.(640, 360), 299 / 2);
    // Video frames are also capped at 768·28·28 px, so a 1080p frame costs far less than as an image.
    assert.ok(qwen.nativeVideo!.tokensPerFrame!(1920, 1080) <= 768 / 2);
  });
});

describe('resolveProfile: model id → family', () => {
  const cases: Array<[string, ProfileFamilyId]> = [
    ['openai:gpt-4o', 'gpt-4o'],
    ['openai:gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai:chatgpt-4o-latest', 'gpt-4o'],
    ['openai:gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['openai:gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['openai:gpt-4.1-mini', 'gpt-4.1-mini'],
    ['openai:gpt-4.1-nano-2025-04-14', 'gpt-4.1-nano'],
    ['openai:o3', 'o3'],
    ['openai:o3-mini', 'default'],
    ['openai:o4-mini-2025-04-16', 'o4-mini'],
    ['openai:gpt-5', 'gpt-5'],
    ['openai:gpt-5-mini', 'gpt-5-mini'],
    ['openai-compatible:openai/gpt-4o', 'gpt-4o'],
    ['anthropic:claude-sonnet-4-5', 'claude'],
    ['anthropic:claude-3-5-haiku-20241022', 'claude'],
    ['google:gemini-2.0-flash', 'gemini'],
    ['google:gemini-2.5-pro', 'gemini'],
    ['google:gemini-3-pro-preview', 'gemini-3'],
    ['openai-compatible:Qwen/Qwen2.5-VL-7B-Instruct', 'qwen2.5-vl'],
    ['vllm:qwen2.5-vl-7b', 'qwen2.5-vl'],
    ['ollama:qwen2.5vl:7b', 'qwen2.5-vl'],
    ['ollama:llava', 'default'],
    ['transformers:HuggingFaceTB/SmolVLM-256M-Instruct', 'default'],
    ['oracle:', 'default'],
  ];
  for (const [modelId, family] of cases) {
    test(`${modelId} → ${family}`, () => {
      assert.equal(resolveProfile(modelId).family, family);
    });
  }

  test('native video only where the provider sends it', () => {
    assert.equal(resolveProfile('vllm:qwen2.5-vl-7b').nativeVideo?.kind, 'vllm-video-url');
    assert.equal(resolveProfile('openai-compatible:Qwen/Qwen2.5-VL-7B-Instruct').nativeVideo, null);
    assert.equal(resolveProfile('google:gemini-2.0-flash').nativeVideo?.kind, 'gemini-file');
    assert.equal(resolveProfile('openai-compatible:gemini-2.0-flash').nativeVideo, null);
  });

  test('the result is frozen and leaves the registry untouched', () => {
    const resolved = resolveProfile('vllm:qwen2.5-vl-7b', { maxImagesPerRequest: 4 });
    assert.ok(Object.isFrozen(resolved));
    assert.equal(profileFamilies['qwen2.5-vl'].maxImagesPerRequest, 8);
  });

  test('a model id without a provider is a ConfigError naming the source', () => {
    assert.throws(
      () => resolveProfile('gpt-4o', undefined, 'file reelm.config.json'),
      (error: unknown) => ConfigError.isInstance(error) && error.source === 'file reelm.config.json' && /provider:model/.test(error.message),
    );
  });
});

describe('resolveProfile: overrides', () => {
  test('a vLLM server configured with fewer images and a shorter context', () => {
    const resolved = resolveProfile('vllm:qwen2.5-vl-7b', { maxImagesPerRequest: 4, contextTokens: 32768 });
    assert.equal(resolved.maxImagesPerRequest, 4);
    assert.equal(resolved.contextTokens, 32768);
    assert.equal(resolved.imageTokens(1920, 1080), 2691);
  });

  test('booleans, timestamp style, prices and turning native video off', () => {
    const resolved = resolveProfile('vllm:qwen2.5-vl-7b', {
      supportsTools: true,
      timestampStyle: 'mmss',
      nativeVideo: false,
      prices: { inputUsdPerMillion: 0, outputUsdPerMillion: 0, source: 'self-hosted' },
    });
    assert.equal(resolved.supportsTools, true);
    assert.equal(resolved.timestampStyle, 'mmss');
    assert.equal(resolved.nativeVideo, null);
    assert.equal(resolved.prices?.source, 'self-hosted');
  });

  test('`family` gives a custom-named model the rule of a known family (aliases accepted)', () => {
    assert.equal(resolveProfile('vllm:my-finetune', { family: 'qwen2.5-vl' }).imageTokens(1920, 1080), 2691);
    assert.equal(resolveProfile('vllm:my-finetune', { family: 'qwen2_5_vl' }).nativeVideo?.kind, 'vllm-video-url');
  });

  test('a shorter context alone also bounds the output', () => {
    assert.equal(resolveProfile('openai:gpt-5', { contextTokens: 32768 }).maxOutputTokens, 32768);
  });

  const errorCases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown field', { maxImages: 4 }, /unknown profile field "maxImages"/],
    ['a string for a number', { contextTokens: '32k' }, /profile field "contextTokens"/],
    ['zero images', { maxImagesPerRequest: 0 }, /profile field "maxImagesPerRequest"/],
    ['a fractional count', { maxOutputTokens: 10.5 }, /profile field "maxOutputTokens"/],
    ['a number for a boolean', { supportsJson: 1 }, /profile field "supportsJson"/],
    ['prices without their source', { prices: { inputUsdPerMillion: 1, outputUsdPerMillion: 2 } }, /profile field "prices\.source"/],
    ['an unknown family', { family: 'llava' }, /profile field "family": unknown family "llava"/],
    ['turning native video on', { nativeVideo: true }, /profile field "nativeVideo"/],
    ['more output than context', { contextTokens: 4096, maxOutputTokens: 8192 }, /profile field "maxOutputTokens"/],
  ];
  for (const [name, overrides, message] of errorCases) {
    test(`${name} is a ConfigError naming the source and the field`, () => {
      assert.throws(
        () => resolveProfile('vllm:qwen2.5-vl-7b', overrides, 'file reelm.config.json (models.local.profile)'),
        (error: unknown) =>
          ConfigError.isInstance(error) &&
          error.source === 'file reelm.config.json (models.local.profile)' &&
          message.test(error.message),
      );
    });
  }
});

describe('the registry', () => {
  test("each profile's family is its key, and the registry is frozen", () => {
    assert.ok(Object.isFrozen(profileFamilies));
    for (const [id, entry] of Object.entries(profileFamilies)) assert.equal(entry.family, id);
  });

  test('aliases neither shadow a family id nor hide a pattern', () => {
    for (const alias of Object.keys(familyAliases)) assert.ok(!Object.hasOwn(profileFamilies, alias), alias);
    for (const { family } of modelPatterns) assert.ok(Object.hasOwn(profileFamilies, family), family);
  });

  test('names nothing recognises are `default`', () => {
    assert.equal(familyForModel('some-new-model'), 'default');
    assert.equal(familyForModel('gpt-4.10'), 'default');
  });
});

describe('property: imageTokens over sizes, for every family', () => {
  // Fixed aspect ratios, short side from 56 px to 6000 px. Within a ratio a bigger image should not cost
  // less, except where a provider's own rule dips, and then only by the amount listed with its reason.
  const allowedDip: Partial<Record<ProfileFamilyId, { fraction: number; why: string }>> = {
    'gpt-4.1-mini': { fraction: 0.06, why: 'past 1536 patches the documented refit to whole patches varies with size' },
    'gpt-4.1-nano': { fraction: 0.06, why: 'as gpt-4.1-mini' },
    'o4-mini': { fraction: 0.06, why: 'as gpt-4.1-mini' },
    'gpt-5-mini': { fraction: 0.06, why: 'as gpt-4.1-mini' },
    'gpt-5-nano': { fraction: 0.06, why: 'as gpt-4.1-mini' },
    claude: { fraction: 0.005, why: 'past the size limits the resized sides are whole pixels' },
    'qwen2.5-vl': { fraction: 0.02, why: 'past max_pixels smart_resize rounds each side down to 28 px' },
  };
  const ratios = [[1, 1], [4, 3], [3, 4], [16, 9], [9, 16], [21, 9], [2, 1], [1, 3]] as const;

  for (const [id, entry] of Object.entries(profileFamilies) as Array<[ProfileFamilyId, (typeof profileFamilies)[ProfileFamilyId]]>) {
    test(`${id}: an integer ≥ 1, not decreasing with area beyond its allowed dip`, () => {
      const dip = allowedDip[id]?.fraction ?? 0;
      for (const [ratioWidth, ratioHeight] of ratios) {
        let previous = 0;
        for (let shortSide = 56; shortSide <= 6000; shortSide += 7) {
          const scale = shortSide / Math.min(ratioWidth, ratioHeight);
          const width = Math.round(ratioWidth * scale);
          const height = Math.round(ratioHeight * scale);
          const tokens = entry.imageTokens(width, height);
          assert.ok(Number.isInteger(tokens) && tokens >= 1, `${id} ${width}×${height}: ${tokens}`);
          assert.ok(tokens >= previous * (1 - dip), `${id} ${width}×${height}: ${previous} → ${tokens}`);
          previous = Math.max(previous, tokens);
        }
      }
    });
  }

  test('tiny and degenerate sizes still cost at least one token, and zero is rejected', () => {
    for (const entry of Object.values(profileFamilies)) {
      assert.ok(entry.imageTokens(1, 1) >= 1, entry.family);
      assert.ok(entry.imageTokens(1, 4000) >= 1, entry.family);
      assert.throws(() => entry.imageTokens(0, 100), entry.family);
    }
  });
});
