import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../../src/core/errors.js';
import { getBenchmark } from '../../../src/eval/benchmark-registry.js';
import { tempcompassBenchmark, type TempcompassDoc } from '../../../src/eval/benchmarks/tempcompass/index.js';
import { judgeInstructions } from '../../../src/eval/benchmarks/tempcompass/judge-prompts.js';
import { judgePrompt } from '../../../src/eval/benchmarks/tempcompass/judge.js';
import { cleanGeminiCaption, cleanRekaCaption, matchCaption, matchMultiChoice, matchYesNo, ratingFromCaptionJudge, ratingFromJudge } from '../../../src/eval/benchmarks/tempcompass/rules.js';
import { scoreTempcompassPredictions } from '../../../src/eval/benchmarks/tempcompass/score-predictions.js';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../../../src/models/language-model.js';
import { resolveProfile } from '../../../src/models/profiles/index.js';
import { readingJudgeReply } from './tempcompass-judge-double.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/benchmarks/tempcompass');
const readGz = (relative: string): any => JSON.parse(gunzipSync(fs.readFileSync(path.join(fixtures, `${relative}.gz`))).toString('utf8'));

/** The dict lines print_result printed for each task (official-print-result.txt), as JSON. */
function officialPrinted(): Record<string, { accuracy: Record<string, number>; fineGrained: Record<string, number>; matchRate: number }> {
  const blocks = fs.readFileSync(path.join(fixtures, 'official-print-result.txt'), 'utf8').split(/^== gemini /m).filter(Boolean);
  return Object.fromEntries(blocks.map((block) => {
    const lines = block.split('\n');
    const toJson = (line: string): Record<string, number> => JSON.parse(line.replaceAll("'", '"'));
    return [lines[0]!.trim(), { accuracy: toJson(lines[2]!), fineGrained: toJson(lines[3]!), matchRate: Number(/=(.*)/.exec(lines[4]!)![1]) }];
  }));
}

test('reproduces print_result on the published gemini predictions with the published judge verdicts, every number of every task', async () => {
  const report = await scoreTempcompassPredictions({ dataDir: fixtures, predictions: path.join(fixtures, 'predictions/gemini'), verdicts: path.join(fixtures, 'auto_eval_results/gemini') });
  const official = officialPrinted();
  assert.deepEqual(Object.keys(official), ['multi-choice', 'yes_no', 'caption_matching', 'captioning']);
  const ours = report.official as Record<string, { accuracy: Record<string, number>; fineGrained: Record<string, number>; matchSuccessRate: number; publishedMatchSuccessRate: number }>;
  for (const [task, expected] of Object.entries(official)) {
    assert.deepEqual(ours[task]!.accuracy, expected.accuracy, task);
    assert.deepEqual(ours[task]!.fineGrained, expected.fineGrained, task);
    assert.equal(ours[task]!.publishedMatchSuccessRate, expected.matchRate, task);
  }
  // The current rules match what the published caption-matching run did not (see SOURCE.md); everywhere else they agree.
  assert.deepEqual(Object.values(ours).map((t) => t.matchSuccessRate), [92.3, 99.4, 99.0, 0.0]);
  const notes = report.notes.join('\n');
  assert.match(notes, /multi-choice: 110 of 1580 answers needed a judge: 110 from the published verdicts/);
  assert.doesNotMatch(notes, /disagree/);
  const printedAvg = report.sections[0]!.rows.find((r) => r.name === 'avg')!.printed;
  assert.equal(printedAvg, '63.9');
});

test('rules only: answers the rules cannot match are rated 0 and counted; captions are not scored without a judge', async () => {
  const report = await scoreTempcompassPredictions({ dataDir: fixtures, predictions: path.join(fixtures, 'predictions/gemini') });
  const notes = report.notes.join('\n');
  assert.match(notes, /multi-choice: 110 of 1580 answers needed a judge: rated 0 \(rules only\)/);
  assert.match(notes, /yes_no: 11 of 2453/);
  assert.match(notes, /caption_matching: 7 of 1503/);
  assert.match(notes, /captioning: every caption needs a judge/);
  assert.equal(report.sections.length, 3);
  const avg = Number(report.sections[0]!.rows.find((r) => r.name === 'avg')!.printed);
  assert.ok(avg < 63.9, 'without the judge the unmatched answers count as wrong');
});

