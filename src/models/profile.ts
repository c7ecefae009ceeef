/**
 * A model profile: what one family of models can take in and what it costs, so the planner can fit a
 * question's evidence (frames, a grid, a clip) into a request without asking the provider first.
 *
 * The numbers that matter most are the image limits and the token cost of an image, which every provider
 * computes from the image's size by its own published rule (tiles, patches, area). Each family's rule lives
 * in `profiles/<family>.ts` with the documentation it comes from; `profiles/index.ts` maps model ids to
 * families and applies the overrides a user configures (`models.<name>.profile` in the config file).
 */

import type { TimeStyle } from '../core/time.js';

/** A pixel size. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** How a provider takes a whole video: vLLM's `video_url` content part, or a Gemini uploaded file. */
export type NativeVideoKind = 'vllm-video-url' | 'gemini-file';

export interface NativeVideoInput {
  readonly kind: NativeVideoKind;
  /**
   * Tokens one sampled frame of the given size costs when sent inside a native video. Leave it out
   * where the provider's sampling and cost are not a function of the frame size.
   */
  tokensPerFrame?(width: number, height: number): number;
}

/** Published prices, in US dollars per million tokens. */
export interface ModelPrices {
  readonly inputUsdPerMillion: number;
  readonly outputUsdPerMillion: number;
  /** Where the price is published, with the date it was read. */
  readonly source: string;
}

export interface ModelProfile {
  /** The family id, the key of the profile registry (`gpt-4o`, `claude`, `qwen2.5-vl`, `default`…). */
  readonly family: string;
  /** One line for `reelm config` and error messages. */
  readonly description: string;
  readonly maxImagesPerRequest: number;
  /** The whole context window, input and output together. */
  readonly contextTokens: number;
  readonly maxOutputTokens: number;
  /** Input tokens one image of this size costs, after the provider's own resizing; an integer ≥ 1. */
  imageTokens(width: number, height: number): number;
  /** The size the provider actually processes after its own resizing. */
  effectiveImageSize(width: number, height: number): ImageSize;
  /** Whether and how a whole video can be sent instead of frames; null when only images are accepted. */
  readonly nativeVideo: NativeVideoInput | null;
  readonly supportsTools: boolean;
  /** Structured output: a JSON schema the provider enforces. */
  readonly supportsJson: boolean;
  readonly supportsLogprobs: boolean;
  /** How the model best reads and writes times; Gemini's documentation asks for `MM:SS`. */
  readonly timestampStyle: TimeStyle;
  readonly prices?: ModelPrices;
}
