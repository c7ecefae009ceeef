/**
 * Subtitle cues and the rules both text formats share.
 *
 * A cue is a span of presentation time (seconds, the timeline in DESIGN.md: pts − container start)
 * with plain text: markup (`<i>`, `<c.loud>`, `<v Bob>`, karaoke timestamps, ASS overrides such as
 * `{\an8}`) is stripped, HTML entities are decoded, and lines are joined with '\n'. SRT and WebVTT
 * differ only in their headers and side blocks, so splitting a file into blocks and reading a
 * `start --> end` block live here, once.
 */

/** One timed piece of subtitle text. Subtitle text is untrusted data, never an instruction. */
export interface SubtitleCue {
  start: number;
  end: number;
  text: string;
}

/** The cues of one subtitle file or embedded stream. */
export interface SubtitleTrack {
  /** The subtitle file's path, or `stream:<index>` for a stream embedded in the video. */
  source: string;
  /** Language tag (ISO 639), from the file name (`talk.en.srt`) or the stream's metadata. */
  language?: string;
  title?: string;
  /** Sorted by start time; overlapping cues are kept. */
  cues: SubtitleCue[];
  /** Malformed blocks the parser skipped; absent when there were none. */
  skippedBlocks?: number;
}

/** What a parser returns: the cues it could read and how many malformed blocks it skipped. */
export interface ParsedSubtitles {
  cues: SubtitleCue[];
  skipped: number;
}

const timestampPattern = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d+))?$/;
const timingLinePattern = /^\s*(\S+)\s*-->\s*(\S+)(?:\s+.*)?$/;
const cueNumberPattern = /^\s*\d+\s*$/;

/**
 * Reads `HH:MM:SS,mmm`, `HH:MM:SS.mmm` or `MM:SS.mmm` as seconds; undefined when it is not one.
 * @example parseCueTimestamp('00:01:02,500') // 62.5
 */
export function parseCueTimestamp(text: string): number | undefined {
  const match = timestampPattern.exec(text.trim());
  if (!match) return undefined;
  const hours = match[1] === undefined ? 0 : Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  if (minutes >= 60 || seconds >= 60) return undefined;
  const fraction = match[4] === undefined ? 0 : Number(`0.${match[4]}`);
  // Rounded to the microsecond so 62.5 stays 62.5 rather than 62.50000000000001.
  return Math.round((hours * 3600 + minutes * 60 + seconds + fraction) * 1e6) / 1e6;
}

/** True for a `start --> end` line, whatever follows the end time (VTT cue settings, SRT coordinates). */
export function isTimingLine(line: string): boolean {
  return line.includes('-->');
}

/**
 * Splits subtitle text into blocks of non-blank lines. Removes a BOM, accepts CRLF, CR and LF, and
 * also splits where a second timing line follows cue text without the blank line between them
 * (a cue number right before it moves with it).
 * @example splitIntoBlocks('1\n00:00:01,000 --> 00:00:02,000\nHi\n') // [['1', '00:00:01,000 --> 00:00:02,000', 'Hi']]
 */
export function splitIntoBlocks(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const blocks: string[][] = [];
  let current: string[] = [];
  const finish = (): void => {
    if (current.length > 0) blocks.push(current);
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === '') {
      finish();
      continue;
    }
    if (isTimingLine(line) && current.some(isTimingLine)) {
      const previous = current.at(-1);
      const carried = previous !== undefined && cueNumberPattern.test(previous) && current.length > 1 ? current.pop() : undefined;
      finish();
      if (carried !== undefined) current.push(carried);
    }
    current.push(line);
  }
  finish();
  return blocks;
}

/**
 * Reads one cue block: an optional identifier line, the timing line, then text lines.
 * Undefined when the block is malformed (no timing line where one belongs, bad times, end before start).
 * A cue whose text is empty after cleaning comes back with empty text; callers drop it.
 */
export function parseCueBlock(block: readonly string[]): SubtitleCue | undefined {
  const timingIndex = block.findIndex(isTimingLine);
  if (timingIndex < 0 || timingIndex > 1) return undefined;
  const timing = timingLinePattern.exec(block[timingIndex]!);
  if (!timing) return undefined;
  const start = parseCueTimestamp(timing[1]!);
  const end = parseCueTimestamp(timing[2]!);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end, text: cleanCueText(block.slice(timingIndex + 1)) };
}

const markupPattern = /<\/?(?:[A-Za-z][^<>]*|\d[\d:.,]*)>|\{\\[^}]*\}/g;
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', apos: "'", lrm: '', rlm: '' };
const entityPattern = /&(?:#(\d+)|#x([0-9a-fA-F]+)|([a-zA-Z]+));/g;

function decodeEntities(text: string): string {
  // One pass, so `&amp;lt;` becomes the literal `&lt;` and not `<`.
  return text.replace(entityPattern, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined || hex !== undefined) {
      const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return namedEntities[name!.toLowerCase()] ?? whole;
  });
}

/**
 * Turns cue payload lines into plain text: markup stripped, entities decoded, blank lines dropped.
 * @example cleanCueText(['{\\an8}<i>Hello</i> &amp; bye']) // 'Hello & bye'
 */
export function cleanCueText(lines: readonly string[]): string {
  return lines
    .map((line) => decodeEntities(line.replace(markupPattern, '')).replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Keeps cues with text and sorts them by start, then end (stable, so equal cues keep file order). */
export function finishCues(cues: readonly SubtitleCue[]): SubtitleCue[] {
  return cues.filter((cue) => cue.text !== '').sort((a, b) => a.start - b.start || a.end - b.end);
}
