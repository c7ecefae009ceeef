/**
 * reelm's messages as a transformers.js chat: each image part becomes the template's image placeholder,
 * in place (so the time label before it stays before it), and its bytes are decoded into a `RawImage`.
 * transformers.js has no video path in Node; reelm's frames fill it.
 *
 * LLaVA quirk: `LlavaProcessor` expands only the first `<image>` of a prompt into the per-image token run
 * (it calls `String.replace` once), so with several frames the token and feature counts disagree. The
 * placeholders of frames 2..N are expanded here, and the count is checked after tokenising.
 */

import { ReelmError } from '../../core/errors.js';
import type { ModelMessage } from '../messages.js';
import type { TransformersModule } from './transformers-location.js';

type RawImage = InstanceType<TransformersModule['RawImage']>;

export type ChatPart = { type: 'text'; text: string } | { type: 'image' };
export interface ChatMessage {
  role: string;
  content: string | ChatPart[];
}

export interface ChatInput {
  messages: ChatMessage[];
  /** The image parts' bytes, in prompt order. */
  images: Uint8Array[];
}

/**
 * Chat messages for a processor's chat template, and the images in the order their placeholders appear.
 * @example toChat([{ role: 'user', content: [{ type: 'text', text: '[00:00:01.0]' }, frame] }])
 * // { messages: [{ role: 'user', content: [{ type: 'text', text: '[00:00:01.0]' }, { type: 'image' }] }], images: [frame.image] }
 */
export function toChat(messages: readonly ModelMessage[]): ChatInput {
  const images: Uint8Array[] = [];
  const chat = messages.map((message): ChatMessage => {
    if (typeof message.content === 'string') return { role: message.role, content: message.content };
    const content = message.content.map((part): ChatPart => {
      if (part.type === 'text') return { type: 'text', text: part.text };
      if (part.type === 'image') {
        images.push(part.image);
        return { type: 'image' };
      }
      throw new ReelmError(
        'transformers: in-process models take frames, not native video; plan the question with frames (the model profile has no native video).',
        { kind: 'input' },
      );
    });
    return { role: message.role, content };
  });
  return { messages: chat, images };
}

/** Decodes encoded image bytes (JPEG/PNG/WebP) with transformers.js's own reader. */
export async function decodeImages(library: TransformersModule, images: readonly Uint8Array[]): Promise<RawImage[]> {
  return Promise.all(images.map((bytes) => library.RawImage.fromBlob(new Blob([bytes]))));
}

function countOccurrences(text: string, token: string): number {
  let count = 0;
  for (let index = text.indexOf(token); index >= 0; index = text.indexOf(token, index + token.length)) count++;
  return count;
}

/**
 * Expands every image placeholder after the first into `tokensPerImage` copies, leaving the first for
 * LlavaProcessor to expand. Throws when the template did not emit one placeholder per image.
 * @example expandLaterPlaceholders('a <image> b <image>', '<image>', 2, 3) // 'a <image> b <image><image><image>'
 */
export function expandLaterPlaceholders(prompt: string, token: string, images: number, tokensPerImage: number): string {
  const found = countOccurrences(prompt, token);
  if (found !== images) {
    throw new ReelmError(
      `transformers: the chat template wrote ${found} "${token}" placeholders for ${images} images; the model's template must place one per image part.`,
    );
  }
  const first = prompt.indexOf(token);
  if (first < 0) return prompt;
  const head = prompt.slice(0, first + token.length);
  return head + prompt.slice(head.length).replaceAll(token, token.repeat(tokensPerImage));
}

interface ImageProcessorConfig {
  do_center_crop?: boolean;
  crop_size?: { height?: number; width?: number } | number;
  size?: { height?: number; width?: number; shortest_edge?: number } | number;
}

/**
 * The pixel size the image processor will produce, when its config fixes one (center crop, or a fixed
 * height and width); null when it depends on the image.
 */
export function fixedProcessedSize(config: ImageProcessorConfig): { height: number; width: number } | null {
  const fixed = (value: ImageProcessorConfig['crop_size']): { height: number; width: number } | null => {
    if (typeof value === 'number') return { height: value, width: value };
    if (value && typeof value.height === 'number' && typeof value.width === 'number') return { height: value.height, width: value.width };
    return null;
  };
  if (config.do_center_crop) return fixed(config.crop_size);
  return fixed(config.size as ImageProcessorConfig['crop_size']);
}

export interface LlavaProcessorConfig {
  image_token: string;
  patch_size: number;
  num_additional_image_tokens?: number;
}

/** Tokens LlavaProcessor gives one image of the processed size (its own formula). */
export function llavaTokensPerImage(config: LlavaProcessorConfig, height: number, width: number): number {
  return Math.floor(height / config.patch_size) * Math.floor(width / config.patch_size) + (config.num_additional_image_tokens ?? 0);
}
