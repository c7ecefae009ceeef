/**
 * The clip `reelm demo` asks about: one video from the synthetic generator (eval/synth) — shapes that
 * appear, move, change colour; words on screen; scene cuts — with its exact ground truth, so the demo
 * can show next to each answer what the right answer was. Fixed seed: every run renders the same clip.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../core/atomic-file.js';
import { StageProgress, type ProgressReporter } from '../../core/progress.js';
import { buildGroundTruth, type GroundTruth } from '../../eval/synth/ground-truth.js';
import type { SynthQuestion } from '../../eval/synth/questions.js';
import { renderVideo } from '../../eval/synth/render-video.js';
import { planSynthSet, synthSets } from '../../eval/synth/sets.js';

/** A seed whose synth-small clip (rendered at 640×360) is 12 s long and has an open colour question and a grounding question. */
export const demoSeed = 11;

export interface DemoClip {
  video: string;
  groundTruthFile: string;
  truth: GroundTruth;
  /** An open question for `ask` (colour or shape, answered by a word). */
  askQuestion: SynthQuestion;
  /** A grounding question for `ground` ("When is … on screen?"). */
  groundQuestion: SynthQuestion;
}

/** Pure: the questions the demo asks, from the clip's ground truth. */
export function chooseDemoQuestions(truth: GroundTruth): Pick<DemoClip, 'askQuestion' | 'groundQuestion'> {
  const open = truth.questions.filter((question) => question.form === 'open');
  const askQuestion = open.find((question) => question.family === 'colour') ?? open.find((question) => question.family === 'shape') ?? open[0] ?? truth.questions[0];
  const groundQuestion = truth.questions.find((question) => question.form === 'grounding');
  if (!askQuestion || !groundQuestion) throw new RangeError(`the demo clip (seed ${truth.script.seed}) has no open or no grounding question`);
  return { askQuestion, groundQuestion };
}

/** Renders the demo clip and its ground truth into `outDir`. */
export async function renderDemoClip(outDir: string, options: { signal?: AbortSignal; onProgress?: ProgressReporter } = {}): Promise<DemoClip> {
  // synth-small's script at 640×360 rather than its CI size of 320×180: sent at their own size, the
  // smallest shapes of a 320×180 clip are under the 24 px the oracle (like a real model) needs to see them.
  const spec = { ...synthSets['synth-small'], width: 640, height: 360 };
  const [planned] = planSynthSet(spec, { seed: demoSeed, limit: 1 });
  const script = planned!.script;
  await fs.mkdir(outDir, { recursive: true });
  const video = path.join(outDir, 'demo-clip.mp4');
  const groundTruthFile = path.join(outDir, 'demo-clip.json');
  const truth = buildGroundTruth(script, { set: spec.id, video: path.basename(video), variant: 'base', questionsPerFamily: planned!.questionsPerFamily });
  const progress = new StageProgress('render clip', Math.round(script.duration * script.fps), options.onProgress);
  await renderVideo(script, video, { variant: 'base', ...(options.signal ? { signal: options.signal } : {}), onFrame: (done) => progress.update(done) });
  progress.finish();
  await writeFileAtomic(groundTruthFile, JSON.stringify(truth, null, 1) + '\n');
  return { video, groundTruthFile, truth, ...chooseDemoQuestions(truth) };
}
