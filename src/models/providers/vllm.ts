/**
 * `vllm:` — a vLLM server: everything `openai-compatible:` does, plus native video input (vLLM's
 * `video_url` content part, see vllm-video.ts) and a record of how many frames the server really used.
 *
 * Why infer frames: vLLM's per-request frame settings are not reliably honoured (many deployments fix
 * `num_frames` with `--media-io-kwargs`, and some processors ignore `fps`), and the response does not say
 * what was sampled. What it does report is `usage.prompt_tokens`. The method:
 *
 *   1. count the same prompt without its video with vLLM's `POST /tokenize` (at the server root; it
 *      applies the chat template and prices images, and generates nothing);
 *   2. video tokens = prompt_tokens − that count;
 *   3. frames = video tokens ÷ the profile's `nativeVideo.tokensPerFrame(width, height)` for the video's
 *      frame size (Qwen2.5-VL: a 28-px grid within its video pixel bounds, halved for the temporal patch).
 *
 * The result is rounded; the few marker tokens around a video (vision start/end) are lost in the
 * rounding. It is null — never a guess — when the request has other than one video, the part has no
 * frame size, the profile has no per-frame rule, the server has no `/tokenize`, or the numbers do not
 * make sense (no tokens left for the video).
 */

import type { GenerateRequest, GenerateResponse, GenerateUsage, LanguageModel } from '../language-model.js';
import type { VideoPart } from '../messages.js';
import type { ModelProfile } from '../profile.js';
import { serverRoot } from './discovery.js';
import { createCompatibleModel, discoverCompatibleServer } from './openai-compatible.js';
import type { ProviderDefinition, ProviderSettings } from './provider.js';
import { createVllmVideoSubstitution, withoutVideos, type VideoTransport, type VllmVideoSubstitution } from './vllm-video.js';

function videoParts(request: GenerateRequest): VideoPart[] {
  return request.messages.flatMap((message) =>
    Array.isArray(message.content) ? message.content.filter((part): part is VideoPart => part.type === 'video') : []);
}

/**
 * The frames a plan asked for: `numFrames`, else `fps` × the span's length; null when it asked neither.
 * @example requestedFrames({ type: 'video', path: 'a.mp4', mediaType: 'video/mp4', fps: 2, span: { start: 0, end: 8 } }) // 16
 */
export function requestedFrames(part: VideoPart): number | null {
  if (part.numFrames !== undefined) return part.numFrames;
  if (part.fps !== undefined && part.span) return Math.max(1, Math.round(part.fps * (part.span.end - part.span.start)));
  return null;
}

/**
 * Frames inferred from the prompt tokens (see the module header), or null.
 * @example inferFramesFromTokens({ promptTokens: 4000, textTokens: 172, tokensPerFrame: 149.5 }) // 26
 */
export function inferFramesFromTokens(input: { promptTokens: number | null; textTokens: number | null; tokensPerFrame: number | null }): number | null {
  const { promptTokens, textTokens, tokensPerFrame } = input;
  if (promptTokens === null || textTokens === null || tokensPerFrame === null || !(tokensPerFrame > 0)) return null;
  const frames = Math.round((promptTokens - textTokens) / tokensPerFrame);
  return frames >= 1 ? frames : null;
}

async function countTextTokens(settings: ProviderSettings, body: Record<string, unknown>, signal: AbortSignal): Promise<number | null> {
  try {
    const response = await (settings.fetch ?? fetch)(`${serverRoot(settings.baseURL ?? '')}/tokenize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify({ model: body.model, messages: withoutVideos(body), add_generation_prompt: true }),
      signal,
    });
    if (!response.ok) return null;
    const count = ((await response.json()) as { count?: unknown }).count;
    return typeof count === 'number' ? count : null;
  } catch {
    return null;
  }
}

function tokensPerFrame(profile: ModelProfile, part: VideoPart): number | null {
  const rule = profile.nativeVideo?.tokensPerFrame;
  if (!rule || part.width === undefined || part.height === undefined) return null;
  return rule(part.width, part.height);
}

function createVllmModel(settings: ProviderSettings): LanguageModel {
  const transport: VideoTransport = settings.options?.videoUrl === 'file' ? 'file' : 'data';
  return createCompatibleModel<VllmVideoSubstitution>(settings, {
    providerId: 'vllm',
    videoSubstitution: () => createVllmVideoSubstitution(transport),
    finish: async (request, response, signal, substitution): Promise<GenerateResponse> => {
      const parts = videoParts(request);
      if (parts.length === 0) return response;
      const part = parts.length === 1 ? parts[0]! : undefined;
      const perFrame = part ? tokensPerFrame(settings.profile, part) : null;
      const textTokens = part && perFrame !== null && substitution?.sentBody ? await countTextTokens(settings, substitution.sentBody, signal) : null;
      const inferredVideoFrames: NonNullable<GenerateUsage['inferredVideoFrames']> = {
        requested: part ? requestedFrames(part) : null,
        inferred: inferFramesFromTokens({ promptTokens: response.usage.inputTokens, textTokens, tokensPerFrame: perFrame }),
        source: 'prompt-token usage',
      };
      return { ...response, usage: { ...response.usage, inferredVideoFrames } };
    },
  });
}

export const vllmProvider: ProviderDefinition = Object.freeze({
  id: 'vllm',
  description: 'A vLLM server: OpenAI-compatible plus native video (video_url) with the frame count inferred from token usage.',
  apiKeyEnv: ['REELM_API_KEY', 'VLLM_API_KEY'],
  baseURLEnv: 'REELM_BASE_URL',
  requiresBaseURL: true,
  create: createVllmModel,
  discover: discoverCompatibleServer,
});
