/**
 * Gemini native video, outside the AI SDK: the video file is uploaded through the Files API's resumable
 * protocol (`POST {root}/upload/v1beta/files` with `X-Goog-Upload-Protocol: resumable` and
 * `X-Goog-Upload-Command: start`, then `upload, finalize` to the returned `X-Goog-Upload-URL`), polled
 * (`GET {base}/files/{id}`) until its state is ACTIVE, and referenced from a `generateContent` request
 * built here by a `fileData { mimeType, fileUri }` part (the proto-JSON spelling of `file_data
 * { mime_type, file_uri }`; both are accepted). Shapes follow the v1beta discovery document
 * (test/models/wire/fixtures/gemini-v1beta-schemas.json) and https://ai.google.dev/api/files.
 * Times in the labels use the profile's timestamp style (Gemini asks for MM:SS).
 */

import fs from 'node:fs';
import { AbortedError, ApiCallError, MediaError } from '../../core/errors.js';
import { formatTime, type TimeStyle } from '../../core/time.js';
import type { GenerateRequest, GenerateResponse, GenerationParameters, TokenLogprob } from '../language-model.js';
import type { ModelMessage, UserContentPart, VideoPart } from '../messages.js';
import { countImages } from './ai-sdk-messages.js';

export interface GeminiFilesConfig {
  /** The v1beta base, e.g. https://generativelanguage.googleapis.com/v1beta. */
  baseURL: string;
  apiKey: string;
  modelId: string;
  fetch: typeof fetch;
  headers?: Record<string, string>;
  timestampStyle: TimeStyle;
  /** Between polls of a PROCESSING file. Default 2 s. */
  pollIntervalMs?: number;
}

/** The File resource (fields reelm reads). */
export interface GeminiFile {
  name: string;
  uri: string;
  mimeType: string;
  state?: 'STATE_UNSPECIFIED' | 'PROCESSING' | 'ACTIVE' | 'FAILED';
  error?: { code?: number; message?: string };
}

type GeminiPart = { text: string } | { inlineData: { mimeType: string; data: string } } | { fileData: { mimeType: string; fileUri: string } };

/** The upload URL's root: the base without its trailing `/v1beta`. */
export function geminiUploadURL(baseURL: string): string {
  const trimmed = baseURL.replace(/\/+$/, '');
  const root = trimmed.replace(/\/v1beta$/, '');
  return `${root}/upload/v1beta/files`;
}

async function send(config: GeminiFilesConfig, url: string, init: RequestInit, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await config.fetch(url, { ...init, headers: { ...config.headers, 'x-goog-api-key': config.apiKey, ...(init.headers as Record<string, string>) } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiCallError({ url, isRetryable: true, message: `google: ${what} failed (${(error as Error).message}); check the network and the base URL.`, cause: error });
  }
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    throw new ApiCallError({ url, statusCode: response.status, responseBody: body, message: `google: ${what} answered HTTP ${response.status} from ${url}: ${body.slice(0, 300)}` });
  }
  return response;
}

