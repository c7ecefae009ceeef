/**
 * reelm's messages in the AI SDK's shape. Text and images map one to one (an image becomes a file part
 * with its media type, which OpenAI-compatible providers send as a `data:` URL); the image's time stays
 * behind, since the text label before it already tells the model. A native video has no AI SDK part:
 * providers that can send one (vLLM) hand it to `onVideo`, the others get a typed error.
 */

import type { ModelMessage as AiModelMessage, TextPart as AiTextPart, FilePart as AiFilePart } from 'ai';
import type { ModelMessage, VideoPart } from '../messages.js';
import { UnsupportedInputError } from './api-errors.js';

/**
 * Translates messages; `onVideo` returns the text part standing in for a video, or is absent when the
 * provider cannot send video.
 * @example toAiSdkMessages([{ role: 'user', content: [{ type: 'text', text: '[00:00:01.0]' }, frame] }], 'openai-compatible')
 */
export function toAiSdkMessages(
  messages: readonly ModelMessage[],
  provider: string,
  onVideo?: (part: VideoPart) => AiTextPart,
): AiModelMessage[] {
  return messages.map((message): AiModelMessage => {
    if (message.role !== 'user' || typeof message.content === 'string') return { role: message.role, content: message.content } as AiModelMessage;
    const content = message.content.map((part): AiTextPart | AiFilePart => {
      if (part.type === 'text') return { type: 'text', text: part.text };
      if (part.type === 'image') return { type: 'file', data: part.image, mediaType: part.mediaType };
      if (!onVideo) {
        throw new UnsupportedInputError(
          provider,
          `${provider}: a native video (${part.path}) cannot be sent to this provider; native video needs the vllm: provider (or google: for Gemini), or send frames instead.`,
        );
      }
      return onVideo(part);
    });
    return { role: 'user', content };
  });
}

/** Images in the messages (frames and grids), for usage accounting. */
export function countImages(messages: readonly ModelMessage[]): number {
  return messages.reduce((count, message) =>
    count + (Array.isArray(message.content) ? message.content.filter((part) => typeof part !== 'string' && part.type === 'image').length : 0), 0);
}
