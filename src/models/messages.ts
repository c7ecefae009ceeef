/**
 * The messages reelm sends a model: provider-neutral, and shaped like the AI SDK's model messages
 * (text and image parts) so providers built on the AI SDK pass them through unchanged, while providers
 * outside it (vLLM's `video_url`, in-process transformers.js) read the same parts. Each image part may
 * carry the time it shows, so tests and the oracle can check what evidence a model received.
 */

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image';
  /** Encoded image bytes. */
  image: Uint8Array;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** Presentation time the image shows (a single frame), for evidence accounting; not sent to the model. */
  time?: number;
  /** Times of the tiles when the image is a labelled grid. */
  tileTimes?: number[];
  width: number;
  height: number;
}

/** A whole (or cut) video sent natively, for providers that accept video input (vLLM, Gemini). */
export interface VideoPart {
  type: 'video';
  /** Local path of the video file to upload or serve. */
  path: string;
  mediaType: string;
  span?: { start: number; end: number };
  /** Frames per second the plan asked the provider to sample. */
  fps?: number;
  /** Frames the plan asked for in all (vLLM's `num_frames`); a request, not a guarantee. */
  numFrames?: number;
  /** Frame size in pixels, which lets vLLM's provider infer from the token usage how many frames it really used. */
  width?: number;
  height?: number;
}

export type UserContentPart = TextPart | ImagePart | VideoPart;

export type ModelMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | UserContentPart[] }
  | { role: 'assistant'; content: string };