/** Uploads one video with the resumable protocol (start, then upload + finalize in one request). */
export async function uploadGeminiFile(config: GeminiFilesConfig, video: VideoPart, signal: AbortSignal): Promise<GeminiFile> {
  let size: number;
  try {
    size = (await fs.promises.stat(video.path)).size;
  } catch (error) {
    throw new MediaError(video.path, 'not-found', 'the video to upload to Gemini cannot be read.', { cause: error });
  }
  const startURL = geminiUploadURL(config.baseURL);
  const start = await send(config, startURL, {
    method: 'POST',
    signal,
    headers: {
      'X-Goog-Upload-Protocol': 'resumable',
      'X-Goog-Upload-Command': 'start',
      'X-Goog-Upload-Header-Content-Length': String(size),
      'X-Goog-Upload-Header-Content-Type': video.mediaType,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ file: { displayName: video.path.split(/[\\/]/).pop() ?? 'video' } }),
  }, 'starting the file upload');
  const uploadURL = start.headers.get('x-goog-upload-url');
  if (!uploadURL) throw new ApiCallError({ url: startURL, statusCode: start.status, isRetryable: false, message: 'google: the upload start answered without an X-Goog-Upload-URL header.' });
  const upload = await send(config, uploadURL, {
    method: 'POST',
    signal,
    headers: { 'X-Goog-Upload-Offset': '0', 'X-Goog-Upload-Command': 'upload, finalize' },
    body: await fs.openAsBlob(video.path, { type: video.mediaType }),
  }, 'uploading the video');
  const { file } = (await upload.json()) as { file?: GeminiFile };
  if (!file?.name || !file.uri) throw new ApiCallError({ url: uploadURL, isRetryable: false, message: 'google: the upload answered without a file name and uri.' });
  return file;
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new AbortedError(undefined, { cause: signal.reason }));
    }, { once: true });
  });
}

/** Polls the file until ACTIVE; FAILED is a MediaError naming the video. */
export async function waitUntilActive(config: GeminiFilesConfig, file: GeminiFile, video: VideoPart, signal: AbortSignal): Promise<GeminiFile> {
  let current = file;
  while (current.state !== 'ACTIVE') {
    if (current.state === 'FAILED') {
      throw new MediaError(video.path, 'unreadable', `Gemini could not process the uploaded video (${current.error?.message ?? 'state FAILED'}).`);
    }
    await sleep(config.pollIntervalMs ?? 2000, signal);
    const url = `${config.baseURL.replace(/\/+$/, '')}/${current.name}`;
    current = (await (await send(config, url, { method: 'GET', signal }, 'polling the uploaded file')).json()) as GeminiFile;
  }
  return current;
}

/** The text before a video: which part of the source it shows, in the profile's time style. */
export function videoLabel(video: VideoPart, style: TimeStyle): string {
  if (!video.span) return 'The video:';
  const at = (seconds: number): string => formatTime(seconds, { style });
  return `The video below shows ${at(video.span.start)}-${at(video.span.end)} of the source; its own time ${at(0)} is ${at(video.span.start)} in the source.`;
}

function toParts(content: string | UserContentPart[], files: ReadonlyMap<VideoPart, GeminiFile>, style: TimeStyle): GeminiPart[] {
  if (typeof content === 'string') return [{ text: content }];
  return content.flatMap((part): GeminiPart[] => {
    if (part.type === 'text') return [{ text: part.text }];
    if (part.type === 'image') return [{ inlineData: { mimeType: part.mediaType, data: Buffer.from(part.image).toString('base64') } }];
    const file = files.get(part);
    if (!file) throw new Error('internal: video part without an uploaded file');
    return [{ text: videoLabel(part, style) }, { fileData: { mimeType: file.mimeType || part.mediaType, fileUri: file.uri } }];
  });
}

/** A `generateContent` request body for the messages, with each video referenced by its uploaded file. */
export function geminiRequestBody(messages: readonly ModelMessage[], files: ReadonlyMap<VideoPart, GeminiFile>, parameters: GenerationParameters, style: TimeStyle): { body: Record<string, unknown>; warnings: string[] } {
  const warnings: string[] = [];
  const system = messages.filter((message) => message.role === 'system').map((message) => ({ text: message.content as string }));
  const contents = messages.filter((message) => message.role !== 'system').map((message) => ({
    role: message.role === 'assistant' ? 'model' : 'user',
    parts: toParts(message.content, files, style),
  }));
  const { temperature, topP, maxOutputTokens, stopSequences, seed } = parameters;
  const generationConfig: Record<string, unknown> = Object.fromEntries(Object.entries({ temperature, topP, maxOutputTokens, stopSequences, seed }).filter(([, value]) => value !== undefined));
  if (parameters.logprobs) generationConfig['responseLogprobs'] = true;
  if (parameters.jsonSchema) {
    generationConfig['responseMimeType'] = 'application/json';
    warnings.push('jsonSchema is not enforced with native video: Gemini is asked for JSON but not for the schema');
  }
  for (const video of files.keys()) {
    if (video.fps !== undefined && video.fps !== 1) warnings.push(`fps ${video.fps} is not sent: the Gemini API samples uploaded video at 1 frame per second`);
  }
  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body['systemInstruction'] = { parts: system };
  if (Object.keys(generationConfig).length > 0) body['generationConfig'] = generationConfig;
  return { body, warnings };
}

