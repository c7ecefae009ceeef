/**
 * `reelm demo`, the main job end to end and offline: render a synthetic clip with exact ground truth,
 * ask about it, ground an event in it and summarize it through the `oracle:reference` model (a reference
 * double that answers only from the pixels and time labels it is sent), print each answer with its times
 * and cost next to the right answer, and write the evidence storyboard and the HTML answer pages. With
 * `--video` and a configured model, it then asks about and summarizes the user's own video.
 */

import path from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { spanIoU } from '../../eval/benchmark-synth.js';
import type { SynthQuestion } from '../../eval/synth/questions.js';
import { createLanguageModel } from '../../models/create-model.js';
import type { LanguageModel } from '../../models/language-model.js';
import { probe } from '../../media/probe.js';
import { runTask } from '../../tasks/registry.js';
import type { TaskRequest } from '../../tasks/task.js';
import type { TaskResult } from '../../tasks/task-result.js';
import { cliCache } from '../cache.js';
import type { CommandContext } from '../command.js';
import { createProgressRenderer } from '../progress-bar.js';
import { formatSpanForPeople, renderAnswer } from '../render-answer.js';
import { chooseModel, noModelHelp, registerCommandLineProviders } from '../resolve-model.js';
import { renderFileLines } from '../run-task-command.js';
import { writeAnswerFiles, type AnswerFileRequest, type WrittenAnswerFiles } from '../write-answer-files.js';
import { renderDemoClip } from './synthetic-clip.js';

export interface DemoOptions {
  outDir: string;
  /** The user's own video, answered by the configured model after the synthetic part. */
  video?: string;
  /** The model for `video` (default: the configured subject / default model). */
  model?: string;
  /** The question asked about `video`. */
  question?: string;
  json: boolean;
}

export interface DemoStep {
  task: string;
  query?: string;
  result: TaskResult;
  /** The ground truth for the synthetic clip's questions, and whether the answer matches it. */
  expected?: { answer: string; matches: boolean };
  files: WrittenAnswerFiles;
}

export interface DemoReport {
  clip: { video: string; groundTruth: string; duration: number };
  steps: DemoStep[];
  ownVideo: DemoStep[];
}

export const defaultOwnVideoQuestion = 'What happens in this video? Name the times of the main events.';

/** Pure: whether an answer matches the synthetic ground truth (open: an accepted word; grounding: IoU ≥ 0.5). */
export function matchesTruth(question: SynthQuestion, result: Pick<TaskResult, 'output' | 'spans'>): boolean {
  if (question.form === 'grounding') return spanIoU(result.spans, question.spans ?? []) >= 0.5;
  const words = ` ${result.output.toLowerCase().replace(/[^a-z0-9\s-]/g, ' ').replace(/\s+/g, ' ')} `;
  return (question.accepted ?? [question.answer]).some((accepted) => words.includes(` ${accepted.toLowerCase()} `));
}

function expectedText(question: SynthQuestion): string {
  return question.form === 'grounding' && question.spans ? question.spans.map(formatSpanForPeople).join(', ') : question.answer;
}

