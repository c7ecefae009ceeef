/**
 * The model double for task tests, at the wire: the loopback OpenAI-compatible server of
 * test/models/wire (which validates every request against OpenAI's published schema and records it)
 * replays canned answers written for each test, and a real `openai-compatible` provider talks to it
 * with the profile a test names — so the tasks' requests go through the same message conversion, call
 * policy and usage accounting users get. Also: the real clips in ../shared/media, and a clip with a
 * sidecar subtitle file beside it (a symlink in a temporary folder, so the shared clip stays untouched).
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCallPolicy, type CallPolicy } from '../../../src/models/call-policy.js';
import type { LanguageModel } from '../../../src/models/language-model.js';
import type { ModelProfile } from '../../../src/models/profile.js';
import { resolveProfile } from '../../../src/models/profiles/index.js';
import { openaiCompatibleProvider } from '../../../src/models/providers/openai-compatible.js';
import type { Reply, WireServer } from '../../models/wire/chat-completions-server.js';

export { startWireServer, type WireServer } from '../../models/wire/chat-completions-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The shared real clips (see ../shared/media/README.md). */
export const sharedMedia = (name: string): string => path.resolve(root, '..', 'shared', 'media', name);

/** An `openai-compatible` model on the server, with `profile` (a resolved id such as `openai:gpt-4o`, or a profile). */
export function recordingModel(server: WireServer, profile: string | ModelProfile, policy: Partial<CallPolicy> = {}, modelId = 'test-model'): LanguageModel {
  return openaiCompatibleProvider.create({
    modelId,
    baseURL: server.baseURL,
    apiKey: 'test-key',
    profile: typeof profile === 'string' ? resolveProfile(profile) : profile,
    policy: { ...defaultCallPolicy, initialBackoffMs: 1, maxRetries: 0, ...policy },
  });
}

/** A chat-completions answer with `text` and the usage the server reports. */
export function chatReply(text: string, usage: { prompt: number; completion: number } = { prompt: 1000, completion: 20 }, extra: { logprobs?: Array<{ token: string; logprob: number }> } = {}): Reply {
  return {
    json: {
      id: 'chatcmpl-task-test', object: 'chat.completion', created: 1_764_000_000, model: 'test-model',
      choices: [{
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: extra.logprobs ? { content: extra.logprobs.map((entry) => ({ ...entry, bytes: [...Buffer.from(entry.token)], top_logprobs: [] })) } : null,
        finish_reason: 'stop',
      }],
      usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
    },
  };
}

/** The same answer as server-sent events, one chunk per piece. */
export function streamedReply(pieces: string[], usage = { prompt: 1000, completion: 20 }): Reply {
  const chunk = (delta: Record<string, unknown>, finish: string | null, withUsage = false): string => JSON.stringify({
    id: 'chatcmpl-task-test', object: 'chat.completion.chunk', created: 1_764_000_000, model: 'test-model',
    choices: withUsage ? [] : [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    usage: withUsage ? { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } : null,
  });
  return { sse: [chunk({ role: 'assistant', content: '' }, null), ...pieces.map((piece) => chunk({ content: piece }, null)), chunk({}, 'stop'), chunk({}, null, true)] };
}

/** One part of a recorded request: text as sent, an image by size and hash. */
export type SentPart = { type: 'text'; text: string } | { type: 'image'; sha256: string; mediaType: string };

export interface SentRequest {
  system: string;
  parts: SentPart[];
  body: Record<string, unknown>;
}

/** The recorded chat requests, read back: the system prompt and the user message's parts in order. */
export function sentRequests(server: WireServer): SentRequest[] {
  return server.chatRequests().map((request) => {
    if (request.schemaErrors.length > 0) throw new Error(`the request violates the Chat Completions schema:\n${request.schemaErrors.join('\n')}`);
    const messages = (request.body?.messages ?? []) as Array<{ role: string; content: string | Array<{ type: string; text?: string; image_url?: { url: string } }> }>;
    const system = messages.filter((message) => message.role === 'system').map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
    const parts: SentPart[] = [];
    for (const message of messages.filter((entry) => entry.role === 'user')) {
      const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
      for (const part of content) {
        if (part.type === 'text') parts.push({ type: 'text', text: part.text ?? '' });
        else if (part.type === 'image_url') {
          const match = /^data:([^;]+);base64,(.*)$/s.exec(part.image_url?.url ?? '');
          parts.push({ type: 'image', mediaType: match?.[1] ?? '', sha256: createHash('sha256').update(Buffer.from(match?.[2] ?? '', 'base64')).digest('hex') });
        }
      }
    }
    return { system, parts, body: request.body ?? {} };
  });
}

/** A request's user message as text, images shown as `<image>`, for exact comparisons. */
export function renderUserMessage(request: SentRequest): string {
  return request.parts.map((part) => (part.type === 'text' ? part.text : '<image>')).join('\n');
}

/** `clip` linked into a fresh temporary folder with a sidecar `.srt` beside it; returns the link's path. */
export async function clipWithSubtitles(clip: string, srt: string): Promise<{ video: string; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-task-subtitles-'));
  const video = path.join(dir, 'clip.mp4');
  await fs.symlink(clip, video);
  await fs.writeFile(path.join(dir, 'clip.srt'), srt);
  return { video, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}
