/**
 * The visual plan of one benchmark sample under the run's protocol: reelm's planner within the run's
 * strategy and budget (the default), or lmms-eval's fixed frame choice for a model class (n frames by
 * `np.linspace` index or segment middles over the doc's span, at full size unless the class caps pixels).
 * Either way the result is a `VisualPlan`, so decoding, caching and the record are the same.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import type { TimeSpan } from '../../core/time.js';
import { sampleTimes } from '../../media/samplers/index.js';
import type { VideoInfo } from '../../media/video-info.js';
import type { ModelProfile } from '../../models/profile.js';
import { planForVideo } from '../../plan/plan-visual-budget.js';
import type { PlannedFrame, VisualBudget, VisualPlan } from '../../plan/visual-plan.js';
import type { EvalProtocol, LmmsEvalClass } from './protocols.js';

export interface EvidenceSettings {
  protocol: EvalProtocol;
  /** reelm protocol: the planner's strategy (`auto` when absent). */
  strategy?: string;
  budget: VisualBudget;
  maxOutputTokens: number;
}

export interface PlanSampleOptions {
  signal?: AbortSignal;
  cache?: ArtifactCache | null;
}

/** The plan for one sample: `span` is the part of the video the doc is about (whole video when absent). */
export async function planSampleEvidence(info: VideoInfo, span: TimeSpan | undefined, profile: ModelProfile, settings: EvidenceSettings, options: PlanSampleOptions = {}): Promise<VisualPlan> {
  if (settings.protocol.kind === 'lmms-eval') return planLmmsEvalFrames(info, span, profile, settings.protocol.settings, options);
  return planForVideo(info, { ...settings.budget, ...(span ? { span } : {}) }, profile, {
    strategy: settings.strategy ?? 'auto',
    maxOutputTokens: settings.maxOutputTokens,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
}

/** Width × height scaled down (never up) so their product stays within `maxPixels`, even numbers. */
function fitPixels(width: number, height: number, maxPixels: number | undefined): { width: number; height: number } {
  const scale = maxPixels && width * height > maxPixels ? Math.sqrt(maxPixels / (width * height)) : 1;
  return { width: Math.max(2, Math.floor((width * scale) / 2) * 2), height: Math.max(2, Math.floor((height * scale) / 2) * 2) };
}

async function planLmmsEvalFrames(info: VideoInfo, span: TimeSpan | undefined, profile: ModelProfile, settings: LmmsEvalClass, options: PlanSampleOptions): Promise<VisualPlan> {
  const sampled = await sampleTimes(settings.sampler, { count: settings.frames }, {
    input: info.path, info, ...(span ? { span } : {}), ...(options.signal ? { signal: options.signal } : {}),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
  const size = fitPixels(info.video?.width ?? 0, info.video?.height ?? 0, settings.maxPixels);
  const tokens = profile.imageTokens(size.width, size.height);
  const items: PlannedFrame[] = sampled.map(({ time }) => ({ kind: 'frame', time, width: size.width, height: size.height, tokens }));
  const covered = span ?? { start: 0, end: info.duration };
  const visualTokens = tokens * items.length;
  return {
    strategy: `lmms-eval ${settings.sampler} ×${settings.frames}`,
    family: profile.family,
    span: covered,
    items,
    estimate: {
      images: items.length,
      frames: items.length,
      visualTokens,
      usd: profile.prices ? (visualTokens * profile.prices.inputUsdPerMillion) / 1e6 : null,
      density: items.length / Math.max(1e-9, covered.end - covered.start),
    },
    limits: { images: settings.frames, visualTokens, usd: null },
    binding: 'strategy',
    utilisation: null,
    warnings: items.length > profile.maxImagesPerRequest ? [`lmms-eval sends ${items.length} frames; the model's profile accepts ${profile.maxImagesPerRequest} per request.`] : [],
  };
}
