/**
 * The response cache: a model's answer stored under a key that covers everything that could change it —
 * the endpoint (provider, base URL, serving engine and version, model id and revision), the generation
 * parameters, and the messages with each image replaced by its SHA-256. Off by default for chat, on for
 * evaluation. Stored as JSON files under the cache folder.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { GenerateResponse, GenerationParameters, ModelEndpoint } from './language-model.js';
import type { ModelMessage } from './messages.js';

/** A stable JSON text: object keys sorted, so equal requests give equal keys. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value instanceof Uint8Array) return JSON.stringify(`sha256:${createHash('sha256').update(value).digest('hex')}`);
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function responseCacheKey(endpoint: ModelEndpoint, parameters: GenerationParameters, messages: readonly ModelMessage[]): string {
  return createHash('sha256').update(stableStringify({ endpoint, parameters, messages })).digest('hex');
}

export class ResponseCache {
  constructor(readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, 'responses', key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<GenerateResponse | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file(key), 'utf8')) as GenerateResponse;
    } catch {
      return undefined;
    }
  }

  async put(key: string, response: GenerateResponse): Promise<void> {
    await writeFileAtomic(this.file(key), JSON.stringify(response));
  }
}
