/**
 * The synthetic sets as benchmarks: one doc per question of every generated video. Load reads the
 * folder `reelm synth generate --set <id> --out <dir>` wrote (and refuses a folder of another set or
 * variant); multiple choice is scored by the exact option letter, open answers by whole-word match of
 * an accepted answer, grounding answers by temporal IoU of the answer spans with the true spans.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { TimeSpan } from '../core/time.js';
import { parseTimeSpans } from '../plan/parse-time-spans.js';
import { defineBenchmark, type Benchmark, type BenchmarkLoadContext, type BenchmarkPrompt, type DocScore } from './benchmark.js';
import type { GroundTruth } from './synth/ground-truth.js';
import type { GenerateSetOptions, SynthManifest } from './synth/generate-set.js';
import type { SynthQuestion } from './synth/questions.js';
import { unionSpans, overlapSeconds } from './synth/script-facts.js';

export interface SynthDoc {
  id: string;
  set: string;
  video: string;
  duration: number;
  question: SynthQuestion;
}

function loader(set: string, variant: NonNullable<GenerateSetOptions['variant']>) {
  return async (context: BenchmarkLoadContext): Promise<SynthDoc[]> => {
    const manifestPath = path.join(context.dataDir, 'manifest.json');
    const regenerate = `run: reelm synth generate --set ${set}${variant === 'base' ? '' : ` --variant ${variant}`} --out ${context.dataDir}`;
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8').catch(() => { throw new ConfigError(manifestPath, `not found; ${regenerate}`); })) as SynthManifest;
    if (manifest.set !== set || manifest.variant !== variant) throw new ConfigError(manifestPath, `holds ${manifest.set} (${manifest.variant}), not ${set} (${variant}); ${regenerate}`);
    const docs: SynthDoc[] = [];
    for (const entry of manifest.videos) {
      const truth = JSON.parse(await fs.readFile(path.join(context.dataDir, entry.groundTruth), 'utf8')) as GroundTruth;
      const video = path.resolve(context.dataDir, truth.video);
      for (const question of truth.questions) docs.push({ id: question.id, set, video, duration: truth.duration, question });
    }
    return context.limit === undefined ? docs : docs.slice(0, context.limit);
  };
}

export function synthPrompt(doc: SynthDoc): BenchmarkPrompt {
  const { question } = doc;
  if (question.form === 'multiple-choice') {
    const letters = (question.options ?? []).map((_, i) => String.fromCharCode(65 + i));
    const options = (question.options ?? []).map((option, i) => `${letters[i]}. ${option}`).join('\n');
    return { kind: 'multiple-choice', letters, text: `${question.question}\n${options}\nAnswer with the option's letter from the given choices directly.` };
  }
  if (question.form === 'grounding') return { kind: 'grounding', text: `${question.question}\nGive each span as HH:MM:SS.s-HH:MM:SS.s.` };
  return { kind: 'open', text: `${question.question}\nAnswer with a word or a number.` };
}

/** The option letter an answer gives: a leading letter (`B`, `(B)`, `B.`) or `answer: B`; undefined otherwise. */
export function parseChoiceLetter(output: string, letters: readonly string[]): string | undefined {
  const text = output.trim();
  const match = /^\(?([A-Z])\)?(?:[.):\s]|$)/.exec(text) ?? /answer\s*(?:is)?\s*[:-]?\s*\(?([A-Z])\)?\b/i.exec(text);
  const letter = match?.[1]?.toUpperCase();
  return letter && letters.includes(letter) ? letter : undefined;
}

export function spanIoU(predicted: readonly TimeSpan[], truth: readonly TimeSpan[]): number {
  const p = unionSpans(predicted);
  const t = unionSpans(truth);
  const intersection = p.reduce((sum, span) => sum + overlapSeconds(t, span.start, span.end), 0);
  const union = [...p, ...t].reduce((sum, span) => sum + span.end - span.start, 0) - intersection;
  return union > 0 ? intersection / union : 0;
}

export function scoreSynthDoc(doc: SynthDoc, output: string): DocScore {
  const { question } = doc;
  if (question.form === 'multiple-choice') {
    const letter = parseChoiceLetter(output, synthPrompt(doc).letters ?? []);
    return { accuracy: letter === undefined ? null : letter === question.answer ? 1 : 0 };
  }
  if (question.form === 'grounding') {
    const parsed = parseTimeSpans(output, doc.duration);
    return { iou: parsed.kind === 'unparsed' ? null : spanIoU(parsed.spans, question.spans ?? []) };
  }
  const words = output.toLowerCase().replace(/[^a-z0-9\s-]/g, ' ');
  if (!words.trim()) return { accuracy: null };
  const hit = (question.accepted ?? [question.answer]).some((accepted) => new RegExp(`(^|\\s)${accepted.toLowerCase().replace(/[^a-z0-9 ]/g, '')}(\\s|$)`).test(words));
  return { accuracy: hit ? 1 : 0 };
}

export function defineSynthBenchmark(set: string, description: string): Benchmark<SynthDoc> {
  return defineBenchmark<SynthDoc>({
    id: set,
    description,
    load: loader(set, 'base'),
    docToVisual: (doc) => ({ video: doc.video }),
    docToPrompt: synthPrompt,
    scoreDoc: scoreSynthDoc,
    metrics: [
      { name: 'accuracy', aggregate: 'mean', higherIsBetter: true },
      { name: 'iou', aggregate: 'mean', higherIsBetter: true },
    ],
    // No official format exists for the synthetic sets: answers keyed by question id, as `predictions.json`.
    toSubmission: (docs, outputs) => [{ path: 'predictions.json', content: `${JSON.stringify(Object.fromEntries(docs.flatMap((doc, i) => (outputs[i] == null ? [] : [[doc.id, outputs[i]]]))), null, 2)}\n` }],
    variants: { shifted: { description: 'the same scripts re-rendered with shifted hues and swapped textures', load: loader(set, 'shifted') } },
  });
}
