/**
 * One segment's caption through the plan and model layers: a few frames of the segment chosen by a plan
 * strategy under a small image budget (`uniform`, 4 images by default), decoded by `realizePlan`,
 * assembled with their time labels, then one short generation at temperature 0.
 */

import type { ArtifactCache } from '../../../core/artifact-cache.js';
import type { TimeSpan } from '../../../core/time.js';
import type { VideoInfo } from '../../../media/video-info.js';
import type { GenerateResponse, LanguageModel } from '../../../models/language-model.js';
import { assembleMessages } from '../../../plan/assemble-messages.js';
import type { EvidenceImage } from '../../../plan/evidence.js';
import { planForVideo } from '../../../plan/plan-visual-budget.js';
import { isVideoPart, realizePlanDetailed } from '../../../plan/realize-evidence.js';
import { segmentCaptionPrompt } from './caption-prompt.js';

/** How a segment is shown to the caption model; every field joins the stage's config hash. */
export interface CaptionSampling {
  /** A plan strategy id. Default `uniform`. */
  strategy: string;
  /** Images per segment. Default 4. */
  maxImages: number;
  /** Cap on the caption's length. Default 160 tokens. */
  maxOutputTokens: number;
  /** Consecutive shorter segments are captioned together (./caption-spans.ts). Default 2 s. */
  minSpanSeconds: number;
}

export const defaultCaptionSampling: Readonly<CaptionSampling> = Object.freeze({ strategy: 'uniform', maxImages: 4, maxOutputTokens: 160, minSpanSeconds: 2 });

export interface CaptionSegmentInput {
  info: VideoInfo;
  span: TimeSpan;
  model: LanguageModel;
  sampling: CaptionSampling;
  cache: ArtifactCache | null;
  signal?: AbortSignal;
}

/**
 * @example const { response } = await captionSegment({ info, span: { start: 0, end: 8 }, model, sampling: defaultCaptionSampling, cache: null });
 */
export async function captionSegment(input: CaptionSegmentInput): Promise<{ response: GenerateResponse; images: number }> {
  const { info, span, model, sampling, cache, signal } = input;
  const common = { cache, ...(signal ? { signal } : {}) };
  const plan = await planForVideo(info, { span, maxImages: sampling.maxImages }, model.profile, {
    strategy: sampling.strategy,
    maxOutputTokens: sampling.maxOutputTokens,
    ...common,
  });
  const realized = await realizePlanDetailed(info, plan, common);
  const images = realized.evidence.filter((part): part is EvidenceImage => !isVideoPart(part));
  const prompt = segmentCaptionPrompt(span, model.profile.timestampStyle);
  const messages = assembleMessages({
    question: prompt.question,
    instruction: prompt.instruction,
    duration: info.duration,
    evidence: images,
    timestampStyle: model.profile.timestampStyle,
  });
  const response = await model.generate({
    messages,
    parameters: { temperature: 0, maxOutputTokens: sampling.maxOutputTokens },
    ...(signal ? { signal } : {}),
  });
  return { response, images: images.length };
}
