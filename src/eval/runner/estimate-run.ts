/**
 * `--dry-run`: the plan of every sample and what the run would cost, without calling the model. Probing
 * and planning run for real (they are cached and need no model); input tokens are the plans' visual
 * tokens plus the prompt text at ~4 characters a token, output tokens the cap — an upper bound.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import type { LanguageModel } from '../../models/language-model.js';
import { parseProtocol } from './protocols.js';
import type { RunSettings } from './run-record.js';
import { resolveBenchmark } from './run-evaluation.js';
import { prepareSample, promptText } from './run-sample.js';

export interface RunEstimate {
  benchmark: string;
  samples: number;
  videos: number;
  protocol: string;
  strategies: Record<string, number>;
  images: number;
  visualTokens: number;
  textTokens: number;
  outputTokensCap: number;
  /** Null when the model's profile has no prices. */
  usd: number | null;
  /** The first few samples' plans: frame times and tokens. */
  examples: Array<{ index: number; strategy: string; images: number; visualTokens: number; times: number[] }>;
}

export async function estimateRun(settings: RunSettings, model: LanguageModel, cache: ArtifactCache | null, signal?: AbortSignal): Promise<RunEstimate> {
  const { benchmark } = resolveBenchmark(settings.benchmark);
  const protocol = parseProtocol(settings.protocol);
  const docs = await benchmark.load({ dataDir: settings.dataDir, ...(settings.limit === null ? {} : { limit: settings.limit }), ...(signal ? { signal } : {}) });
  const context = {
    benchmark, model, cache, ...(signal ? { signal } : {}),
    settings: { protocol, ...(settings.strategy ? { strategy: settings.strategy } : {}), budget: settings.budget, maxOutputTokens: settings.maxOutputTokens },
  };
  const estimate: RunEstimate = {
    benchmark: benchmark.id, samples: docs.length, videos: 0, protocol: settings.protocol, strategies: {},
    images: 0, visualTokens: 0, textTokens: 0, outputTokensCap: docs.length * settings.maxOutputTokens, usd: null, examples: [],
  };
  const videos = new Set<string>();
  for (const [index, doc] of docs.entries()) {
    const { plan, prompt, videoPath } = await prepareSample(doc, context);
    videos.add(videoPath);
    estimate.strategies[plan.strategy] = (estimate.strategies[plan.strategy] ?? 0) + 1;
    estimate.images += plan.estimate.images;
    estimate.visualTokens += plan.estimate.visualTokens;
    estimate.textTokens += Math.ceil(promptText(prompt).length / 4);
    if (estimate.examples.length < 3) {
      const times = plan.items.flatMap((item) => (item.kind === 'frame' ? [item.time] : item.kind === 'grid' ? item.times : []));
      estimate.examples.push({ index, strategy: plan.strategy, images: plan.estimate.images, visualTokens: plan.estimate.visualTokens, times });
    }
  }
  estimate.videos = videos.size;
  const prices = model.profile.prices;
  if (prices) estimate.usd = ((estimate.visualTokens + estimate.textTokens) * prices.inputUsdPerMillion + estimate.outputTokensCap * prices.outputUsdPerMillion) / 1e6;
  return estimate;
}

export function renderEstimate(estimate: RunEstimate): string {
  const lines = [
    `dry run: ${estimate.benchmark}, ${estimate.samples} samples over ${estimate.videos} videos, protocol ${estimate.protocol}`,
    `plans: ${Object.entries(estimate.strategies).map(([name, count]) => `${name} ×${count}`).join(', ')}`,
    `images ${estimate.images}, visual tokens ${estimate.visualTokens}, prompt text ≈${estimate.textTokens} tokens, output ≤${estimate.outputTokensCap} tokens`,
    `estimated cost: ${estimate.usd === null ? 'unknown (the model profile has no prices)' : `$${estimate.usd.toFixed(4)} (upper bound: every answer at the output cap)`}`,
    ...estimate.examples.map((e) => `  sample ${e.index}: ${e.strategy}, ${e.images} images, ${e.visualTokens} tokens, frames at ${e.times.slice(0, 12).map((t) => t.toFixed(1)).join(', ')}${e.times.length > 12 ? ', …' : ''} s`),
    'no model was called.',
  ];
  return `${lines.join('\n')}\n`;
}
