/**
 * One benchmark sample, end to end: probe the video (cached by content hash), plan the evidence under
 * the protocol, decode it (the frame cache keyed by content hash makes this once per video and
 * sampling, across models and runs), assemble the messages with the benchmark's exact prompt, ask the
 * model (its response cache answers repeats), and score with the benchmark's own rule.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { ConfigError } from '../../core/errors.js';
import { formatSpan } from '../../core/time.js';
import { probe } from '../../media/probe.js';
import type { GenerateResponse, LanguageModel } from '../../models/language-model.js';
import type { ModelMessage, UserContentPart } from '../../models/messages.js';
import { assembleMessages } from '../../plan/assemble-messages.js';
import type { EvidenceImage } from '../../plan/evidence.js';
import { parseTimeSpans } from '../../plan/parse-time-spans.js';
import { isVideoPart, realizePlanDetailed, type RealizedPlan } from '../../plan/realize-evidence.js';
import type { VideoInfo } from '../../media/video-info.js';
import type { VisualPlan } from '../../plan/visual-plan.js';
import { parseChoiceLetter } from '../../tasks/parse/choice-letter.js';
import { requestUsd } from '../../tasks/task-usage.js';
import type { Benchmark, BenchmarkPrompt } from '../benchmark.js';
import { lmmsEvalPrompt } from '../protocols/lmms-eval-prompt.js';
import type { KeyedLock } from './keyed-lock.js';
import { planSampleEvidence, type EvidenceSettings } from './sample-evidence.js';
import { docCategoryOf, docIdOf, sha256Hex, type SampleRecord } from './sample-record.js';

export interface SampleContext {
  benchmark: Benchmark;
  model: LanguageModel;
  /** Scores answers the rules cannot (benchmarks with a `judgeDoc` step); absent: they stay unparsed. */
  judge?: LanguageModel;
  settings: EvidenceSettings;
  cache: ArtifactCache | null;
  signal?: AbortSignal;
  /** Serialises probing, planning and decoding per video (see keyed-lock.ts); absent: no serialising. */
  videoLock?: KeyedLock;
  /**
   * Realized evidence by (video hash, plan): questions about one video usually get the same plan, and
   * composing its grids again from cached frames would cost more CPU than the rest of the harness.
   */
  evidenceMemo?: Map<string, RealizedPlan>;
}

const evidenceMemoSize = 16;

async function realizeMemoized(info: VideoInfo, plan: VisualPlan, context: SampleContext): Promise<RealizedPlan> {
  const key = `${info.contentHash || info.path}\u0000${sha256Hex(JSON.stringify(plan.items))}`;
  const known = context.evidenceMemo?.get(key);
  if (known) return known;
  const realized = await realizePlanDetailed(info, plan, { ...(context.signal ? { signal: context.signal } : {}), cache: context.cache });
  if (context.evidenceMemo) {
    context.evidenceMemo.set(key, realized);
    if (context.evidenceMemo.size > evidenceMemoSize) context.evidenceMemo.delete(context.evidenceMemo.keys().next().value!);
  }
  return realized;
}

/** The plan's frame times in order, grid tiles included. */
export function planTimes(plan: VisualPlan): number[] {
  return plan.items.flatMap((item) => (item.kind === 'frame' ? [item.time] : item.kind === 'grid' ? item.times : []));
}

/** The text sent: the benchmark's prompt, with its answer prefix last (the providers here cannot prefill an answer). */
export function promptText(prompt: BenchmarkPrompt): string {
  return prompt.answerPrefix ? `${prompt.text}\n${prompt.answerPrefix}` : prompt.text;
}

/** The plan and prompt of a sample without asking the model (also what `--dry-run` estimates from). */
export async function prepareSample(doc: unknown, context: SampleContext): Promise<{ plan: VisualPlan; prompt: BenchmarkPrompt; promptWarnings: string[]; videoPath: string; duration: number }> {
  const { benchmark } = context;
  const visual = benchmark.docToVisual(doc);
  if (visual.frameFolder) throw new ConfigError(`doc ${docIdOf(doc, 0)}`, `ships frames (${visual.video}) instead of a video; the runner reads video files only — score such predictions with \`reelm eval score\`.`);
  const info = await probe(visual.video, { ...(context.signal ? { signal: context.signal } : {}), cache: context.cache });
  const plan = await planSampleEvidence(info, visual.span, context.model.profile, context.settings, { ...(context.signal ? { signal: context.signal } : {}), cache: context.cache });
  const times = planTimes(plan);
  const own = benchmark.docToPromptAtFrames ? benchmark.docToPromptAtFrames(doc, times) : benchmark.docToPrompt(doc);
  // lmms-eval's protocol sends lmms-eval's prompt for the class (its task yaml's kwargs), not the benchmark's own.
  const { protocol } = context.settings;
  const chosen = protocol.kind === 'lmms-eval' ? lmmsEvalPrompt(benchmark.id, doc, protocol.modelClass, own, times) : { prompt: own, warnings: [] };
  return { plan, prompt: chosen.prompt, promptWarnings: chosen.warnings, videoPath: visual.video, duration: info.duration };
}

