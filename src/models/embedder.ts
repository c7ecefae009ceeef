/**
 * The embedder interface: vectors for images and text in one space (CLIP/SigLIP-style), beside the
 * language models. AI SDK embedding models are text-only, so reelm defines its own. The planner's
 * question-guided strategy and the video store use it.
 */

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
