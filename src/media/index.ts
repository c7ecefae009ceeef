/**
 * reelm's media engine: ffmpeg/ffprobe behind one runner, probe, frame decoding (exact and keyframe),
 * samplers, scene cuts, subtitles, and images/storyboards. Depends only on src/core.
 */
export * from './decode/decode-frames.js';
export type { DecodeMode } from './decode/decode-plan.js';
export type { Frame } from './frame.js';
export * from './images.js';
export * from './probe.js';
export * from './run-media-tool.js';
export * from './samplers/index.js';
export * from './scenes.js';
export * from './tools.js';
export type * from './video-info.js';
export * from './storyboard.js';
export * from './subtitles/index.js';