/** lmms-eval's request: the frames, then the prompt text; no system prompt and no time labels. */
function lmmsEvalMessages(images: EvidenceImage[], text: string): ModelMessage[] {
  const content: UserContentPart[] = [...images, { type: 'text', text }];
  return [{ role: 'user', content }];
}

function readAnswer(prompt: BenchmarkPrompt, text: string, duration: number): string | null {
  if (prompt.kind === 'multiple-choice') return parseChoiceLetter(text, prompt.letters ?? []) ?? null;
  if (prompt.kind === 'grounding') {
    const spans = parseTimeSpans(text, duration);
    return spans.kind === 'unparsed' ? null : spans.spans.map((span) => formatSpan(span)).join(', ');
  }
  return text.trim() === '' ? null : text.trim();
}

/**
 * Runs one sample and returns its record.
 * @example const record = await runSample(doc, 0, 'key', { benchmark, model, settings, cache });
 */
export async function runSample(doc: unknown, index: number, key: string, context: SampleContext): Promise<SampleRecord> {
  const { model, settings } = context;
  const evidence = async () => {
    const prepared = await prepareSample(doc, context);
    const info = await probe(prepared.videoPath, { ...(context.signal ? { signal: context.signal } : {}), cache: context.cache });
    const realized = await realizeMemoized(info, prepared.plan, context);
    return { ...prepared, info, realized };
  };
  const video = context.benchmark.docToVisual(doc).video;
  const { plan, prompt, promptWarnings, videoPath, duration, info, realized } = context.videoLock ? await context.videoLock.run(video, evidence) : await evidence();
  const images = realized.evidence.filter((part): part is EvidenceImage => !isVideoPart(part));
  const text = promptText(prompt);
  const messages = settings.protocol.kind === 'lmms-eval'
    ? lmmsEvalMessages(images, text)
    : assembleMessages({ question: text, duration, evidence: images, timestampStyle: model.profile.timestampStyle });
  const response: GenerateResponse = await model.generate({
    messages,
    parameters: { temperature: 0, maxOutputTokens: settings.maxOutputTokens },
    cache: true,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const ruled = context.benchmark.scoreDoc(doc, response.text);
  const needsJudge = Object.values(ruled).some((value) => value === null);
  const score = needsJudge && context.judge && context.benchmark.judgeDoc
    ? { ...ruled, ...(await context.benchmark.judgeDoc(doc, response.text, context.judge, context.signal)) }
    : ruled;
  const usd = response.fromCache ? (model.profile.prices ? 0 : null) : requestUsd(model.profile, response.usage, plan.estimate.visualTokens);
  return {
    key,
    index,
    docId: docIdOf(doc, index),
    video: videoPath,
    cluster: info.contentHash || videoPath,
    category: docCategoryOf(doc),
    promptHash: sha256Hex(text),
    prompt: text,
    plan: { strategy: plan.strategy, times: planTimes(plan), images: plan.estimate.images, visualTokens: plan.estimate.visualTokens, binding: plan.binding },
    response: { text: response.text, finishReason: response.finishReason, parameters: { ...response.parameters } },
    parsed: readAnswer(prompt, response.text, duration),
    score,
    usage: {
      images: response.usage.images,
      visualTokens: plan.estimate.visualTokens,
      inputTokens: response.usage.inputTokens,
      outputTokens: response.usage.outputTokens,
      usd,
      latencyMs: Math.round(response.latencyMs),
      cached: response.fromCache,
    },
    warnings: [...plan.warnings, ...promptWarnings, ...realized.warnings, ...response.warnings],
    finishedAt: new Date().toISOString(),
  };
}
