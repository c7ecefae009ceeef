/**
 * `--protocol lmms-eval:<model-class>` sends lmms-eval's prompt. For every benchmark, the exact text for
 * the first fixture doc under `lmms-eval:llava_onevision` (the yaml's `default` entry) and under a class
 * with its own entry where the yaml has one — each expected string written out from the yaml it names
 * (github.com/EvolvingLMMs-Lab/lmms-eval @ 75571cf). Then the runner itself, on a real clip: the sample's
 * prompt under reelm is the benchmark's own, unchanged; under lmms-eval it is the recorded one; the run
 * record's template hash follows the prompt; and a whole run (oracle model double) writes both.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createLanguageModel } from '../../../src/models/create-model.js';
import { registerBuiltinProviders } from '../../../src/models/providers/builtin.js';
import { getBenchmark } from '../../../src/eval/benchmark-registry.js';
import { resolveVariant, type Benchmark } from '../../../src/eval/benchmark.js';
import { videoMmePrompt } from '../../../src/eval/benchmarks/videomme/prompt.js';
import type { VideoMmeDoc } from '../../../src/eval/benchmarks/videomme/loader.js';
import { lmmsEvalPrompt } from '../../../src/eval/protocols/lmms-eval-prompt.js';
import { lmmsEvalTasks, selectLmmsEvalKwargs } from '../../../src/eval/protocols/lmms-eval-tasks.js';
import { parseProtocol } from '../../../src/eval/runner/protocols.js';
import { promptTemplateHash, runEvaluation } from '../../../src/eval/runner/run-evaluation.js';
import { samplesFile, type RunSettings } from '../../../src/eval/runner/run-record.js';
import { readSampleLog } from '../../../src/eval/runner/sample-log.js';
import { prepareSample, type SampleContext } from '../../../src/eval/runner/run-sample.js';
import { sha256Hex } from '../../../src/eval/runner/sample-record.js';
import { registerOracleProvider } from '../../../src/eval/synth/oracle/provider.js';
import { catalogMedia } from '../../support/media-catalog.js';
import { videoMmeRows, writeVideoMmeLayouts } from '../benchmarks/hf-parquet-fixtures.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/benchmarks');
const videoMmeInstruction = 'Select the best answer to the following multiple-choice question based on the video and the subtitles. Respond with only the letter (A, B, C, or D) of the correct option.';
const christmasTree = 'When demonstrating the Germany modern Christmas tree is initially decorated with apples, candles and berries, which kind of the decoration has the largest number?\nA. Apples.\nB. Candles.\nC. Berries.\nD. The three kinds are of the same number.';
const answerDirectly = "\nAnswer with the option's letter from the given choices directly.";

interface Case { benchmark: string; fixture: string; yaml: string; classes: Record<string, string> }

const cases: Case[] = [
  {
    benchmark: 'videomme', fixture: 'videomme', yaml: 'lmms_eval/tasks/videomme/videomme.yaml',
    classes: {
      llava_onevision: `${videoMmeInstruction}\n${christmasTree}\n\nAnswer with the option's letter from the given choices directly.`,
      gpt4v: `${videoMmeInstruction}\n${christmasTree}\nAnswer the question with A, B, C, or D.`,
      qwen3_vl: `Question: ${christmasTree.replace('?\n', '?\nOptions:\n')}\nAnswer with the option letter only.`,
    },
  },
  {
    benchmark: 'videomme:subtitles', fixture: 'videomme', yaml: 'lmms_eval/tasks/videomme/videomme_w_subtitle.yaml',
    classes: {
      // frame_num 32 over the frames sent at 1 s and 3 s: only the first cue (0–2.5 s) and the second (2.5–5 s) hold one.
      llava_onevision: `This video's subtitles are listed below: \nHi guys, today we decorate the tree.\nFirst the apples.\n${videoMmeInstruction}\n${christmasTree}\nThe best answer is:`,
      gemini_api: `This video's subtitles are listed below: \nHi guys, today we decorate the tree.\nFirst the apples.\nThen candles and berries.\n${videoMmeInstruction}\n${christmasTree}\nThe best answer is:`,
    },
  },
  {
    benchmark: 'mvbench', fixture: 'mvbench', yaml: 'lmms_eval/tasks/mvbench/mvbench_action_antonym.yaml (and the other 19)',
    classes: { llava_onevision: 'Question:What happened after the person took the food?\nOption:\n(A) Ate the medicine.\n(B) Tidied up the blanket.\n(C) Put down the cup/glass/bottle.\n(D) Took the box.\nOnly give the best option.\n' },
  },
  {
    benchmark: 'tvbench', fixture: 'tvbench', yaml: 'lmms_eval/tasks/tvbench/_default_template_yaml',
    classes: { llava_onevision: 'How many times did the person jump?\nA. 3\nB. 5\nC. 2\nAnswer with the option letter only.' },
  },
  {
    benchmark: 'tempcompass', fixture: 'tempcompass', yaml: 'lmms_eval/tasks/tempcompass/_default_template_yaml',
    classes: {
      llava_onevision: 'In relation to the speedometer on the left, how does the speedometer in the center appear?\nA. stationary\nB. moving slower\nC. moving faster\nPlease directly give the best option:',
      plm: 'In relation to the speedometer on the left, how does the speedometer in the center appear?\nA. stationary\nB. moving slower\nC. moving faster\nOnly give the best option.',
    },
  },
  {
    benchmark: 'nextqa', fixture: 'nextqa', yaml: 'lmms_eval/tasks/nextqa/nextqa_mc_test.yaml (no lmms_eval_specific_kwargs)',
    classes: { llava_onevision: 'how do the two man play the instrument\nA. roll the handle\nB. tap their feet\nC. strum the string\nD. hit with sticks\nE. pat with hand' },
  },
  {
    benchmark: 'egoschema', fixture: 'egoschema', yaml: 'lmms_eval/tasks/egoschema/egoschema_subset.yaml',
    classes: {
      llava_onevision: `Taking into account the overall sequence of events, what is the primary objective of c's actions in the video?\nA. C is cleaning the kitchen.\nB. C is preparing a meal.\nC. C is repairing a cabinet.\nD. C is washing clothes.\nE. C is painting a wall.${answerDirectly}`,
      aria: `Please answer the question about the video:\nTaking into account the overall sequence of events, what is the primary objective of c's actions in the video?\nA. C is cleaning the kitchen.\nB. C is preparing a meal.\nC. C is repairing a cabinet.\nD. C is washing clothes.\nE. C is painting a wall.${answerDirectly}`,
    },
  },
  {
    benchmark: 'longvideobench', fixture: 'longvideobench', yaml: 'lmms_eval/tasks/longvideobench/longvideobench_val_v.yaml',
    classes: { llava_onevision: "In the video, which subtitles appear at the same time as the man with black hair?\nA. A car passes by\nB. We went to the market\nC. There is a man with black hair\nD. The weather is nice\nAnswer with the option's letter from the given choices directly.\n" },
  },
  {
    benchmark: 'mlvu', fixture: 'mlvu', yaml: 'lmms_eval/tasks/mlvu/mlvu_dev.yaml',
    classes: {
      llava_onevision: "Throughout this video, what is the total count of occurrences for the scene featuring the 'playing trombone' action\n(A) 2\n(B) 1\n(C) 5\n(D) 4\nOnly give the best option.\nBest option: (",
      plm: "Throughout this video, what is the total count of occurrences for the scene featuring the 'playing trombone' action\n(A) 2\n(B) 1\n(C) 5\n(D) 4\nOnly give the best option.",
    },
  },
  {
    benchmark: 'lvbench', fixture: 'lvbench', yaml: 'lmms_eval/tasks/lvbench/lvbench.yaml',
    classes: { llava_onevision: 'What vehicle appears first?\n(A) A red car\n(B) A blue truck\n(C) A bicycle\n(D) A bus\nAnswer the question with the option letter' },
  },
  {
    benchmark: 'charades-sta', fixture: 'charades-sta', yaml: 'lmms_eval/tasks/charades_sta/charades.yaml',
    classes: { llava_onevision: "Please find the visual event described by a sentence in the video, determining its starting and ending times. The format should be: 'The event happens in the start time - end time'. For example, The event 'person turn a light on' happens in the 24.3 - 30.4 seonds. Now I will give you the textual sentence: person turn a light on. Please return its start time and end time." },
  },
  {
    benchmark: 'qvhighlights', fixture: 'qvhighlights', yaml: 'lmms_eval/tasks/timelens/_default_yaml_template',
    classes: { llava_onevision: "Please find the visual event described by the sentence 'A girl and her mother cooked while talking with each other on facetime.', determining its starting and ending times. The format should be: 'The event happens in <start time> - <end time> seconds'." },
  },
  {
    benchmark: 'ovobench', fixture: 'ovobench', yaml: 'lmms_eval/tasks/ovobench/constant.py BR_PROMPT_TEMPLATE',
    classes: { llava_onevision: '\nQuestion: Who did I communicate to  when chopping egg plants?\nOptions:\nA. a person with brown shirt; B. a person with green shirt; C. a person with blue shirt; D. a person with white shirt;\n\nRespond only with the letter corresponding to your chosen option (e.g., A, B, C). \nDo not include any additional text or explanation in your response.\n' },
  },
  {
    benchmark: 'perception-test', fixture: 'perception-test', yaml: 'lmms_eval/tasks/perceptiontest/val/_default_template_yaml',
    classes: { llava_onevision: `Is the camera moving or static?\nA. I don't know\nB. moving\nC. static or shaking${answerDirectly}` },
  },
];

function resolve(spec: string): Benchmark {
  const [id, variant] = spec.split(':');
  return resolveVariant(getBenchmark(id!), variant);
}

for (const c of cases) {
  test(`${c.benchmark}: lmms-eval's prompt per class, as ${c.yaml}`, async () => {
    const benchmark = resolve(c.benchmark);
    const [doc] = await benchmark.load({ dataDir: path.join(fixtures, c.fixture), limit: 1 });
    const frameTimes = [1, 3];
    const own = benchmark.docToPromptAtFrames ? benchmark.docToPromptAtFrames(doc, frameTimes) : benchmark.docToPrompt(doc);
    for (const [modelClass, expected] of Object.entries(c.classes)) {
      const result = lmmsEvalPrompt(benchmark.id, doc, modelClass, own, frameTimes);
      assert.equal(result.prompt.text, expected, `${c.benchmark} under ${modelClass}`);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.prompt.kind, own.kind, 'answers are still read as the benchmark reads them');
      assert.deepEqual(result.prompt.letters, own.letters);
      assert.equal(result.prompt.answerPrefix, undefined, 'lmms-eval prefills no answer');
    }
    // A class without its own entry gets the default entry's prompt, whatever the class's frame count.
    const viaDefault = lmmsEvalPrompt(benchmark.id, doc, 'claude', own, frameTimes);
    assert.equal(viaDefault.prompt.text, c.classes.llava_onevision);
  });
}

test('every class with its own entry in a yaml is a class the protocol accepts (or named as not)', () => {
  const unknown = Object.values(lmmsEvalTasks).flatMap((task) => Object.keys('kwargs' in task ? task.kwargs : {}))
    .filter((name) => name !== 'default' && !(() => { try { parseProtocol(`lmms-eval:${name}`); return true; } catch { return false; } })());
  // xcomposer2_4khd is an image model in lmms-eval; its Video-MME entry is recorded but it has no video frame count here.
  assert.deepEqual([...new Set(unknown)], ['xcomposer2_4khd']);
});

test('lmms-eval\'s selection rule: a class entry replaces default (no merge); no kwargs at all gives none', () => {
  const videomme = lmmsEvalTasks['videomme:subtitles'];
  assert.deepEqual(selectLmmsEvalKwargs(videomme, 'gemini_api'), { kwargs: { gemini_api_flag: 'full subtitle' }, entry: 'gemini_api' });
  assert.equal(selectLmmsEvalKwargs(videomme, 'gpt4v').entry, 'default');
  assert.deepEqual(selectLmmsEvalKwargs(lmmsEvalTasks.nextqa, 'gpt4v'), { kwargs: undefined, entry: null });
});

test('NExT-GQA has no lmms-eval task: its own prompt goes out, with a warning', async () => {
  const benchmark = getBenchmark('nextgqa');
  const [doc] = await benchmark.load({ dataDir: path.join(fixtures, 'nextgqa'), limit: 1 });
  const own = benchmark.docToPrompt(doc);
  const result = lmmsEvalPrompt('nextgqa', doc, 'llava_onevision', own, []);
  assert.equal(result.prompt, own);
  assert.match(result.warnings.join(), /no NExT-GQA task/);
});

test('Video-MME subtitles: "No subtitles available" without a file; frame_num frames spread over the frames sent', () => {
  const doc = { id: 'x', question: 'Q?', options: ['A. a', 'B. b'], cues: [{ start: 0, end: 1, text: 'early' }, { start: 4, end: 5, text: 'middle' }, { start: 9, end: 10, text: 'late' }] } as unknown as VideoMmeDoc;
  const own = videoMmePrompt(doc);
  const none = lmmsEvalPrompt('videomme:subtitles', { ...doc, subtitleFileFound: false }, 'llava_onevision', own, [0, 10]);
  assert.equal(none.prompt.text, `This video's subtitles are listed below: \nNo subtitles available\n${videoMmeInstruction}\nQ?\nA. a\nB. b\nThe best answer is:`);
  // Two frames sent (0 s, 10 s) but frame_num 32: the 32 times k·10/31 reach 0 s, 4.19 s and 9.03 s, so all three cues.
  const spread = lmmsEvalPrompt('videomme:subtitles', { ...doc, subtitleFileFound: true }, 'llava_onevision', own, [0, 10]);
  assert.ok(spread.prompt.text.startsWith("This video's subtitles are listed below: \nearly\nmiddle\nlate\nSelect"), spread.prompt.text);
});

// The runner, on a real clip laid out as the Hugging Face Video-MME folder (parquet annotations).
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-lmms-prompts-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));
before(async () => {
  registerBuiltinProviders();
  registerOracleProvider();
  const rows = videoMmeRows(path.join(fixtures, 'videomme/evaluation/output_test_template.json'));
  writeVideoMmeLayouts(rows, work, path.join(work, 'json-copy'));
  fs.mkdirSync(path.join(work, 'data'));
  fs.copyFileSync(await catalogMedia('constant-fps'), path.join(work, 'data/yt001.mp4'));
});

async function sampleUnder(protocol: string) {
  const benchmark = getBenchmark('videomme') as Benchmark<VideoMmeDoc>;
  const [doc] = await benchmark.load({ dataDir: work, limit: 1 });
  const model = await createLanguageModel('oracle:lmms-prompts', {}, { cache: null });
  const context: SampleContext = { benchmark: benchmark as Benchmark, model, cache: null, settings: { protocol: parseProtocol(protocol), budget: { maxVisualTokens: 4000 }, maxOutputTokens: 16 } };
  return { doc: doc!, prepared: await prepareSample(doc, context) };
}

test('the runner: reelm sends the benchmark\'s own prompt, unchanged; lmms-eval sends the class\'s prompt with its frames', async () => {
  const reelm = await sampleUnder('reelm');
  assert.equal(reelm.prepared.prompt.text, videoMmePrompt(reelm.doc).text);
  assert.ok(reelm.prepared.prompt.text.startsWith('Select the best answer to the following multiple-choice question based on the video. Respond'), 'the official Video-MME instruction, not lmms-eval\'s');
  assert.deepEqual(reelm.prepared.promptWarnings, []);
  const onevision = await sampleUnder('lmms-eval:llava_onevision');
  assert.equal(onevision.prepared.prompt.text, cases[0]!.classes.llava_onevision);
  assert.equal(onevision.prepared.plan.estimate.images, 32);
  const gpt4v = await sampleUnder('lmms-eval:gpt4v');
  assert.equal(gpt4v.prepared.prompt.text, cases[0]!.classes.gpt4v);
  assert.equal(gpt4v.prepared.plan.estimate.images, 10);
});

test('the run record\'s template hash: unchanged under reelm, and it follows the prompt under lmms-eval', () => {
  const videoMme = getBenchmark('videomme');
  const reelm = promptTemplateHash(videoMme);
  assert.equal(reelm, sha256Hex([videoMme.docToPrompt, videoMme.docToPromptAtFrames].map((part) => part?.toString() ?? '').join('\n')));
  const onevision = promptTemplateHash(videoMme, parseProtocol('lmms-eval:llava_onevision'));
  const gpt4v = promptTemplateHash(videoMme, parseProtocol('lmms-eval:gpt4v'));
  assert.notEqual(onevision, reelm);
  assert.notEqual(gpt4v, onevision, 'gpt4v has its own entry');
  assert.equal(promptTemplateHash(videoMme, parseProtocol('lmms-eval:claude')), onevision, 'claude has none: the default entry, the same prompt');
});

test('a whole run under lmms-eval:gpt4v: samples.jsonl holds the prompt sent, run.json its template hash', async () => {
  const model = await createLanguageModel('oracle:lmms-run', {}, { cache: null });
  const settings: RunSettings = {
    benchmark: 'videomme', dataDir: work, model: model.id, judge: null, protocol: 'lmms-eval:gpt4v', strategy: null,
    budget: { maxVisualTokens: 4000 }, maxOutputTokens: 16, limit: 1, concurrency: 1, maxUsd: null,
  };
  const { runDir, record } = await runEvaluation({ settings, model, outDir: path.join(work, 'runs'), cache: null });
  assert.equal(record.totals.done, 1);
  assert.equal(record.prompt.templateHash, promptTemplateHash(getBenchmark('videomme'), parseProtocol('lmms-eval:gpt4v')));
  assert.equal(record.prompt.answerPrefix, null);
  const [sample] = await readSampleLog(path.join(runDir, samplesFile));
  assert.equal(sample!.prompt, cases[0]!.classes.gpt4v);
  assert.equal(sample!.promptHash, sha256Hex(cases[0]!.classes.gpt4v!));
  assert.equal(sample!.plan.images, 10);
});
