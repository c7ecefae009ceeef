/**
 * A real HTTP embedding server on loopback that speaks `POST /v1/embeddings` the way vLLM does for a
 * CLIP-type model: text requests are validated against OpenAI's `CreateEmbeddingRequest`
 * (fixtures/openai-embedding.schema.json), image requests against vLLM's chat-style `EmbeddingChatRequest`
 * (fixtures/vllm-embedding-chat-request.schema.json, whose messages reuse OpenAI's chat message schema);
 * an invalid request is answered 400, as vLLM would. Its vectors are computed from what it received, so
 * a client that garbles or reorders inputs gets other vectors: a text is the sum of hash-seeded vectors
 * of its words; an image is decoded from its data URL with sharp and described by its mean RGB.
 * Faults (a status, a stall, vectors of another size, ragged vectors) are queued per request.
 */

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { readFixture } from './chat-completions-server.js';
import { validate, type Schema, type SchemaTable } from './json-schema-subset.js';

export interface EmbeddingFault {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Never answer (until the client gives up). */
  hang?: boolean;
  /** Answer with vectors of this size instead of the server's. */
  dimensions?: number;
  /** Give the first vector one value too many. */
  ragged?: boolean;
}

export interface ReceivedEmbeddingRequest {
  kind: 'text' | 'image' | 'unknown';
  body: Record<string, unknown> | undefined;
  authorization: string | undefined;
  schemaErrors: string[];
  /** Errors of the server's own reply against OpenAI's `CreateEmbeddingResponse` (a self-check). */
  responseErrors: string[];
}

export interface EmbeddingServer {
  baseURL: string;
  url: string;
  requests: ReceivedEmbeddingRequest[];
  /** The size of the vectors the server computes. */
  dimensions: number;
  enqueue(...faults: EmbeddingFault[]): void;
  close(): Promise<void>;
}

function schemaTable(): SchemaTable {
  const openai = JSON.parse(readFixture('openai-embedding.schema.json')) as { schemas: SchemaTable };
  const chat = JSON.parse(readFixture('openai-chat-completion-request.schema.json')) as { schemas: SchemaTable };
  const vllm = JSON.parse(readFixture('vllm-embedding-chat-request.schema.json')) as { schemas: SchemaTable };
  return { ...chat.schemas, ...openai.schemas, ...vllm.schemas };
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The sum of one hash-seeded vector per word: the same text always gives the same vector. */
export function textVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) {
    const digest = createHash('sha256').update(word).digest();
    for (let i = 0; i < dimensions; i++) vector[i]! += digest[i % digest.length]! / 127.5 - 1;
  }
  vector[dimensions - 1]! += 0.01;
  return vector;
}

/** The mean R, G, B of the decoded image (0..1), spread over the vector with per-slot weights. */
export async function imageVector(dataUrl: string, dimensions: number): Promise<number[]> {
  const match = /^data:image\/[\w.+-]+;base64,(.+)$/s.exec(dataUrl);
  if (!match) throw new Error('image_url.url is not a base64 image data URL');
  const stats = await sharp(Buffer.from(match[1]!, 'base64')).stats();
  const mean = stats.channels.slice(0, 3).map((channel) => channel.mean / 255);
  return Array.from({ length: dimensions }, (_, i) => (i < 3 ? mean[i]! : mean[i % 3]! * Math.cos(i) + 0.05));
}

/** The one content part of a chat-style request's single user message. */
function chatPart(body: Record<string, unknown>): { type?: string; text?: string; image_url?: { url?: string } } | undefined {
  const messages = body.messages as Array<{ content?: unknown }> | undefined;
  const content = messages?.length === 1 ? messages[0]?.content : undefined;
  if (typeof content === 'string') return { type: 'text', text: content };
  return Array.isArray(content) && content.length === 1 ? content[0] : undefined;
}

/**
 * Starts the server on 127.0.0.1 and a free port; with `apiKey`, requests without that bearer key get 401.
 * @example const server = await startEmbeddingServer({ dimensions: 8 }); const embedder = await ApiEmbedder.open({ baseURL: server.baseURL, … });
 */
export async function startEmbeddingServer(options: { dimensions?: number; apiKey?: string; model?: string } = {}): Promise<EmbeddingServer> {
  const table = schemaTable();
  const faults: EmbeddingFault[] = [];
  const requests: ReceivedEmbeddingRequest[] = [];
  const state = { dimensions: options.dimensions ?? 8 };
  const model = options.model ?? 'openai/clip-vit-base-patch32';

  const answer = async (req: http.IncomingMessage, text: string): Promise<{ status: number; json: unknown; headers?: Record<string, string>; hang?: boolean }> => {
    const route = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || route !== '/v1/embeddings') return { status: 404, json: { error: { message: `no route ${req.method} ${route}` } } };
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const kind = body && 'messages' in body ? 'image' : body && 'input' in body ? 'text' : 'unknown';
    const record: ReceivedEmbeddingRequest = { kind, body, authorization: req.headers.authorization, schemaErrors: [], responseErrors: [] };
    requests.push(record);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return { status: 401, json: { error: { message: 'Unauthorized', type: 'AuthenticationError', code: 401 } } };
    }
    record.schemaErrors = kind === 'unknown'
      ? ['$: neither input nor messages']
      : validate(ref(kind === 'text' ? 'CreateEmbeddingRequest' : 'VllmEmbeddingChatRequest'), body, table);
    if (record.schemaErrors.length > 0) return { status: 400, json: { error: { message: record.schemaErrors.join('; '), type: 'BadRequestError', code: 400 } } };
    const fault = faults.shift() ?? {};
    if (fault.hang) return { status: 0, json: null, hang: true };
    if (fault.status) return { status: fault.status, json: fault.json ?? { error: { message: `injected HTTP ${fault.status}` } }, ...(fault.headers ? { headers: fault.headers } : {}) };
    const size = fault.dimensions ?? state.dimensions;
    let vectors: number[][];
    if (kind === 'text') {
      const inputs = (typeof body!.input === 'string' ? [body!.input] : body!.input) as string[];
      vectors = inputs.map((input) => textVector(input, size));
    } else {
      const part = chatPart(body!);
      if (part?.type === 'text') vectors = [textVector(part.text ?? '', size)];
      else if (part?.type === 'image_url') vectors = [await imageVector(part.image_url?.url ?? '', size)];
      else return { status: 400, json: { error: { message: 'one user message with one text or image_url part is supported', type: 'BadRequestError', code: 400 } } };
    }
    if (fault.ragged) vectors[0]!.push(0.5);
    const reply = {
      object: 'list',
      model,
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      usage: { prompt_tokens: vectors.length, total_tokens: vectors.length },
    };
    record.responseErrors = validate(ref('CreateEmbeddingResponse'), reply, table);
    return { status: 200, json: reply };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(req, Buffer.concat(chunks).toString('utf8'))
        .catch((error: unknown) => ({ status: 400, json: { error: { message: String((error as Error).message ?? error), type: 'BadRequestError', code: 400 } } }))
        .then((reply) => {
          if ('hang' in reply && reply.hang) return;
          if (res.destroyed) return;
          const headers = 'headers' in reply ? reply.headers : undefined;
          res.writeHead(reply.status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(reply.json));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v1`;
  return {
    baseURL,
    url: `${baseURL}/embeddings`,
    requests,
    get dimensions() {
      return state.dimensions;
    },
    set dimensions(value) {
      state.dimensions = value;
    },
    enqueue: (...added) => faults.push(...added),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
