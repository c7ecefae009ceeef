/**
 * The two request shapes of an HTTP embedding API and the one response shape, as pure functions.
 *
 * Texts: OpenAI's `POST /embeddings` with `{ model, input: string[], encoding_format: 'float' }`
 * (openai/openai-openapi `openapi.json` at f85dbe223d40e1a31cba812ab2d755c7e98a92a3,
 * `CreateEmbeddingRequest`), answered with `{ data: [{ index, embedding: number[] }] }`.
 *
 * Images: vLLM's chat-style embedding request on the same route, one conversation per vector:
 * `{ model, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:…' } }] }],
 * encoding_format: 'float' }` — `EmbeddingChatRequest` in vllm-project/vllm
 * `vllm/entrypoints/pooling/embed/protocol.py` at ff8d577a972bbcd9bc37b196343f5f9a86609ccb (fields from
 * `vllm/entrypoints/pooling/base/protocol.py` `ChatRequestMixin`), and the `run_clip` / `run_siglip`
 * requests of `examples/pooling/embed/vision_embedding_online.py` at 010ffcc581034b30845282e4fa7c8fc29d7c2745
 * (`vllm serve openai/clip-vit-base-patch32 --runner pooling`). Each chat request yields one embedding,
 * so images cannot be batched into one request.
 *
 * @example
 * const body = textEmbeddingRequest('BAAI/bge-m3', ['a dog', 'a cat']);
 * const vectors = parseEmbeddingResponse(await response.json(), 2, url);
 */

import { ApiCallError } from '../../core/errors.js';

export interface TextEmbeddingRequest {
  model: string;
  input: string[];
  encoding_format: 'float';
}

export interface ImageEmbeddingRequest {
  model: string;
  messages: Array<{ role: 'user'; content: Array<{ type: 'image_url'; image_url: { url: string } }> }>;
  encoding_format: 'float';
}

export function textEmbeddingRequest(model: string, texts: readonly string[]): TextEmbeddingRequest {
  return { model, input: [...texts], encoding_format: 'float' };
}

export function imageEmbeddingRequest(model: string, image: Uint8Array): ImageEmbeddingRequest {
  return { model, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: imageDataUrl(image) } }] }], encoding_format: 'float' };
}

/** Magic numbers of the image formats servers decode; anything else is sent as JPEG and left to the server. */
const signatures: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
];

/**
 * The image as a base64 data URL with its media type sniffed from the bytes.
 * @example imageDataUrl(pngBytes) // 'data:image/png;base64,iVBORw0…'
 */
export function imageDataUrl(image: Uint8Array): string {
  const type = signatures.find(([, magic]) => magic.every((byte, index) => image[index] === byte))?.[0] ?? 'image/jpeg';
  return `data:${type};base64,${Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString('base64')}`;
}

function malformed(url: string, what: string, body: unknown): ApiCallError {
  const text = (JSON.stringify(body) as string | undefined) ?? String(body);
  return new ApiCallError({
    url,
    isRetryable: false,
    responseBody: text.slice(0, 2000),
    message: `${url}: the embedding response ${what}; is this an OpenAI-compatible /embeddings endpoint serving an embedding model?`,
  });
}

/**
 * The vectors of an embedding response, ordered by `index`: exactly `count` of them, each an array of
 * finite numbers. Anything else is a non-retryable ApiCallError naming the URL.
 */
export function parseEmbeddingResponse(body: unknown, count: number, url: string): number[][] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw malformed(url, 'has no data[] array', body);
  if (data.length !== count) throw malformed(url, `holds ${data.length} embeddings for ${count} inputs`, body);
  const slots: Array<number[] | undefined> = new Array(count);
  data.forEach((item: { index?: unknown; embedding?: unknown }, position) => {
    const index = typeof item?.index === 'number' ? item.index : position;
    const embedding = item?.embedding;
    if (!Number.isInteger(index) || index < 0 || index >= count || slots[index]) throw malformed(url, `has a bad or repeated index ${String(index)}`, body);
    if (!Array.isArray(embedding) || embedding.length === 0) throw malformed(url, 'has an embedding that is not a float array (encoding_format float was asked)', body);
    if (!embedding.every((value) => typeof value === 'number' && Number.isFinite(value))) throw malformed(url, 'has non-finite values in an embedding', body);
    slots[index] = embedding as number[];
  });
  return slots as number[][];
}
