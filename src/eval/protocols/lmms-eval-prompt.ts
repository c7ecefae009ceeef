/**
 * The prompt lmms-eval sends for a doc under `--protocol lmms-eval:<model-class>`: the class's
 * `lmms_eval_specific_kwargs` entry (lmms-eval-tasks.ts, recorded from the task yamls) joined with the
 * doc's question and options by the rule of the task's `doc_to_text`, each rule written from its recorded
 * description. The kind and option letters stay the benchmark's own, so answers are read and scored by
 * the benchmark's official rule; lmms-eval prefills no answer, so there is no answer prefix.
 */

import { ConfigError } from '../../core/errors.js';
import type { BenchmarkPrompt } from '../benchmark.js';
import type { CharadesDoc } from '../benchmarks/charades-sta/loader.js';
import type { EgoSchemaDoc } from '../benchmarks/egoschema/loader.js';
import type { LongVideoBenchDoc } from '../benchmarks/longvideobench/loader.js';
import type { LvbenchDoc } from '../benchmarks/lvbench/loader.js';
import type { MlvuDoc } from '../benchmarks/mlvu/loader.js';
import type { MvbenchDoc } from '../benchmarks/mvbench/loader.js';
import type { NextqaDoc } from '../benchmarks/nextqa/index.js';
import type { PerceptionTestDoc } from '../benchmarks/perception-test/index.js';
import type { QvhighlightsDoc } from '../benchmarks/qvhighlights/index.js';
import type { TempcompassDoc } from '../benchmarks/tempcompass/index.js';
import type { VideoMmeDoc } from '../benchmarks/videomme/loader.js';
import { subtitlesAtFrames } from '../benchmarks/videomme/prompt.js';
import { lmmsEvalTasks, selectLmmsEvalKwargs, type LmmsEvalKwargs, type LmmsEvalTaskKey, type LmmsEvalTaskPrompts } from './lmms-eval-tasks.js';

interface BuildInput {
  doc: unknown;
  kwargs: LmmsEvalKwargs | undefined;
  /** The benchmark's own prompt for the doc (kind, letters; OVO-Bench's text). */
  base: BenchmarkPrompt;
  /** Times of the frames sent, in order (Video-MME's subtitles are picked at frames). */
  frameTimes: readonly number[];
}

const letter = (index: number) => String.fromCharCode(65 + index);
const text = (value: LmmsEvalKwargs['post_prompt']) => (typeof value === 'string' ? value : '');
const answerDirectly = "\nAnswer with the option's letter from the given choices directly.";
const videoMmeInstruction = 'Select the best answer to the following multiple-choice question based on the video and the subtitles. Respond with only the letter (A, B, C, or D) of the correct option.';

function videoMmeQwen3(doc: VideoMmeDoc, kwargs: LmmsEvalKwargs): string {
  return `${kwargs.pre_prompt ?? ''}${doc.question}\nOptions:\n${doc.options.join('\n')}\n${text(kwargs.post_prompt)}`;
}

/** `frame_num` times spread evenly from the first to the last frame sent (the sent times themselves when the counts agree). */
function subtitleFrameTimes(frameTimes: readonly number[], frameNum: number): number[] {
  if (frameNum === frameTimes.length || frameTimes.length < 2) return [...frameTimes];
  const first = frameTimes[0]!;
  const last = frameTimes[frameTimes.length - 1]!;
  return Array.from({ length: frameNum }, (_, k) => first + ((last - first) * k) / Math.max(1, frameNum - 1));
}

function videoMmeSubtitles(doc: VideoMmeDoc, kwargs: LmmsEvalKwargs, frameTimes: readonly number[]): string {
  if (!doc.subtitleFileFound) return 'No subtitles available';
  const cues = doc.cues ?? [];
  if (kwargs.gemini_api_flag === 'full subtitle') return cues.map((cue) => cue.text.replace(/\n/g, ' ')).join('\n');
  if (kwargs.frame_num === undefined) throw new ConfigError(`doc ${doc.id}`, 'lmms-eval\'s Video-MME subtitle prompt needs frame_num or gemini_api_flag in the class\'s entry; this class has neither.');
  return subtitlesAtFrames(cues, subtitleFrameTimes(frameTimes, kwargs.frame_num)).join('\n');
}

