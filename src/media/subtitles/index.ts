/**
 * Subtitles for the media engine: sidecar `.srt`/`.vtt` files and embedded text subtitle streams,
 * read into cues on the presentation timeline. Start with {@link loadSubtitles}; the parsers are pure
 * and usable on their own.
 */

export type { ParsedSubtitles, SubtitleCue, SubtitleTrack } from './cue.js';
export { cleanCueText, parseCueTimestamp } from './cue.js';
export { parseSrt } from './parse-srt.js';
export { parseVtt } from './parse-vtt.js';
export {
  buildSubtitleExtractArgs,
  extractEmbeddedSubtitles,
  findSidecarSubtitles,
  isBitmapSubtitleCodec,
  loadSubtitles,
  readSubtitleFile,
  type ExtractSubtitlesOptions,
  type LoadSubtitlesOptions,
  type SidecarSubtitleFile,
} from './load-subtitles.js';
