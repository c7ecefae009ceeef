/**
 * `ask`: an open or multiple-choice question about a video, answered from the planned evidence, with
 * the times the answer rests on (the `Times:` line the prompt asks for, read by the span parser). For
 * multiple choice the letter goes in `detail.choice`, and the output names the option; an answer that
 * names no listed letter is reported as unparsed (`detail.choice: null` and a warning), never guessed.
 * On an indexed long video the evidence comes from the spans the store retrieves (memory mode,
 * tasks/memory/memory-evidence.ts), recorded in `detail.memory`.
 */

import { combinePlans } from '../plan/combine-plans.js';
import { askSearches, chooseAskSearch, type AskPass, type AskSearchId } from './ask-search.js';
import { planTaskEvidence } from './direct-request.js';
import { parseChoiceLetter } from './parse/choice-letter.js';
import { chooseAskEvidence, type MemoryModeRecord } from './memory/memory-evidence.js';
import { askPrompt, choiceLetter } from './prompts/ask-prompt.js';
import { tallyPasses } from './search-budget.js';
import type { TaskDefinition } from './task.js';
import { finishTaskResult, startTaskRun } from './task-run.js';

export interface AskDetail {
  /** The answer as the model wrote it, without the `Times:` line. */
  answer: string;
  /** Multiple choice: the options as given, or null for an open question. */
  choices: string[] | null;
  /** Multiple choice: the letter read from the answer, or null when none of the listed letters was named. */
  choice: string | null;
  /** How the budget was spent (ask-search.ts): one request, or a first look and then a closer one. */
  search: AskSearchId;
  /** Every request in order: what it covered, what it answered, and its plan. */
  passes: AskPass[];
  /** Memory mode: which spans were retrieved from the store and why; absent on the direct path. */
  memory?: MemoryModeRecord;
}

export const askTask: TaskDefinition<AskDetail> = {
  id: 'ask',
  description: 'Answer an open or multiple-choice question about the video, with the times the answer rests on.',
  needsQuery: true,
  async run(request, context) {
    const run = await startTaskRun('ask', request, context, true);
    const choices = request.choices && request.choices.length > 0 ? request.choices : null;
    const defaultMaxOutputTokens = 256;
    const chosen = await chooseAskEvidence(run, request, context, request.maxOutputTokens ?? defaultMaxOutputTokens);
    const basePrompt = askPrompt(run.query, choices ?? undefined, context.model.profile.timestampStyle);
    const prompt = chosen.coverageNote ? { ...basePrompt, instruction: `${chosen.coverageNote}\n${basePrompt.instruction}` } : basePrompt;
    const singlePlan = chosen.plan ?? await planTaskEvidence(run.info, run.span, request, context, request.maxOutputTokens ?? defaultMaxOutputTokens, run.query);
    // Memory mode: the retrieved spans are already where to look, so one request over them.
    const chosenSearch = chosen.memory ? askSearches['single-pass'] : chooseAskSearch(singlePlan, run.query, run.span);
    const search = chosenSearch.id as AskSearchId;
    const found = await chosenSearch.search({ run: { ...run, span: chosen.span, transcript: chosen.transcript }, request, context, prompt, singlePlan, defaultMaxOutputTokens });
    const tally = tallyPasses(run, found.passes);
    const warnings = [...chosen.warnings, ...tally.warnings];
    const read = found.reading;
    warnings.push(...read.warnings);
    const plans = found.passes.map((pass) => pass.plan);
    const plan = plans.length === 1 ? plans[0]! : combinePlans(plans, { strategy: `${search} (${plans[0]!.strategy})`, span: run.span, totalVisualTokens: found.totalVisualTokens });
    let output = read.answer;
    let choice: string | null = null;
    if (choices) {
      const letters = choices.map((_, index) => choiceLetter(index));
      choice = parseChoiceLetter(read.answer, letters) ?? null;
      if (choice === null) warnings.push(`the answer names none of the options ${letters.join(', ')}: ${JSON.stringify(read.answer.slice(0, 200))}`);
      else output = `${choice}. ${choices[letters.indexOf(choice)]!.trim()}`;
    }
    return finishTaskResult('ask', request, context, run, {
      output, spans: read.spans, evidence: tally.evidence, plan, response: found.answered.response, warnings,
      detail: {
        answer: read.answer, choices, choice, search, passes: found.passes.map(({ outcome: _outcome, ...pass }) => pass),
        ...(chosen.memory ? { memory: chosen.memory } : {}),
      },
    });
  },
};
