/**
 * The conformance suite every LanguageModel implementation runs (HTTP and in-process alike), at the
 * interface: what the model received is compared with what was asked, so a provider that drops an image,
 * reorders the evidence, loses a time label or ignores a parameter fails here rather than in an
 * evaluation. Checks that need a capability of the subject (a cache, a way to stall or fail the next
 * request) are skipped, with the reason, when the subject does not offer it.
 *
 * Usage, from a provider's test file:
 *   describeLanguageModelConformance('vllm over HTTP', async () => ({ model, received, close }));
 */

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { AbortedError, ReelmError } from '../../src/core/errors.js';
import type { GenerateRequest, LanguageModel } from '../../src/models/language-model.js';
import type { ImagePart } from '../../src/models/messages.js';
import { assembleMessages, imageLabel } from '../../src/plan/assemble-messages.js';

export type ReceivedPart = { type: 'text'; text: string } | { type: 'image'; sha256: string };

export interface ConformanceSubject {
  model: LanguageModel;
  /** What the model actually received on each call so far, normalised (parameters under reelm's names). */
  received(): Array<{ parts: ReceivedPart[]; parameters: Record<string, unknown> }>;
  close(): Promise<void>;
  /** The model was created with a response cache (the cache check is skipped otherwise). */
  hasCache?: boolean;
  /** Makes the next request stall until cancelled; without it the mid-request abort fires right after the call starts. */
  stallNext?(): void;
  /** Makes the next request fail (not retryably) at the provider; without it the typed-error check is skipped. */
  failNext?(): void;
}

const stallLimitMs = 5_000;

/** Three frames with distinct bytes, given out of order so assembly must sort them. */
function frames(): ImagePart[] {
  return [12.5, 3, 47.25].map((time, index) => ({
    type: 'image', image: new Uint8Array([0xff, 0xd8, 0xff, index, 0x42, Math.round(time)]), mediaType: 'image/jpeg', time, width: 64, height: 36,
  }));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function request(extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return { messages: assembleMessages({ question: 'What happens?', duration: 60, evidence: frames() }), ...extra };
}

/** Rejects when the promise does not settle in time, so a hung cancellation fails instead of stalling the run. */
function withinLimit<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${stallLimitMs} ms`)), stallLimitMs);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Registers the suite for one implementation; `setup` gives a fresh subject per check.
 * @example describeLanguageModelConformance('openai-compatible', async () => subjectOverWireServer());
 */
export function describeLanguageModelConformance(name: string, setup: () => Promise<ConformanceSubject>): void {
  const run = (title: string, body: (subject: ConformanceSubject, t: { skip(reason: string): void }) => Promise<void>): void => {
    test(title, async (t) => {
      const subject = await setup();
      try {
        await body(subject, t);
      } finally {
        await subject.close();
      }
    });
  };

  describe(`LanguageModel conformance: ${name}`, () => {
    run('sends every image, in time order, each after its time label', async (subject) => {
      const response = await subject.model.generate(request());
      const parts = subject.received().at(-1)?.parts ?? [];
      const sorted = frames().sort((a, b) => a.time! - b.time!);
      const images = parts.flatMap((part, index) => (part.type === 'image' ? [index] : []));
      assert.deepEqual(images.map((index) => (parts[index] as { sha256: string }).sha256), sorted.map((frame) => sha256(frame.image)));
      images.forEach((index, order) => assert.deepEqual(parts[index - 1], { type: 'text', text: imageLabel(sorted[order]!) }));
      assert.equal(response.usage.images, 3);
      assert.equal(response.fromCache, false);
      assert.equal(typeof response.text, 'string');
    });

    run('passes the generation parameters, and records them', async (subject) => {
      const parameters = { temperature: 0.25, maxOutputTokens: 77, seed: 7 };
      const response = await subject.model.generate(request({ parameters }));
      const sent = subject.received().at(-1)?.parameters ?? {};
      assert.equal(sent.temperature, 0.25);
      assert.equal(sent.maxOutputTokens, 77);
      assert.ok(sent.seed === 7 || response.warnings.some((warning) => /seed/i.test(warning)), 'seed sent, or a warning says it was not');
      assert.deepEqual(response.parameters, parameters);
    });

    run('rejects an already-cancelled call with AbortedError and sends nothing', async (subject) => {
      const before = subject.received().length;
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(withinLimit(subject.model.generate(request({ signal: controller.signal }))), (error) => AbortedError.isInstance(error));
      assert.equal(subject.received().length, before);
    });

    run('rejects a call cancelled mid-request with AbortedError, without hanging', async (subject) => {
      subject.stallNext?.();
      const controller = new AbortController();
      const pending = subject.model.generate(request({ signal: controller.signal }));
      setTimeout(() => controller.abort(), subject.stallNext ? 50 : 0);
      await assert.rejects(withinLimit(pending), (error) => AbortedError.isInstance(error));
    });

    run('answers a repeated request from the cache without sending it again', async (subject, t) => {
      if (!subject.hasCache) return t.skip('the subject has no response cache');
      const first = await subject.model.generate(request({ cache: true }));
      const sent = subject.received().length;
      const second = await subject.model.generate(request({ cache: true }));
      assert.equal(first.fromCache, false);
      assert.equal(second.fromCache, true);
      assert.equal(second.text, first.text);
      assert.equal(subject.received().length, sent, 'no second request');
    });

    run('throws typed errors, never raw ones', async (subject, t) => {
      if (!subject.failNext) return t.skip('the subject cannot be made to fail');
      subject.failNext();
      await assert.rejects(subject.model.generate(request()), (error) => ReelmError.isInstance(error) && error.message.length > 0);
    });
  });
}
