/**
 * A real HTTP server on loopback that speaks OpenAI's Chat Completions API the way vLLM and other
 * OpenAI-compatible servers do. Every chat request is validated against the request schema extracted
 * from OpenAI's published OpenAPI spec (fixtures/openai-chat-completion-request.schema.json), plus vLLM's
 * `video_url` part and request fields for the `vllm` dialect (fixtures/vllm-video-part.schema.json), and
 * unknown top-level fields are flagged. Replies are captured real responses (see fixtures/README.md),
 * queued per test; with none queued it answers with OpenAI's documented default (JSON or SSE).
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate, type Schema, type SchemaTable } from './json-schema-subset.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export function readFixture(name: string): string {
  return fs.readFileSync(path.join(fixtures, name), 'utf8');
}
export const vllmReplies = JSON.parse(readFixture('vllm-replies.json')) as Record<string, { status?: number; headers?: Record<string, string>; body: unknown }>;

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Server-sent events: each string is one `data:` payload; `[DONE]` is appended. */
  sse?: string[];
  delayMs?: number;
  /** Never answer (until the client gives up). */
  hang?: boolean;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  schemaErrors: string[];
}

export interface WireServer {
  baseURL: string;
  requests: ReceivedRequest[];
  chatRequests(): ReceivedRequest[];
  enqueue(...replies: Reply[]): void;
  /** What `POST /tokenize` reports as `count`; null answers 404 (a server without it). */
  tokenizeCount: number | null;
  close(): Promise<void>;
}

type Dialect = 'openai' | 'vllm';

function requestSchema(dialect: Dialect): { table: SchemaTable; allowedFields: Set<string> } {
  const openai = JSON.parse(readFixture('openai-chat-completion-request.schema.json')) as { schemas: SchemaTable };
  const table: SchemaTable = structuredClone(openai.schemas);
  const fieldsOf = (name: string): string[] => {
    const schema = table[name] as Schema & { allOf?: Schema[]; properties?: Record<string, unknown> };
    return [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap((part) =>
      typeof part.$ref === 'string' ? fieldsOf(part.$ref.split('/').pop()!) : Object.keys((part.properties ?? {}) as object))];
  };
  const allowedFields = new Set(fieldsOf('CreateChatCompletionRequest'));
  if (dialect === 'vllm') {
    const vllm = JSON.parse(readFixture('vllm-video-part.schema.json')) as { schemas: SchemaTable; requestFields: Record<string, Schema> };
    Object.assign(table, vllm.schemas);
    (table.ChatCompletionRequestUserMessageContentPart!.oneOf as Schema[]).push({ $ref: '#/components/schemas/VllmContentPartVideo' });
    const request = table.CreateChatCompletionRequest!.allOf as Schema[];
    request.push({ type: 'object', properties: vllm.requestFields });
    for (const field of Object.keys(vllm.requestFields)) allowedFields.add(field);
  }
  return { table, allowedFields };
}

function defaultReply(body: Record<string, unknown> | undefined): Reply {
  if (body?.stream === true) return { sse: readFixture('azure-text.chunks.txt').trim().split('\n') };
  return { json: JSON.parse(readFixture(body?.logprobs === true ? 'openai-chat-logprobs.json' : 'openai-chat-default.json')) };
}

/**
 * Starts the server on 127.0.0.1 and a free port.
 * @example const server = await startWireServer('vllm'); const model = createCompatibleModel({ baseURL: server.baseURL, … }, …);
 */
export async function startWireServer(dialect: Dialect = 'openai'): Promise<WireServer> {
  const { table, allowedFields } = requestSchema(dialect);
  const queue: Reply[] = [];
  const requests: ReceivedRequest[] = [];
  const state = { tokenizeCount: 200 as number | null };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      const route = (req.url ?? '').split('?')[0]!;
      const record: ReceivedRequest = { method: req.method ?? '', path: route, body, schemaErrors: [] };
      requests.push(record);
      const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
      };
      if (req.method === 'GET' && route === '/v1/models') return send(200, vllmReplies.models!.body);
      if (req.method === 'GET' && route === '/version') return dialect === 'vllm' ? send(200, vllmReplies.version!.body) : send(404, { error: 'not found' });
      if (req.method === 'POST' && route === '/tokenize') {
        return state.tokenizeCount === null ? send(404, { detail: 'Not Found' }) : send(200, { count: state.tokenizeCount, max_model_len: 32768, tokens: [] });
      }
      if (req.method !== 'POST' || route !== '/v1/chat/completions') return send(404, { error: { message: `no route ${req.method} ${route}` } });
      record.schemaErrors = validate({ $ref: '#/components/schemas/CreateChatCompletionRequest' }, body, table);
      for (const field of Object.keys(body ?? {})) if (!allowedFields.has(field)) record.schemaErrors.push(`$: field "${field}" is not in the ${dialect} request schema`);
      const reply = queue.shift() ?? defaultReply(body);
      if (reply.hang) return;
      setTimeout(() => {
        if (res.destroyed) return;
        if (reply.sse) {
          res.writeHead(reply.status ?? 200, { 'content-type': 'text/event-stream', ...reply.headers });
          for (const event of [...reply.sse, '[DONE]']) res.write(`data: ${event}\n\n`);
          res.end();
        } else {
          send(reply.status ?? 200, reply.json ?? defaultReply(body).json, reply.headers);
        }
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((request) => request.path === '/v1/chat/completions'),
    enqueue: (...replies) => queue.push(...replies),
    get tokenizeCount() {
      return state.tokenizeCount;
    },
    set tokenizeCount(value) {
      state.tokenizeCount = value;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export type NormalisedPart = { type: 'text'; text: string } | { type: 'image'; sha256: string };

/** A chat request as the conformance suite compares it: parts in order (images by hash) and reelm-named parameters. */
export function normaliseChatRequest(body: Record<string, unknown> | undefined): { parts: NormalisedPart[]; parameters: Record<string, unknown> } {
  const parts: NormalisedPart[] = [];
  for (const message of (body?.messages ?? []) as Array<{ content: unknown }>) {
    if (typeof message.content === 'string') parts.push({ type: 'text', text: message.content });
    else for (const part of message.content as Array<{ type: string; text?: string; image_url?: { url: string } }>) {
      if (part.type === 'text') parts.push({ type: 'text', text: part.text ?? '' });
      if (part.type === 'image_url') {
        const base64 = (part.image_url?.url ?? '').replace(/^data:[^,]*;base64,/, '');
        parts.push({ type: 'image', sha256: createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex') });
      }
    }
  }
  const parameters: Record<string, unknown> = {};
  const names = { temperature: 'temperature', top_p: 'topP', max_tokens: 'maxOutputTokens', max_completion_tokens: 'maxOutputTokens', seed: 'seed', stop: 'stopSequences', logprobs: 'logprobs' } as const;
  for (const [wire, name] of Object.entries(names)) if (body?.[wire] !== undefined && body[wire] !== null) parameters[name] = body[wire];
  return { parts, parameters };
}
