/**
 * SubRip (`.srt`) text → cues.
 *
 * Hand-written rather than run through ffmpeg: SRT is a few lines of grammar, a pure parser needs no
 * process and no temporary file, and it can count the malformed blocks it skips instead of dropping
 * them silently. Every other subtitle format (ASS, mov_text, embedded streams) goes through ffmpeg,
 * which normalises it to WebVTT for {@link parseVtt}.
 *
 * Lenient where real files are sloppy: BOM, CRLF or CR line ends, cue numbers missing, dot instead of
 * comma before the milliseconds, a missing blank line between cues or at the end of the file.
 */

import { finishCues, parseCueBlock, splitIntoBlocks, type ParsedSubtitles, type SubtitleCue } from './cue.js';

/**
 * Parses SRT text into cues sorted by start, counting malformed blocks it had to skip.
 * @example parseSrt('1\n00:00:01,000 --> 00:00:02,500\n<i>Hello</i>\n') // { cues: [{ start: 1, end: 2.5, text: 'Hello' }], skipped: 0 }
 */
export function parseSrt(text: string): ParsedSubtitles {
  const cues: SubtitleCue[] = [];
  let skipped = 0;
  for (const block of splitIntoBlocks(text)) {
    const cue = parseCueBlock(block);
    if (cue) cues.push(cue);
    else skipped++;
  }
  return { cues: finishCues(cues), skipped };
}
