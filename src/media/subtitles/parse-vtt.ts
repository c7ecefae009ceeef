/**
 * WebVTT (`.vtt`) text → cues.
 *
 * Hand-written rather than a dependency: the cue grammar is small, and ffmpeg turns every embedded
 * text subtitle stream into WebVTT, so this one parser reads both sidecar files and embedded streams.
 *
 * Skipped without counting: the `WEBVTT` header block and `NOTE`, `STYLE` and `REGION` blocks.
 * Read: optional cue identifiers, `MM:SS.mmm` or `HH:MM:SS.mmm` times, cue settings after the end time
 * (ignored), and markup inside the text (stripped, see cue.ts). Counted as skipped: blocks that are
 * none of these and do not hold a valid timing line.
 */

import { finishCues, isTimingLine, parseCueBlock, splitIntoBlocks, type ParsedSubtitles, type SubtitleCue } from './cue.js';

const sideBlockPattern = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;

function isHeaderBlock(block: readonly string[], position: number): boolean {
  return position === 0 && /^WEBVTT(?:[ \t]|$)/.test(block[0] ?? '');
}

/**
 * Parses WebVTT text into cues sorted by start, counting malformed blocks it had to skip.
 * @example parseVtt('WEBVTT\n\n00:01.000 --> 00:02.500 align:start\n<c.yellow>Hi</c>\n') // { cues: [{ start: 1, end: 2.5, text: 'Hi' }], skipped: 0 }
 */
export function parseVtt(text: string): ParsedSubtitles {
  const cues: SubtitleCue[] = [];
  let skipped = 0;
  splitIntoBlocks(text).forEach((block, position) => {
    if (sideBlockPattern.test(block[0] ?? '')) return;
    if (isHeaderBlock(block, position)) {
      // A first cue written straight under the header, without the blank line, is still a cue.
      const timingIndex = block.findIndex(isTimingLine);
      if (timingIndex < 0) return;
      block = block.slice(timingIndex);
    }
    const cue = parseCueBlock(block);
    if (cue) cues.push(cue);
    else skipped++;
  });
  return { cues: finishCues(cues), skipped };
}
