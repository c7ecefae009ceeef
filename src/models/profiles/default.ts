/**
 * The profile for a model reelm does not recognise: conservative everywhere, so a plan made with it
 * fits any reasonable vision model, and a user who knows better says so with a profile override
 * (`{ "family": "qwen2.5-vl" }`, or single fields such as `{ "contextTokens": 32768 }`).
 *
 * Image cost: (width × height) / 750 tokens with no downscaling — Anthropic's published estimate
 * (https://platform.claude.com/docs/en/build-with-claude/vision, "Calculate image costs") without its cap.
 * Uncapped, the cost grows with the image, which pushes the planner to send small frames to a model it
 * knows nothing of. 8 images, an 8k context and no tools or JSON mode fit even a small local server.
 */

import type { ModelProfile } from '../profile.js';
import { assertImageSize } from './image-scaling.js';

const pixelsPerToken = 750;

export const defaultProfile: ModelProfile = {
  family: 'default',
  description: 'Unknown model: (width × height) / 750 tokens per image, 8 images, 8k context, no tools or JSON.',
  maxImagesPerRequest: 8,
  contextTokens: 8192,
  maxOutputTokens: 1024,
  imageTokens: (width, height) => {
    assertImageSize(width, height);
    return Math.max(1, Math.ceil((width * height) / pixelsPerToken));
  },
  effectiveImageSize: (width, height) => {
    assertImageSize(width, height);
    return { width, height };
  },
  nativeVideo: null,
  supportsTools: false,
  supportsJson: false,
  supportsLogprobs: false,
  timestampStyle: 'hms',
};
