/**
 * The runner's judge step for TempCompass (`judgeDoc`): an answer the official rules cannot match is
 * sent to the judge with the official prompt and rated from its verdict, as `eval_*.py` do with
 * `--disable_llm` off. The judge here is the reading judge double (tempcompass-judge-double.ts), an
 * in-process LanguageModel that decides from the prompt it receives.
 */

import assert from 'node:assert/strict';
import test from 'node:test';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../../../src/models/language-model.js';
import { resolveProfile } from '../../../src/models/profiles/index.js';
import { tempcompassBenchmark, type TempcompassDoc } from '../../../src/eval/benchmarks/tempcompass/index.js';
import { readingJudgeReply } from './tempcompass-judge-double.js';

function readingJudge(): LanguageModel & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    id: 'double:reading-judge',
    profile: resolveProfile('double:reading-judge'),
    endpoint: { provider: 'double', modelId: 'reading-judge' },
    prompts,
    async generate(request: GenerateRequest): Promise<GenerateResponse> {
      const user = request.messages.find((message) => message.role === 'user');
      const prompt = typeof user?.content === 'string' ? user.content : '';
      prompts.push(prompt);
      return {
        text: readingJudgeReply(prompt), finishReason: 'stop', usage: { inputTokens: null, outputTokens: null, images: 0 },
        parameters: request.parameters ?? {}, endpoint: this.endpoint, latencyMs: 0, fromCache: false, warnings: [],
      };
    },
  };
}

const doc: TempcompassDoc = {
  id: 'v1/direction/multi-choice/0', task: 'multi-choice', video: 'v1', dimension: 'direction', videoPath: 'videos/v1.mp4', fineGrainedType: 'direction',
  question: 'Which direction is the car moving?\nA. left\nB. right', answer: 'B. right',
};

test('an answer the rules cannot match is rated by the judge from the official prompt; a matched one never reaches it', async () => {
  const judge = readingJudge();
  const prose = 'It seems to drive towards the right side of the frame.';
  assert.deepEqual(tempcompassBenchmark.scoreDoc(doc, prose), { 'multi-choice': null }, 'the rules leave prose to the judge');
  assert.deepEqual(await tempcompassBenchmark.judgeDoc!(doc, prose, judge), { 'multi-choice': 1 });
  assert.match(judge.prompts[0]!, /Ground-Truth Answer: B\. right\nModel Prediction: It seems to drive towards the right/);
  assert.deepEqual(await tempcompassBenchmark.judgeDoc!(doc, 'It goes to the left.', judge), { 'multi-choice': 0 });
  assert.equal(judge.prompts.length, 2);
});
