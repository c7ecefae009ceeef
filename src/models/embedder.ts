/**
 * The embedder interface: vectors for images and text in one space (CLIP/SigLIP-style), beside the
 * language models. AI SDK embedding models are text-only, so reelm defines its own. The planner's
 * question-guided strategy and the video store use it. Implementations: `embedders/transformers-clip.ts`
 * (in-process) and `embedders/api-embedder.ts` (an HTTP embedding API); `embedders/index.ts` picks one.
 */

import { ReelmError } from '../core/errors.js';

export interface Embedder {
  /** `provider:model`, recorded with every vector. */
  readonly id: string;
  readonly dimensions: number;
  embedImages(images: readonly Uint8Array[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
  embedTexts(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** Cosine similarity of two vectors of the same length. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * Vectors of the wrong size: a server that returned ragged vectors, or vectors of another size than the
 * embedder reported (another model behind the same URL). Not retryable: the same server will answer the same.
 */
export class EmbeddingDimensionError extends ReelmError {
  readonly embedder: string;
  /** The server (or model folder) that produced the vectors. */
  readonly server: string;
  readonly expected: number;
  readonly actual: readonly number[];

  constructor(fields: { embedder: string; server: string; expected: number; actual: readonly number[] }) {
    const sizes = [...new Set(fields.actual)].join(', ');
    super(
      `${fields.server}: returned ${sizes}-dimensional vectors for ${fields.embedder}, expected ${fields.expected}; `
        + 'check that the server serves the configured embedding model (vectors from different models cannot be compared).',
      { kind: 'input' },
    );
    this.name = 'EmbeddingDimensionError';
    this.embedder = fields.embedder;
    this.server = fields.server;
    this.expected = fields.expected;
    this.actual = fields.actual;
  }

  static override isInstance(error: unknown): error is EmbeddingDimensionError {
    return ReelmError.isInstance(error) && error.name === 'EmbeddingDimensionError';
  }
}
