/**
 * Reads an OpenAI chat-completions request the way a vision-language model's server does: the text
 * parts and the images (`image_url` data URLs) in order. A frame's time is the `[HH:MM:SS.s]` label in
 * the text just before it; a grid's layout and tile times come from the line that introduces it
 * (`A 3×2 grid … tiles at 00:00:01.0, 00:00:02.0.`). The question is the last text of the last user
 * message; the video's length comes from the system prompt when it says so.
 */

import { parseTime } from '../../../core/time.js';

export interface RequestImage {
  bytes: Uint8Array;
  /** One time for a frame; one per tile (reading order) for a grid. */
  times: number[];
  grid?: { cols: number; rows: number };
}

export interface OracleRequest {
  images: RequestImage[];
  /** The question with its options and instruction, as sent. */
  question: string;
  duration?: number;
  /** Characters of text in all messages (images excluded), for a token estimate. */
  textCharacters: number;
}

interface ChatPart {
  type?: string;
  text?: string;
  image_url?: { url?: string } | string;
}

interface ChatMessage {
  role?: string;
  content?: string | ChatPart[];
}

const timeLabel = /^\s*\[(\d+:\d+(?::\d+)?(?:\.\d+)?)\]\s*$/;
const gridLabel = /(\d+)\s*[×x]\s*(\d+)\s+grid[\s\S]*?tiles at ([\d:.,\s]+)/;
const clock = /\d+:\d+(?::\d+)?(?:\.\d+)?/g;

/** The bytes of a base64 data URL (a Buffer over them: no second copy of a large image). */
function decodeDataUrl(url: string): Uint8Array | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0 || !url.slice(0, comma).endsWith(';base64')) return undefined;
  return Buffer.from(url.slice(comma + 1), 'base64');
}

/** The images, their times, the question and the video length in a chat-completions request body. */
export function readChatRequest(body: { messages?: ChatMessage[] }): OracleRequest {
  const images: RequestImage[] = [];
  let question = '';
  let duration: number | undefined;
  let textCharacters = 0;
  for (const message of body.messages ?? []) {
    const parts: ChatPart[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content ?? [];
    for (const part of parts) textCharacters += part.text?.length ?? 0;
    if (message.role === 'system') {
      const length = /video is ([\d:.]+) long/.exec(parts.map((p) => p.text ?? '').join('\n'));
      if (length) duration = parseTime(length[1]!.replace(/\.$/, ''));
      continue;
    }
    if (message.role !== 'user') continue;
    let pending: { times: number[]; grid?: { cols: number; rows: number } } | undefined;
    for (const part of parts) {
      if (part.type === 'text' && part.text !== undefined) {
        const frame = timeLabel.exec(part.text);
        const grid = gridLabel.exec(part.text);
        if (frame) pending = { times: [parseTime(frame[1]!) ?? 0] };
        else if (grid) {
          const times = (grid[3]!.match(clock) ?? []).map((t) => parseTime(t) ?? 0);
          pending = { times, grid: { cols: Number(grid[1]), rows: Number(grid[2]) } };
        } else question = part.text;
        continue;
      }
      const url = typeof part.image_url === 'string' ? part.image_url : part.image_url?.url;
      const bytes = url ? decodeDataUrl(url) : undefined;
      if (!bytes) continue;
      images.push({ bytes, times: pending?.times ?? [images.length], ...(pending?.grid ? { grid: pending.grid } : {}) });
      pending = undefined;
    }
  }
  return { images, question, textCharacters, ...(duration !== undefined ? { duration } : {}) };
}
