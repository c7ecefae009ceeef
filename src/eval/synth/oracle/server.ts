/**
 * The oracle served as an OpenAI-compatible chat-completions endpoint on loopback (`127.0.0.1`, a free
 * port), so the production provider code is what talks to it, over real HTTP. It answers
 * `POST …/chat/completions` (plain JSON, or server-sent events when `stream` is set) and
 * `GET …/models`. Errors become JSON error bodies here, in one place.
 *
 * Usage is estimated the way servers count it roughly: ~4 characters a text token and, for an image,
 * one token per 28×28 patch (Qwen2-VL style), so budgets that read usage see plausible numbers.
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerRequest } from './answer-request.js';
import { observeRequestImages } from './observe.js';
import { readChatRequest } from './read-request.js';

export interface OracleServer {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  close(): Promise<void>;
}

interface ChatBody {
  model?: string;
  stream?: boolean;
  messages?: Parameters<typeof readChatRequest>[0]['messages'];
}

/** Prompt tokens as servers roughly count them: the request's text at ~4 characters a token, images by patches. */
function estimatePromptTokens(textCharacters: number, images: ReadonlyArray<{ width: number; height: number }>): number {
  let tokens = Math.ceil(textCharacters / 4);
  for (const { width, height } of images) tokens += Math.ceil(width / 28) * Math.ceil(height / 28);
  return tokens;
}

/** Answers one chat-completions body. */
export async function completeChat(body: ChatBody): Promise<{ text: string; promptTokens: number }> {
  const request = readChatRequest(body);
  const observed = await observeRequestImages(request.images);
  const observations = observed.flatMap((image) => image.observations).sort((x, y) => x.time - y.time);
  const text = await answerRequest(request, observations);
  return { text, promptTokens: estimatePromptTokens(request.textCharacters, observed) };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, model: string): Promise<void> {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url.endsWith('/models')) {
    sendJson(res, 200, { object: 'list', data: [{ id: model, object: 'model', owned_by: 'reelm-oracle' }] });
    return;
  }
  if (req.method !== 'POST' || !url.endsWith('/chat/completions')) {
    sendJson(res, 404, { error: { message: `no route ${req.method} ${url}`, type: 'not_found' } });
    return;
  }
  const body = JSON.parse(await readBody(req)) as ChatBody;
  const { text, promptTokens } = await completeChat(body);
  const id = `chatcmpl-oracle-${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = { prompt_tokens: promptTokens, completion_tokens: Math.max(1, Math.ceil(text.length / 4)), total_tokens: 0 };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const name = body.model ?? model;
  if (body.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: unknown, finish: string | null, extra: object = {}): string =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: name, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
    res.write(chunk({ role: 'assistant', content: text }, null));
    res.write(chunk({}, 'stop', { usage }));
    res.end('data: [DONE]\n\n');
    return;
  }
  sendJson(res, 200, {
    id, object: 'chat.completion', created, model: name,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage,
  });
}

/**
 * Starts the oracle's HTTP server on 127.0.0.1 at a free port.
 * @example const server = await startOracleServer(); // server.baseURL === 'http://127.0.0.1:40123/v1'
 */
export async function startOracleServer(options: { model?: string } = {}): Promise<OracleServer> {
  const model = options.model ?? 'oracle';
  const server = http.createServer((req, res) => {
    handle(req, res, model).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, error instanceof SyntaxError ? 400 : 500, { error: { message, type: 'oracle_error' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
