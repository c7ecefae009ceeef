/**
 * The oracle end to end: a small synthetic set is generated (a test seed, never the benchmark seed),
 * every frame at 2 fps is decoded at full resolution, the prompt is assembled as the pipeline does
 * (time labels before each image) and each question goes through `createLanguageModel('oracle:…')`,
 * i.e. the production OpenAI-compatible provider over HTTP to the oracle's loopback server. Scored with
 * the benchmark's own scorer; the per-family table is printed.
 *
 * The sets are synth-small's scripts rendered at 640×360 (objects then span ≥ 24 px, as in synth-medium
 * at 720p) in the base and shifted variants, and synth-small itself at 320×180, where many objects are
 * under the oracle's 24 px limit (reported, with a floor only).
 */

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeFrames } from '../../src/media/decode/decode-frames.js';
import { createLanguageModel } from '../../src/models/create-model.js';
import { registerBuiltinProviders } from '../../src/models/providers/builtin.js';
import { assembleMessages } from '../../src/plan/assemble-messages.js';
import { scoreSynthDoc, synthPrompt, type SynthDoc } from '../../src/eval/benchmark-synth.js';
import { generateSynthSet } from '../../src/eval/synth/generate-set.js';
import type { GroundTruth } from '../../src/eval/synth/ground-truth.js';
import type { RenderVariant } from '../../src/eval/synth/palette.js';
import { registerOracleProvider } from '../../src/eval/synth/oracle/provider.js';
import { synthSets, type SynthSetSpec } from '../../src/eval/synth/sets.js';
import type { ImagePart } from '../../src/models/messages.js';

const testSeed = 9001;
let dir = '';

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelm-oracle-'));
  // The oracle keeps OCR results of text regions on disk; a test keeps them in its own folder.
  process.env.REELM_ORACLE_OCR_CACHE = path.join(dir, 'ocr-regions.jsonl');
  registerBuiltinProviders();
  registerOracleProvider();
});

interface Tally { n: number; correct: number; iou: number; grounding: number }

async function evaluate(spec: SynthSetSpec, variant: RenderVariant): Promise<{ mc: number; open: number; miou: number; table: Map<string, Tally>; seconds: number }> {
  const out = path.join(dir, `${spec.id}-${spec.height}-${variant}`);
  await generateSynthSet(spec, { outDir: out, seed: testSeed, variant });
  const model = await createLanguageModel('oracle:reference', {}, { cache: null, policy: { concurrency: 4 } });
  const table = new Map<string, Tally>();
  const totals = { mc: [0, 0], open: [0, 0], iou: [0, 0] };
  const started = Date.now();
  for (const file of (await fs.readdir(out)).filter((f) => /-\d+\.json$/.test(f)).sort()) {
    const truth = JSON.parse(await fs.readFile(path.join(out, file), 'utf8')) as GroundTruth;
    const times = Array.from({ length: Math.floor(truth.duration * 2 - 1e-9) + 1 }, (_, i) => i / 2);
    const { frames } = await decodeFrames(path.join(out, truth.video), times, { format: 'png', size: Math.max(spec.width, spec.height), cache: null });
    const evidence: ImagePart[] = frames.map((f) => ({ type: 'image', image: f.image, mediaType: 'image/png', time: f.time, width: f.width, height: f.height }));
    await Promise.all(truth.questions.map(async (question) => {
      const doc: SynthDoc = { id: question.id, set: spec.id, video: truth.video, duration: truth.duration, question };
      const messages = assembleMessages({ question: synthPrompt(doc).text, duration: truth.duration, evidence });
      const { text } = await model.generate({ messages });
      const score = scoreSynthDoc(doc, text);
      const row = table.get(question.family) ?? { n: 0, correct: 0, iou: 0, grounding: 0 };
      if (question.form === 'grounding') {
        row.grounding++;
        row.iou += score.iou ?? 0;
        totals.iou[0]! += score.iou ?? 0;
        totals.iou[1]!++;
      } else {
        row.n++;
        row.correct += score.accuracy ?? 0;
        const bucket = question.form === 'multiple-choice' ? totals.mc : totals.open;
        bucket[0]! += score.accuracy ?? 0;
        bucket[1]!++;
      }
      if (process.env.ORACLE_VERBOSE && (score.accuracy === 0 || (score.iou ?? 1) < 0.8)) console.log(`  ${question.id} ${question.form}: ${question.question} -> ${text} (want ${question.answer})`);
      table.set(question.family, row);
    }));
  }
  const ratio = ([a, b]: number[]): number => (b! > 0 ? a! / b! : 1);
  return { mc: ratio(totals.mc), open: ratio(totals.open), miou: ratio(totals.iou), table, seconds: (Date.now() - started) / 1000 };
}

function report(name: string, result: Awaited<ReturnType<typeof evaluate>>): void {
  const lines = [...result.table.entries()].map(([family, t]) => `  ${family.padEnd(10)} acc ${t.n ? `${t.correct}/${t.n}` : '-'}${t.grounding ? `  mIoU ${(t.iou / t.grounding).toFixed(3)} (${t.grounding})` : ''}`);
  console.log(`${name}: MC accuracy ${result.mc.toFixed(3)}, open accuracy ${result.open.toFixed(3)}, grounding mIoU ${result.miou.toFixed(3)} in ${result.seconds.toFixed(1)} s\n${lines.join('\n')}`);
}

const at360: SynthSetSpec = { ...synthSets['synth-small'], width: 640, height: 360 };

for (const variant of ['base', 'shifted'] as const) {
  test(`oracle on synth-small scripts at 640×360 (${variant}): MC ≥ 0.98, grounding mIoU ≥ 0.75`, { timeout: 600_000 }, async () => {
    const result = await evaluate(at360, variant);
    report(`360p ${variant}`, result);
    assert.ok(result.mc >= 0.98, `MC accuracy ${result.mc}`);
    // The issue's target is 0.9 on synth-medium, whose events last up to 20 s. This set has 3 grounding
    // questions, two about sub-second events that 2 fps samples see once or twice, so a span estimated
    // to within a quarter second either side (the sampling limit) scores 0.5–0.8: 0.78 is reached here.
    assert.ok(result.miou >= 0.75, `grounding mIoU ${result.miou}`);
  });
}

test('oracle on synth-small at 320×180: objects under 24 px are not seen (reported, floor only)', { timeout: 600_000 }, async () => {
  const result = await evaluate(synthSets['synth-small'], 'base');
  report('180p base', result);
  assert.ok(result.mc >= 0.4, `MC accuracy ${result.mc}`);
});
