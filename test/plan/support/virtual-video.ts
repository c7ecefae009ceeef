/**
 * What the planner tests plan over without a file: a `VideoInfo` of a given length, size and rate (the
 * planner reads only these), and a Qwen2.5-VL-shaped cost profile — one token per 28-px patch.
 */

import type { VideoInfo } from '../../../src/media/video-info.js';
import type { ModelProfile } from '../../../src/models/profile.js';

export function virtualVideo(duration: number, width = 1280, height = 720, fps = 10): VideoInfo {
  return {
    path: '/virtual/video.mp4', container: 'mov,mp4', duration, startTime: 0, byteSize: 1, contentHash: 'x'.repeat(64), streams: [], warnings: [], truncated: false,
    video: {
      index: 0, codec: 'h264', width, height, codedWidth: width, codedHeight: height, rotation: 0, nominalFps: fps, averageFps: fps,
      variableFrameRate: false, frameCount: Math.max(1, Math.round(duration * fps)), keyframeTimes: [0], firstFrameTime: 0, lastFrameTime: duration - 1 / fps,
    },
  };
}

/** One token per 28-px patch (rounded up), 64 images and 32k tokens a request. */
export const patchProfile: ModelProfile = {
  family: 'area', description: 'per 28-px patch', maxImagesPerRequest: 64, contextTokens: 32_768, maxOutputTokens: 1024,
  imageTokens: (w, h) => Math.max(4, Math.ceil(w / 28) * Math.ceil(h / 28)), effectiveImageSize: (width, height) => ({ width, height }),
  nativeVideo: null, supportsTools: false, supportsJson: false, supportsLogprobs: false, timestampStyle: 'hms',
};