// eval_multi-choice.py, eval_yes_no.py, eval_caption_matching.py, utils/eval_utils.py, case by case.
test('official matching rules', () => {
  assert.equal(matchMultiChoice('C. cooking', 'C. cooking'), 1);
  assert.equal(matchMultiChoice('B', 'C. cooking'), 0);
  assert.equal(matchMultiChoice('C) cooking', 'C. cooking'), 1);
  assert.equal(matchMultiChoice('**C. cooking**', 'C. cooking'), undefined);
  assert.equal(matchYesNo('Yes, it is.', 'yes'), 1);
  assert.equal(matchYesNo('NO', 'yes'), 0);
  assert.equal(matchYesNo('Nope', 'no'), 1); // starts with "no"
  assert.equal(matchYesNo('The man is dunking.', 'yes'), undefined);
  const question = 'Which caption matches the video better?\nCaption A: A man is dunking a basketball.\nCaption B: The man is shooting a basketball.';
  const answer = 'Caption A: A man is dunking a basketball.';
  assert.equal(matchCaption('Caption A', question, answer), 1);
  assert.equal(matchCaption('A.', question, answer), 1); // index with the dot removed
  assert.equal(matchCaption('The man is shooting a basketball.', question, answer), 0);
  assert.equal(matchCaption('(B) The man is shooting a basketball.', question, answer), 0);
  assert.equal(matchCaption('I think the first one', question, answer), undefined);
  assert.equal(ratingFromJudge('Correct'), 1);
  assert.equal(ratingFromJudge('The prediction is Incorrect.'), 0);
  assert.equal(ratingFromJudge('The prediction is Correct.'), 1);
  assert.equal(ratingFromJudge('Cannot say'), undefined);
  assert.deepEqual(ratingFromCaptionJudge('Reasoning: it dunks.\nAnswer: B. dunking', 'B. dunking a basketball'), { rating: 1, answer: 'B. dunking' });
  assert.equal(ratingFromCaptionJudge('Answer: B. or C. maybe', 'B. dunking').rating, 0); // two letters
  assert.equal(ratingFromCaptionJudge('', 'B. x').rating, -1);
  assert.equal(cleanGeminiCaption('## Caption\n**Caption:** "A man dunks."'), 'A man dunks.');
  // process_reka_caption: the only quoted text, else the text after the only ": ".
  assert.equal(cleanRekaCaption('Here is a caption: "A man dunks a ball." Hope it helps.'), 'A man dunks a ball.');
  assert.equal(cleanRekaCaption('Caption: A man dunks.'), 'A man dunks.');
  assert.equal(cleanRekaCaption('A man dunks.'), 'A man dunks.');
});

/** {@link readingJudgeReply} as an in-process LanguageModel, recording the prompts it receives. */
function readingJudge(): LanguageModel & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    id: 'double:reading-judge',
    profile: resolveProfile('openai-compatible:reading-judge'),
    endpoint: { provider: 'double', modelId: 'reading-judge' },
    prompts,
    async generate(request: GenerateRequest): Promise<GenerateResponse> {
      const user = request.messages.find((m) => m.role === 'user')!.content as string;
      prompts.push(user);
      return { text: readingJudgeReply(user), finishReason: 'stop', usage: { inputTokens: null, outputTokens: null, images: 0 }, parameters: request.parameters ?? {}, endpoint: this.endpoint, latencyMs: 0, fromCache: false, warnings: [] };
    },
  };
}

test('with a judge model: only unmatched answers are judged, with the official prompt and settings', async () => {
  // A small prediction folder: the first 40 videos of the published multi-choice and captioning predictions.
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-tempcompass-')), 'gemini');
  fs.mkdirSync(folder);
  for (const task of ['multi-choice', 'captioning']) {
    const all = readGz(`predictions/gemini/${task}.json`);
    fs.writeFileSync(path.join(folder, `${task}.json`), JSON.stringify(Object.fromEntries(Object.entries(all).slice(0, 40))));
  }
  const judge = readingJudge();
  const report = await scoreTempcompassPredictions({ dataDir: fixtures, predictions: folder, judge });
  const notes = report.notes.join('\n');
  const judgedMc = Number(/multi-choice: (\d+) of \d+ answers needed a judge: \1 judged by double:reading-judge/.exec(notes)?.[1]);
  const judgedCaptions = Number(/captioning: (\d+) of \d+ answers needed a judge: \1 judged/.exec(notes)?.[1]);
  assert.ok(judgedMc > 0 && judgedCaptions > 0, notes);
  assert.equal(judge.prompts.length, judgedMc + judgedCaptions);
  assert.ok(judge.prompts[0]!.startsWith(`${judgeInstructions['multi-choice']}\nMulti-Choice Question:\n`));
  assert.ok(judge.prompts.at(-1)!.startsWith(judgeInstructions.captioning));
  // The double reads "**C. cooking**" as naming C: judged answers raise the accuracy above the rules-only one.
  const rulesOnly = await scoreTempcompassPredictions({ dataDir: fixtures, predictions: path.join(folder, 'multi-choice.json') });
  const avg = (r: typeof report): number => Number(r.sections[0]!.rows.find((row) => row.name === 'avg')!.printed);
  assert.ok(avg(report) > avg(rulesOnly));
});