/** One builder per recorded task; each follows the `rule` string recorded beside it. */
const builders: Readonly<Record<LmmsEvalTaskKey, (input: BuildInput) => string | null>> = Object.freeze({
  videomme: ({ doc, kwargs = {} }) => {
    const d = doc as VideoMmeDoc;
    if (kwargs.format === 'qwen3_vl') return videoMmeQwen3(d, kwargs);
    const post = kwargs.post_prompt === undefined ? 'The best answer is:' : text(kwargs.post_prompt);
    return `${videoMmeInstruction}\n${d.question}\n${d.options.join('\n')}\n${post}`;
  },
  'videomme:subtitles': ({ doc, kwargs = {}, frameTimes }) => {
    const d = doc as VideoMmeDoc;
    const block = `This video's subtitles are listed below: \n${videoMmeSubtitles(d, kwargs, frameTimes)}\n`;
    if (kwargs.format === 'qwen3_vl') return block + videoMmeQwen3(d, kwargs);
    return `${block}${videoMmeInstruction}\n${d.question}\n${d.options.join('\n')}\nThe best answer is:`;
  },
  mvbench: ({ doc, kwargs = {} }) => {
    const d = doc as MvbenchDoc;
    return `Question:${d.question}\nOption:\n${d.candidates.map((c, i) => `(${letter(i)}) ${c}\n`).join('')}${text(kwargs.post_prompt)}`;
  },
  tvbench: ({ doc, kwargs = {} }) => {
    const d = doc as MvbenchDoc;
    const post = kwargs.post_prompt === undefined ? 'Answer with the option letter only.' : text(kwargs.post_prompt);
    const question = d.question.trim();
    const lines = [...(question ? [question] : []), ...d.candidates.map((c, i) => `${letter(i)}. ${c}`), ...(post ? [post.trim()] : [])];
    return `${kwargs.pre_prompt ?? ''}${lines.join('\n').trim()}`;
  },
  tempcompass: ({ doc, kwargs = {} }) => {
    const d = doc as TempcompassDoc;
    const post = typeof kwargs.post_prompt === 'object' ? kwargs.post_prompt[d.task] ?? '' : '';
    return `${kwargs.pre_prompt ?? ''}${d.question}${post}`;
  },
  nextqa: ({ doc, kwargs = {} }) => {
    const d = doc as NextqaDoc;
    const body = [d.question.trim(), ...d.options.map((o, i) => `${letter(i)}. ${o.trim()}`)].join('\n');
    return `${kwargs.pre_prompt ?? ''}${body}${text(kwargs.post_prompt)}`;
  },
  egoschema: ({ doc, kwargs = {} }) => {
    const d = doc as EgoSchemaDoc;
    return `${kwargs.pre_prompt ?? ''}${d.question}${d.options.map((o, i) => `\n${letter(i)}. ${o}`).join('')}${answerDirectly}`;
  },
  longvideobench: ({ doc, kwargs = {} }) => {
    const d = doc as LongVideoBenchDoc;
    const options = d.candidates.filter((c) => c !== 'N/A').map((c, i) => `${letter(i)}. ${c}`).join('\n');
    return `${kwargs.pre_prompt ?? ''}${d.question}\n${options}\n${text(kwargs.post_prompt)}`;
  },
  mlvu: ({ doc, kwargs = {} }) => {
    const d = doc as MlvuDoc;
    return `${kwargs.pre_prompt ?? ''}${d.question}\n${d.candidates.map((c, i) => `(${letter(i)}) ${c}`).join('\n')}${text(kwargs.post_prompt)}`;
  },
  lvbench: ({ doc, kwargs = {} }) => `${kwargs.pre_prompt ?? ''}${(doc as LvbenchDoc).question}${text(kwargs.post_prompt)}`,
  'charades-sta': ({ doc, kwargs = {} }) => `${kwargs.pre_prompt ?? ''}${(doc as CharadesDoc).caption}. ${text(kwargs.post_prompt)}`,
  qvhighlights: ({ doc, kwargs = {} }) => `${kwargs.pre_prompt ?? ''}${(doc as QvhighlightsDoc).query}${text(kwargs.post_prompt)}`,
  ovobench: ({ base }) => base.text,
  'perception-test': ({ doc, kwargs = {} }) => {
    const d = doc as PerceptionTestDoc;
    // Options after the second are all lettered "C" there; Perception Test has exactly three.
    return `${kwargs.pre_prompt ?? ''}${d.question}${d.options.map((o, i) => `\n${letter(Math.min(i, 2))}. ${o}`).join('')}${answerDirectly}`;
  },
  nextgqa: () => null,
});

/** The recorded task for a benchmark id (`id` or `id:variant`): the variant's own entry, else the base's. */
export function lmmsEvalTaskFor(benchmarkId: string): { key: LmmsEvalTaskKey; task: LmmsEvalTaskPrompts } | undefined {
  const base = benchmarkId.split(':')[0]!;
  const key = (Object.hasOwn(lmmsEvalTasks, benchmarkId) ? benchmarkId : Object.hasOwn(lmmsEvalTasks, base) ? base : undefined) as LmmsEvalTaskKey | undefined;
  return key === undefined ? undefined : { key, task: lmmsEvalTasks[key] };
}

export interface LmmsEvalPromptResult {
  prompt: BenchmarkPrompt;
  /** The lmms-eval task and the kwargs entry used (`default`, a class name, or null where the yaml has none). */
  task: string | null;
  entry: string | null;
  warnings: string[];
}

/**
 * The prompt lmms-eval sends for `doc` when run with `modelClass`.
 * @example lmmsEvalPrompt('videomme', doc, 'gpt4v', videoMme.docToPrompt(doc), []).prompt.text
 */
export function lmmsEvalPrompt(benchmarkId: string, doc: unknown, modelClass: string, base: BenchmarkPrompt, frameTimes: readonly number[]): LmmsEvalPromptResult {
  const found = lmmsEvalTaskFor(benchmarkId);
  if (!found) return { prompt: base, task: null, entry: null, warnings: [`lmms-eval has no task recorded for ${benchmarkId}; the benchmark's own prompt is sent.`] };
  const { kwargs, entry } = selectLmmsEvalKwargs(found.task, modelClass);
  const built = builders[found.key]({ doc, kwargs, base, frameTimes });
  if (built === null) return { prompt: base, task: null, entry: null, warnings: [`${found.task.rule}`] };
  const { answerPrefix: _answerPrefix, ...rest } = base;
  return { prompt: { ...rest, text: built }, task: found.task.task, entry, warnings: [] };
}

/** What the prompt depends on under this protocol, for the run record's template hash: the recorded data and the join code. */
export function lmmsEvalTemplateSource(benchmarkId: string, modelClass: string): string {
  const found = lmmsEvalTaskFor(benchmarkId);
  if (!found) return 'none';
  return JSON.stringify({ key: found.key, task: found.task, selected: selectLmmsEvalKwargs(found.task, modelClass), build: builders[found.key].toString() });
}