export async function runDemo(options: DemoOptions, context: CommandContext): Promise<DemoReport> {
  const say = (text: string): void => {
    if (!options.json) context.stdout.write(text + '\n');
  };
  const signal = context.signal;
  const cache = cliCache(context);
  const onProgress = createProgressRenderer(context.stderr, !options.json);
  const outDir = path.resolve(options.outDir);

  // The user's video needs a real model: check before spending a minute on the synthetic part.
  const ownChoice = options.video ? chooseModel(options.model, context.config) : undefined;
  let ownDuration = 0;
  if (options.video) {
    if (!ownChoice) throw new ConfigError('flag --video', `needs a model to answer about your video; ${noModelHelp}`);
    ownDuration = (await probe(options.video, { signal, cache })).duration;
  }
  await registerCommandLineProviders();

  say('reelm demo — offline: a synthetic clip with exact ground truth, answered by oracle:reference,');
  say('a reference model that sees only the frames and time labels reelm sends it.\n');
  const clip = await renderDemoClip(outDir, { signal, onProgress });
  say(`1. rendered a ${clip.truth.duration} s clip (shapes, words, scene cuts; 320×180) → ${clip.video}`);
  say(`   ground truth → ${clip.groundTruthFile}\n`);

  const oracle = await createLanguageModel('oracle:reference', {}, { signal });
  // Answers name the clip as given; relative to the working folder, its #t= links stay short.
  const clipVideo = path.relative(process.cwd(), clip.video) || clip.video;
  const run = async (model: LanguageModel, task: string, request: TaskRequest, files: AnswerFileRequest, question?: SynthQuestion): Promise<DemoStep> => {
    const result = await runTask(task, request, { model, signal, onProgress, cache });
    const duration = request.video === options.video ? ownDuration : clip.truth.duration;
    const written = await writeAnswerFiles(result, files, { duration, signal, onProgress, cache, ...(request.query ? { query: request.query } : {}) });
    const step: DemoStep = { task, result, files: written, ...(request.query ? { query: request.query } : {}) };
    if (question) step.expected = { answer: expectedText(question), matches: matchesTruth(question, result) };
    say(renderAnswer(result).trimEnd());
    if (step.expected) say(`ground truth: ${step.expected.answer} (${step.expected.matches ? 'the answer matches' : 'the answer differs'})`);
    for (const line of renderFileLines(written)) say(line);
    say('');
    return step;
  };

  const steps: DemoStep[] = [];
  say(`2. reelm ask demo-clip.mp4 "${clip.askQuestion.question}" --model oracle:reference`);
  steps.push(await run(oracle, 'ask', { video: clipVideo, query: clip.askQuestion.question },
    { storyboard: { path: path.join(outDir, 'storyboard.jpg'), format: 'jpeg' }, html: path.join(outDir, 'answer.html') }, clip.askQuestion));
  say(`3. reelm ground demo-clip.mp4 "${clip.groundQuestion.question}" --model oracle:reference`);
  steps.push(await run(oracle, 'ground', { video: clipVideo, query: clip.groundQuestion.question },
    { html: path.join(outDir, 'ground.html'), exportClip: path.join(outDir, 'ground-clip.mp4') }, clip.groundQuestion));
  say('4. reelm summarize demo-clip.mp4 --model oracle:reference');
  steps.push(await run(oracle, 'summarize', { video: clipVideo, length: 'short' }, {}));

  const ownVideo: DemoStep[] = [];
  if (options.video && ownChoice) {
    const model = await createLanguageModel(ownChoice.id, ownChoice.entry, { name: ownChoice.name, signal });
    const question = options.question ?? defaultOwnVideoQuestion;
    const name = path.basename(options.video);
    say(`5. reelm ask ${name} "${question}" --model ${model.id}`);
    ownVideo.push(await run(model, 'ask', { video: options.video, query: question }, { html: path.join(outDir, 'your-video-answer.html') }));
    say(`6. reelm summarize ${name} --chapters --model ${model.id}`);
    ownVideo.push(await run(model, 'summarize', { video: options.video, chapters: true }, { html: path.join(outDir, 'your-video-summary.html') }));
  }

  say(`Open ${path.join(outDir, 'answer.html')} in a browser: click a time to play from there.`);
  say('Next, your own video (with no model configured, `reelm ask` says how to point reelm at vLLM, Ollama, LM Studio, OpenAI, Gemini or Anthropic):');
  say('  reelm ask your.mp4 "What is written on the whiteboard?" --html answer.html');
  say('  reelm ground your.mp4 "the speaker sits down" --export-clip moment.mp4');
  say('  reelm summarize your.mp4 --chapters');
  const report: DemoReport = { clip: { video: clip.video, groundTruth: clip.groundTruthFile, duration: clip.truth.duration }, steps, ownVideo };
  if (options.json) context.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return report;
}
