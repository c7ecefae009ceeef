/**
 * `ask`: an open or multiple-choice question about a video, answered from the planned evidence, with
 * the times the answer rests on (the `Times:` line the prompt asks for, read by the span parser). For
 * multiple choice the letter goes in `detail.choice`, and the output names the option; an answer that
 * names no listed letter is reported as unparsed (`detail.choice: null` and a warning), never guessed.
 */

import { runDirectRequest } from './direct-request.js';
import { readAnswerTimes } from './parse/answer-times.js';
import { parseChoiceLetter } from './parse/choice-letter.js';
import { askPrompt, choiceLetter } from './prompts/ask-prompt.js';
import type { TaskDefinition } from './task.js';
import { finishTaskResult, startTaskRun } from './task-run.js';

export interface AskDetail {
  /** The answer as the model wrote it, without the `Times:` line. */
  answer: string;
  /** Multiple choice: the options as given, or null for an open question. */
  choices: string[] | null;
  /** Multiple choice: the letter read from the answer, or null when none of the listed letters was named. */
  choice: string | null;
}

export const askTask: TaskDefinition<AskDetail> = {
  id: 'ask',
  description: 'Answer an open or multiple-choice question about the video, with the times the answer rests on.',
  needsQuery: true,
  async run(request, context) {
    const run = await startTaskRun('ask', request, context, true);
    const choices = request.choices && request.choices.length > 0 ? request.choices : null;
    const outcome = await runDirectRequest({
      info: run.info, span: run.span, request, context, transcript: run.transcript, query: run.query,
      prompt: askPrompt(run.query, choices ?? undefined, context.model.profile.timestampStyle),
      defaultMaxOutputTokens: 256,
    });
    run.usage.add(outcome.response, outcome.plan);
    const read = readAnswerTimes(outcome.response.text, run.info.duration);
    const warnings = [...outcome.warnings, ...read.warnings];
    let output = read.answer;
    let choice: string | null = null;
    if (choices) {
      const letters = choices.map((_, index) => choiceLetter(index));
      choice = parseChoiceLetter(read.answer, letters) ?? null;
      if (choice === null) warnings.push(`the answer names none of the options ${letters.join(', ')}: ${JSON.stringify(read.answer.slice(0, 200))}`);
      else output = `${choice}. ${choices[letters.indexOf(choice)]!.trim()}`;
    }
    return finishTaskResult('ask', request, context, run, {
      output, spans: read.spans, evidence: outcome.evidence, plan: outcome.plan, response: outcome.response, warnings,
      detail: { answer: read.answer, choices, choice },
    });
  },
};