const finishReasons: Record<string, GenerateResponse['finishReason']> = {
  STOP: 'stop', MAX_TOKENS: 'length', SAFETY: 'content-filter', RECITATION: 'content-filter', BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter', SPII: 'content-filter', IMAGE_SAFETY: 'content-filter', MALFORMED_FUNCTION_CALL: 'error',
};

interface GeminiResponse {
  candidates?: Array<{
    content?: { parts?: Array<{ text?: string; thought?: boolean }> };
    finishReason?: string;
    logprobsResult?: { chosenCandidates?: Array<{ token?: string; logProbability?: number }> };
  }>;
  promptFeedback?: { blockReason?: string };
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number };
}

/** Uploads each video (once per model and file), waits for it, and calls generateContent. */
export async function generateWithGeminiFiles(
  config: GeminiFilesConfig,
  uploads: Map<string, Promise<GeminiFile>>,
  request: GenerateRequest,
  signal: AbortSignal,
): Promise<Omit<GenerateResponse, 'latencyMs' | 'fromCache' | 'endpoint'>> {
  const files = new Map<VideoPart, GeminiFile>();
  for (const message of request.messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type !== 'video' || files.has(part)) continue;
      const stat = await fs.promises.stat(part.path).catch(() => undefined);
      const key = `${part.path}\0${stat?.size}\0${stat?.mtimeMs}`;
      let pending = uploads.get(key);
      if (!pending) {
        pending = uploadGeminiFile(config, part, signal).then((file) => waitUntilActive(config, file, part, signal));
        uploads.set(key, pending);
        pending.catch(() => uploads.delete(key));
      }
      files.set(part, await pending);
    }
  }
  const parameters = request.parameters ?? {};
  const { body, warnings } = geminiRequestBody(request.messages, files, parameters, config.timestampStyle);
  const url = `${config.baseURL.replace(/\/+$/, '')}/models/${config.modelId}:generateContent`;
  const response = (await (await send(config, url, { method: 'POST', signal, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, 'generateContent')).json()) as GeminiResponse;
  const candidate = response.candidates?.[0];
  const text = (candidate?.content?.parts ?? []).filter((part) => !part.thought).map((part) => part.text ?? '').join('');
  if (text) request.onTextDelta?.(text);
  const usage = response.usageMetadata;
  const chosen = candidate?.logprobsResult?.chosenCandidates;
  const logprobs: TokenLogprob[] | undefined = parameters.logprobs && chosen
    ? chosen.flatMap((entry) => (typeof entry.token === 'string' && typeof entry.logProbability === 'number' ? [{ token: entry.token, logprob: entry.logProbability }] : []))
    : undefined;
  if (response.promptFeedback?.blockReason) warnings.push(`the prompt was blocked: ${response.promptFeedback.blockReason}`);
  return {
    text,
    finishReason: response.promptFeedback?.blockReason ? 'content-filter' : candidate?.finishReason ? finishReasons[candidate.finishReason] ?? 'other' : 'unknown',
    usage: {
      inputTokens: usage?.promptTokenCount ?? null,
      outputTokens: usage?.candidatesTokenCount === undefined ? null : usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0),
      images: countImages(request.messages),
    },
    ...(logprobs ? { logprobs } : {}),
    parameters,
    warnings,
  };
}
