/**
 * Google Gemini 3: a fixed token budget per image or video frame, chosen by `media_resolution`, not by size.
 *
 * Sources (read 2026-11-25 from stored copies):
 *   - "Media resolution", https://ai.google.dev/gemini-api/docs/media-resolution, token table for Gemini 3:
 *     images low 280, medium 560, high 1120 (ultra high 2240, per part only); video frames low 70,
 *     medium 70, high 280.
 *   - "Gemini 3 developer guide", https://ai.google.dev/gemini-api/docs/gemini-3, recommended settings:
 *     images `media_resolution_high` (max 1120 tokens), general video `media_resolution_low` (70 per frame).
 *   - "Video understanding", https://ai.google.dev/gemini-api/docs/video-understanding: about 100 tokens per
 *     second of video at the default (low) media resolution, 1 frame per second, audio 32 tokens per second;
 *     refer to moments as MM:SS.
 *   - Vertex AI "Image understanding": Gemini 3 Pro takes up to 900 images per prompt, "Default resolution
 *     tokens: 1120"; larger images are fitted into 3072 × 3072.
 * The pixel geometry behind these budgets is not documented, so the effective size is only the 3072 fit.
 */

import type { ModelProfile } from '../profile.js';
import { geminiImageSize } from './gemini.js';
import { assertImageSize } from './image-scaling.js';

const imageTokensAtHighResolution = 1120;
const videoFrameTokensAtDefaultResolution = 70;

export const gemini3Profile: ModelProfile = {
  family: 'gemini-3',
  description: 'Google Gemini 3: 1120 tokens per image (media_resolution high), 70 per video frame (default low).',
  maxImagesPerRequest: 900,
  contextTokens: 1_048_576,
  maxOutputTokens: 65_536,
  imageTokens: (width, height) => {
    assertImageSize(width, height);
    return imageTokensAtHighResolution;
  },
  effectiveImageSize: geminiImageSize,
  nativeVideo: { kind: 'gemini-file', tokensPerFrame: () => videoFrameTokensAtDefaultResolution },
  supportsTools: true,
  supportsJson: true,
  supportsLogprobs: false,
  timestampStyle: 'mmss',
};