test('judge prompt is the one the official scripts send', () => {
  const prompt = judgePrompt({ task: 'yes_no', question: 'Is the man dunking?', answer: 'yes', prediction: 'He is.' });
  assert.equal(prompt, `${judgeInstructions.yes_no}\nYes/No Question:\nIs the man dunking?\nGround-Truth Answer: yes\nModel Prediction: He is.`);
});

test('a predictions file not named after a task is a typed error', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-tempcompass-')), 'answers.json');
  fs.writeFileSync(file, '{}');
  await assert.rejects(scoreTempcompassPredictions({ dataDir: fixtures, predictions: file }), (error: unknown) => ConfigError.isInstance(error) && /named after a task/.test(error.message));
});

test('the registered benchmark: the question plus the answer prompt, rules or null (needs a judge), the official report', async () => {
  assert.equal(getBenchmark('tempcompass'), tempcompassBenchmark);
  const docs = (await tempcompassBenchmark.load({ dataDir: fixtures })) as TempcompassDoc[];
  assert.equal(docs.filter((d) => d.task === 'multi-choice').length, 1580);
  assert.equal(docs.filter((d) => d.task === 'yes_no').length, 2453);
  assert.equal(docs.filter((d) => d.task === 'caption_matching').length, 1503);
  assert.equal(docs.filter((d) => d.task === 'captioning').length, 2004);
  // Integer-like video ids come out of a JS object in numeric order, so find the doc by id.
  const first = docs.find((d) => d.id === 'multi-choice/1034419625/action/0')!;
  assert.equal(first.videoPath, path.join(fixtures, 'videos', '1034419625.mp4'));
  assert.equal(tempcompassBenchmark.docToPrompt(first).text, 'What is the man doing in the video?\nA. dunking a basketball\nB. dribbling a basketball\nC. passing a basketball\nPlease directly give the best option:');
  assert.equal(first.fineGrainedType, 'fine-grained action');
  assert.deepEqual(tempcompassBenchmark.scoreDoc(first, 'A'), { 'multi-choice': 1 });
  assert.deepEqual(tempcompassBenchmark.scoreDoc(first, 'I think dunking'), { 'multi-choice': null });
  const mc = docs.filter((d) => d.task === 'multi-choice');
  const report = tempcompassBenchmark.aggregate!(mc, mc.map((d) => tempcompassBenchmark.scoreDoc(d, d.answer[0]!)));
  assert.equal(report.metrics['multi-choice'], 100);
  assert.equal(report.unparsed, 0);
  const yesNo = (await tempcompassBenchmark.variants!.yes_no!.load!({ dataDir: fixtures })) as TempcompassDoc[];
  assert.ok(yesNo.every((d) => d.task === 'yes_no'));
});

test('a run written as predictions/<model>/<task>.json scores the same rules-only as through aggregate', async () => {
  const docs = ((await tempcompassBenchmark.load({ dataDir: fixtures })) as TempcompassDoc[]).filter((d) => d.task !== 'captioning');
  const outputs = docs.map((doc, i) => (i % 5 === 0 ? 'Hard to say.' : i % 3 === 0 ? 'no' : doc.task === 'caption_matching' ? doc.answer.split(': ')[0]! : doc.answer));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-tempcompass-run-'));
  for (const file of tempcompassBenchmark.toSubmission!(docs, outputs)) {
    fs.mkdirSync(path.dirname(path.join(folder, file.path)), { recursive: true });
    fs.writeFileSync(path.join(folder, file.path), file.content);
  }
  const scored = await scoreTempcompassPredictions({ dataDir: fixtures, predictions: path.join(folder, 'predictions/reelm') });
  const aggregated = tempcompassBenchmark.aggregate!(docs, docs.map((doc, i) => tempcompassBenchmark.scoreDoc(doc, outputs[i]!)));
  for (const section of scored.sections) {
    const task = section.title.split(' ')[0]!;
    assert.ok(Math.abs(section.rows.find((r) => r.name === 'avg')!.value! - aggregated.metrics[task]!) < 1e-9, task);
  }
  assert.equal(scored.sections.length, 3);
  // The answers aggregate counts as needing a judge are those the predictions scorer sent to one.
  const neededJudge = Object.values(scored.official as Record<string, { neededJudge: number }>).reduce((sum, t) => sum + t.neededJudge, 0);
  assert.equal(aggregated.unparsed, neededJudge);
  assert.ok(neededJudge >= docs.filter((_, i) => i % 5 === 0).length);
});
