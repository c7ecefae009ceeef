/**
 * The conformance suite every Embedder implementation runs (in-process and HTTP alike), at the
 * interface: a positive size that never changes, one finite vector of that size per input, in input
 * order, the same vector whatever batch an input travels in, `[]` for no input, and AbortedError for a
 * cancelled call. The images are real PNGs (distinct patterns, made with sharp) because every
 * implementation decodes them; the inputs outnumber any batch size the subjects use, so batching is
 * exercised.
 *
 * Usage, from an implementation's test file:
 *   describeEmbedderConformance('vllm over HTTP', async () => ({ embedder, close }));
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { AbortedError } from '../../src/core/errors.js';
import type { Embedder } from '../../src/models/embedder.js';

export interface EmbedderSubject {
  embedder: Embedder;
  close?(): Promise<void>;
}

const tolerance = 1e-5;
const texts = ['a dog jumps over a fence', 'a red car at night', 'people swimming in a pool', 'a plate of pasta', 'snow on the mountains'];

/** Five 48×48 PNGs, each a different colour gradient, so a decoder and a model see different content. */
async function images(): Promise<Uint8Array[]> {
  const colours = [[230, 40, 40], [40, 200, 60], [30, 60, 220], [240, 220, 30], [120, 120, 120]] as const;
  return Promise.all(colours.map(async ([r, g, b], index) => {
    const size = 48;
    const pixels = Buffer.alloc(size * size * 3);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const shade = ((x + y * (index + 1)) % size) / size;
        pixels.set([Math.round(r * shade), Math.round(g * (1 - shade)), Math.round(b * (0.5 + shade / 2))], (y * size + x) * 3);
      }
    }
    return new Uint8Array(await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer());
  }));
}

function assertVectors(vectors: Float32Array[], count: number, dimensions: number): void {
  assert.equal(vectors.length, count, 'one vector per input');
  for (const vector of vectors) {
    assert.ok(vector instanceof Float32Array);
    assert.equal(vector.length, dimensions, 'every vector has the reported size');
    assert.ok(vector.every(Number.isFinite), 'finite values only');
  }
}

function assertClose(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length);
  const worst = actual.reduce((max, value, index) => Math.max(max, Math.abs(value - expected[index]!)), 0);
  assert.ok(worst <= tolerance, `${what}: differs by ${worst} (> ${tolerance})`);
}

function differ(a: Float32Array, b: Float32Array): boolean {
  return a.some((value, index) => Math.abs(value - b[index]!) > 1e-4);
}

/**
 * Registers the suite for one implementation; `setup` runs once for the suite.
 * @example describeEmbedderConformance('transformers-clip', async () => ({ embedder: await createEmbedder(id, entry) }));
 */
export function describeEmbedderConformance(name: string, setup: () => Promise<EmbedderSubject>): void {
  describe(`Embedder conformance: ${name}`, () => {
    let subject: EmbedderSubject;
    let pictures: Uint8Array[];
    before(async () => {
      [subject, pictures] = await Promise.all([setup(), images()]);
    });
    after(async () => {
      await subject?.close?.();
    });

    test('reports a positive integer size that calls do not change', async () => {
      const { embedder } = subject;
      const dimensions = embedder.dimensions;
      assert.ok(Number.isInteger(dimensions) && dimensions > 0, `dimensions ${dimensions}`);
      assert.match(embedder.id, /^[a-z][a-z0-9-]*:.+/, 'id looks like provider:model');
      const [image] = await embedder.embedImages(pictures.slice(0, 1));
      const [text] = await embedder.embedTexts(texts.slice(0, 1));
      assert.equal(embedder.dimensions, dimensions);
      assert.equal(image!.length, text!.length, 'images and texts share one space');
    });

    for (const kind of ['images', 'texts'] as const) {
      const embed = (embedder: Embedder, inputs: readonly (Uint8Array | string)[], signal?: AbortSignal): Promise<Float32Array[]> =>
        kind === 'images'
          ? embedder.embedImages(inputs as Uint8Array[], signal ? { signal } : {})
          : embedder.embedTexts(inputs as string[], signal ? { signal } : {});
      const inputs = (): Array<Uint8Array | string> => (kind === 'images' ? pictures : texts);

      test(`${kind}: one finite vector per input, of the reported size`, async () => {
        const vectors = await embed(subject.embedder, inputs());
        assertVectors(vectors, inputs().length, subject.embedder.dimensions);
        assert.ok(vectors.some((vector) => differ(vector, vectors[0]!)), 'distinct inputs give distinct vectors (else order is unchecked)');
      });

      test(`${kind}: a batch equals the inputs embedded one by one, in input order`, async () => {
        const batch = await embed(subject.embedder, inputs());
        const singles = await Promise.all(inputs().map(async (input) => (await embed(subject.embedder, [input]))[0]!));
        batch.forEach((vector, index) => assertClose(vector, singles[index]!, `${kind}[${index}] batched vs alone`));
        const reversed = await embed(subject.embedder, [...inputs()].reverse());
        reversed.reverse().forEach((vector, index) => assertClose(vector, batch[index]!, `${kind}[${index}] in reversed order`));
      });

      test(`${kind}: no input gives no vectors`, async () => {
        assert.deepEqual(await embed(subject.embedder, []), []);
      });

      test(`${kind}: an already-cancelled call rejects with AbortedError`, async () => {
        const controller = new AbortController();
        controller.abort();
        await assert.rejects(embed(subject.embedder, inputs().slice(0, 2), controller.signal), (error) => AbortedError.isInstance(error));
      });
    }
  });
}
