/**
 * vLLM's native video input, which the AI SDK's message parts cannot express: each reelm VideoPart
 * travels through the AI SDK as a one-off placeholder text part, and the request body is rewritten just
 * before it is sent, replacing the placeholder with vLLM's content part
 * `{ "type": "video_url", "video_url": { "url": … } }` and adding the frame-sampling requests.
 *
 * The URL is a `data:video/mp4;base64,…` URL by default, which any vLLM server accepts; `file://` avoids
 * copying the video through HTTP but needs the server started with `--allowed-local-media-path` covering
 * the file (and the same filesystem). Frame settings go as vLLM documents them — `media_io_kwargs.video`
 * (`num_frames`, `fps`) for the loader, `mm_processor_kwargs.fps` for the processor — but they are
 * requests: many deployments fix the frame count server-side (`--media-io-kwargs`), so the provider
 * records what was asked beside the count inferred from the token usage (see inferVideoFrames in vllm.ts).
 *
 * Sources: vllm-project/vllm `vllm/entrypoints/chat_utils.py` (ChatCompletionContentPartVideoParam:
 * `type: "video_url"`, `video_url.url`, a URL or a data URL with base64 video) at
 * bd5ec6d50b83652c21a570b81c1fb5219a6ebf76; `examples/online_serving/openai_chat_completion_client_for_multimodal.py`
 * (run_video: `data:video/mp4;base64,…`) at ae68cdf64f3c5865fb6bff8dc612b5c263cab8b4; ChatCompletionRequest's
 * `media_io_kwargs` and `mm_processor_kwargs` fields in `vllm/entrypoints/openai/protocol.py`.
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { throwIfAborted } from '../../core/errors.js';
import type { VideoPart } from '../messages.js';
import type { VideoSubstitution } from './openai-compatible.js';

export type VideoTransport = 'data' | 'file';

/** The video content part vLLM reads. */
export interface VllmVideoContentPart {
  type: 'video_url';
  video_url: { url: string };
}

export interface VllmVideoSubstitution extends VideoSubstitution {
  readonly parts: readonly VideoPart[];
  /** The request body as sent, once rewritten (used to count the text-only tokens afterwards). */
  readonly sentBody: Record<string, unknown> | undefined;
}

/**
 * The frame-sampling fields for one request, from the parts' `fps` and `numFrames`.
 * @example videoSamplingFields([{ type: 'video', path: 'a.mp4', mediaType: 'video/mp4', fps: 2 }])
 * // { media_io_kwargs: { video: { fps: 2 } }, mm_processor_kwargs: { fps: 2 } }
 */
export function videoSamplingFields(parts: readonly VideoPart[]): Record<string, unknown> {
  const fps = parts.find((part) => part.fps !== undefined)?.fps;
  const numFrames = parts.find((part) => part.numFrames !== undefined)?.numFrames;
  const video = { ...(numFrames === undefined ? {} : { num_frames: numFrames }), ...(fps === undefined ? {} : { fps }) };
  return {
    ...(Object.keys(video).length > 0 ? { media_io_kwargs: { video } } : {}),
    ...(fps === undefined ? {} : { mm_processor_kwargs: { fps } }),
  };
}

/**
 * A per-request substitution of placeholders by video parts.
 * @example const substitution = createVllmVideoSubstitution('data'); // pass to createCompatibleModel's videoSubstitution
 */
export function createVllmVideoSubstitution(transport: VideoTransport): VllmVideoSubstitution {
  const nonce = `reelm-video-${randomUUID()}`;
  const parts: VideoPart[] = [];
  const urls: string[] = [];
  let sentBody: Record<string, unknown> | undefined;

  const contentFor = (text: unknown): VllmVideoContentPart | undefined => {
    if (typeof text !== 'string' || !text.startsWith(`${nonce}:`)) return undefined;
    const url = urls[Number(text.slice(nonce.length + 1))];
    return url === undefined ? undefined : { type: 'video_url', video_url: { url } };
  };

  return {
    parts,
    get sentBody() {
      return sentBody;
    },
    placeholder(part) {
      parts.push(part);
      return { type: 'text', text: `${nonce}:${parts.length - 1}` };
    },
    async load(signal) {
      if (urls.length === parts.length) return;
      urls.length = 0;
      for (const part of parts) {
        throwIfAborted(signal);
        if (transport === 'file') {
          urls.push(pathToFileURL(part.path).href);
        } else {
          const bytes = await fs.readFile(part.path, signal ? { signal } : {});
          urls.push(`data:${part.mediaType};base64,${bytes.toString('base64')}`);
        }
      }
    },
    rewrite(body) {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const rewritten = messages.map((message: { content?: unknown }) => {
        // The AI SDK sends a lone text part as a plain string.
        const whole = contentFor(message.content);
        if (whole) return { ...message, content: [whole] };
        if (!Array.isArray(message.content)) return message;
        return { ...message, content: message.content.map((part: { text?: unknown }) => contentFor(part?.text) ?? part) };
      });
      sentBody = { ...body, messages: rewritten, ...videoSamplingFields(parts) };
      return sentBody;
    },
  };
}

/**
 * The body with every video part taken out: the same prompt's text and images, to count its tokens.
 * @example withoutVideos({ model: 'm', messages: [{ role: 'user', content: [{ type: 'video_url', video_url: { url } }, { type: 'text', text: 'Q' }] }] })
 */
export function withoutVideos(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
  return messages.map((message) => Array.isArray(message.content)
    ? { ...message, content: message.content.filter((part: { type?: unknown }) => part?.type !== 'video_url') }
    : message);
}
