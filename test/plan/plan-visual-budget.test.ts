import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VideoInfo } from '../../src/media/video-info.js';
import type { ModelProfile } from '../../src/models/profile.js';
import { planForVideo } from '../../src/plan/plan-visual-budget.js';
import { allocateFramesToShots } from '../../src/plan/strategies/scene-aware.js';
import { mulberry32 as random } from '../../src/core/seeded-random.js';
import { virtualVideo } from './support/virtual-video.js';

function video(duration: number, width: number, height: number, fps = 30): VideoInfo {
  return virtualVideo(duration, width, height, fps);
}

/** Profiles with the three shapes of image cost providers use: per image, per tile, per area. */
function profiles(): ModelProfile[] {
  const base = {
    maxOutputTokens: 4096, nativeVideo: null, supportsTools: false, supportsJson: false, supportsLogprobs: false, timestampStyle: 'hms' as const,
    effectiveImageSize: (width: number, height: number) => ({ width, height }),
  };
  return [
    { ...base, family: 'flat', description: 'per image', maxImagesPerRequest: 16, contextTokens: 32_000, imageTokens: () => 258, prices: { inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4, source: 'test' } },
    { ...base, family: 'tiles', description: 'per 512-px tile', maxImagesPerRequest: 500, contextTokens: 128_000, imageTokens: (w, h) => 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512), prices: { inputUsdPerMillion: 2.5, outputUsdPerMillion: 10, source: 'test' } },
    { ...base, family: 'area', description: 'per 28-px patch', maxImagesPerRequest: 4, contextTokens: 8192, imageTokens: (w, h) => Math.max(4, Math.round(w / 28) * Math.round(h / 28)) },
  ];
}

test('property: for random durations, profiles and budgets, every plan respects every cap', async () => {
  const next = random(20261125);
  for (let run = 0; run < 300; run++) {
    const profile = profiles()[Math.floor(next() * 3)]!;
    const duration = 0.5 + next() * 7200;
    const info = video(duration, [320, 640, 1280, 1920, 360][Math.floor(next() * 5)]!, [240, 360, 720, 1080, 640][Math.floor(next() * 5)]!);
    const budget = {
      ...(next() < 0.7 ? { maxVisualTokens: Math.floor(300 + next() * 60_000) } : {}),
      ...(next() < 0.5 ? { maxImages: 1 + Math.floor(next() * 64) } : {}),
      ...(next() < 0.3 && profile.prices ? { maxUsd: 0.0005 + next() * 0.05 } : {}),
    };
    const strategy = ['auto', 'uniform', 'fps', 'grid', 'thumbnail-and-sampling'][Math.floor(next() * 5)]!;
    const plan = await planForVideo(info, budget, profile, { strategy });
    const label = JSON.stringify({ run, family: profile.family, duration, budget, strategy });
    assert.ok(plan.estimate.images <= profile.maxImagesPerRequest, label);
    if (budget.maxImages) assert.ok(plan.estimate.images <= budget.maxImages, label);
    if (budget.maxVisualTokens) assert.ok(plan.estimate.visualTokens <= budget.maxVisualTokens, label);
    assert.ok(plan.estimate.visualTokens <= profile.contextTokens, label);
    if (budget.maxUsd) assert.ok((plan.estimate.usd ?? 0) <= budget.maxUsd + 1e-12, label);
    for (const item of plan.items) {
      if (item.kind === 'frame') assert.ok(item.time >= 0 && item.time <= duration, label);
      if (item.kind === 'grid') assert.ok(item.times.length <= item.cols * item.rows, label);
    }
    // At least 80% of the binding limit, or a warning that says why not.
    if (plan.utilisation !== null && plan.utilisation < 0.8) assert.ok(plan.warnings.some((warning) => /uses \d+% of/.test(warning)), label);
  }
});

test('images cap binds: the plan fills it, and auto switches to grids when the cap is tiny', async () => {
  const [flat, , area] = profiles();
  const plan = await planForVideo(video(600, 1280, 720), {}, flat!, { strategy: 'uniform' });
  assert.equal(plan.binding, 'images');
  assert.equal(plan.estimate.images, 16);
  assert.equal(plan.utilisation, 1);
  const auto = await planForVideo(video(600, 1280, 720), {}, area!);
  assert.equal(auto.strategy, 'grid');
  assert.ok(auto.estimate.frames > auto.estimate.images);
});

test('tokens bind: at least 80% used', async () => {
  const [, tiles] = profiles();
  const plan = await planForVideo(video(3600, 1280, 720), { maxVisualTokens: 20_000 }, tiles!, { strategy: 'uniform' });
  assert.equal(plan.binding, 'visual-tokens');
  assert.ok(plan.utilisation! >= 0.8, String(plan.utilisation));
  assert.ok(plan.estimate.visualTokens <= 20_000);
});

test('a short video wants few frames, and the plan says why it uses less of the cap', async () => {
  const [flat] = profiles();
  const plan = await planForVideo(video(3, 640, 360), {}, flat!, { strategy: 'uniform' });
  assert.equal(plan.estimate.frames, 6);
  assert.match(plan.warnings.join(' '), /2 frames per second/);
});

test('minimum density that cannot be met is a warning with a suggestion, never silent', async () => {
  const [flat] = profiles();
  const plan = await planForVideo(video(7200, 1280, 720), { minDensity: 0.5 }, flat!, { strategy: 'uniform' });
  assert.match(plan.warnings.join(' '), /below the requested 0.5.*memory mode/);
});

test('money needs prices, and bad budgets are typed errors', async () => {
  const [, , area] = profiles();
  await assert.rejects(planForVideo(video(60, 640, 360), { maxUsd: 1 }, area!), /needs prices/);
  await assert.rejects(planForVideo(video(60, 640, 360), { maxImages: 0 }, area!), /must be a number > 0/);
  await assert.rejects(planForVideo(video(60, 640, 360), {}, area!, { strategy: 'magic' }), /unknown strategy "magic"/);
});

test('scene-aware allocation: one frame per shot first, then by length', () => {
  assert.deepEqual(allocateFramesToShots([{ start: 0, end: 10 }, { start: 10, end: 12 }, { start: 12, end: 30 }], 2), [1, 0, 1]);
  assert.deepEqual(allocateFramesToShots([{ start: 0, end: 10 }, { start: 10, end: 12 }, { start: 12, end: 30 }], 6), [2, 1, 3]);
});

test('the fps strategy takes its rate and the largest frame side from the budget', async () => {
  const [, tiles] = profiles();
  const atDefault = await planForVideo(video(10, 1280, 720), {}, tiles!, { strategy: 'fps' });
  assert.equal(atDefault.estimate.frames, 10);
  assert.ok(atDefault.items.every((item) => item.width <= 768), 'by default no frame is longer than 768 px');
  const dense = await planForVideo(video(10, 1280, 720), { fps: 2, maxImageSide: 100_000, maxVisualTokens: 1_000_000 }, tiles!, { strategy: 'fps' });
  assert.equal(dense.estimate.frames, 20);
  assert.ok(dense.items.every((item) => item.width === 1280 && item.height === 720), 'the source size caps a larger maxImageSide');
  await assert.rejects(planForVideo(video(10, 1280, 720), { fps: 0 }, tiles!, { strategy: 'fps' }), /budget fps must be a number > 0/);
});
