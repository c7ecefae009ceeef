/**
 * The second half of the hierarchical summary: chunk captions → the summary (and chapters) in one
 * text-only request. When the captions of a long video would not fit the model's context, they are
 * merged in levels: consecutive groups that fit are each condensed into one paragraph covering their
 * span (prompts/summarize-prompt.ts `condensePrompt`), until the lines fit one final merge. Only the
 * final merge streams. Token counts are estimated at three characters per token, a conservative ratio
 * for English prose (the exact count needs the model's tokenizer).
 */

import type { GenerateResponse } from '../../models/language-model.js';
import { assembleMessages } from '../../plan/assemble-messages.js';
import { condensePrompt, mergePrompt, type ChunkCaptionLine, type SummaryLength } from '../prompts/summarize-prompt.js';
import type { TaskPrompt } from '../prompts/time-format.js';
import type { TaskContext } from '../task.js';
import type { UsageMeter } from '../task-usage.js';

const charactersPerToken = 3;
/** Room kept for the system prompt and the instruction. */
const promptOverheadTokens = 1024;
const condenseOutputTokens = 512;

export interface MergeCaptionsInput {
  captions: ChunkCaptionLine[];
  length: SummaryLength;
  chapters: boolean;
  duration: number;
  maxOutputTokens: number;
  context: TaskContext;
  usage: UsageMeter;
}

export interface MergedCaptions {
  response: GenerateResponse;
  /** Condensing levels before the final merge (0 when the captions fit at once). */
  levels: number;
  warnings: string[];
}

function estimateTokens(prompt: TaskPrompt): number {
  return Math.ceil((prompt.question.length + prompt.instruction.length) / charactersPerToken);
}

/** Consecutive groups of lines, each within `room` tokens (a line longer than that stands alone). */
export function groupCaptionLines(lines: readonly ChunkCaptionLine[], room: number): ChunkCaptionLine[][] {
  const groups: ChunkCaptionLine[][] = [];
  let current: ChunkCaptionLine[] = [];
  let size = 0;
  for (const line of lines) {
    const tokens = Math.ceil((line.caption.length + 32) / charactersPerToken);
    if (current.length > 0 && size + tokens > room) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(line);
    size += tokens;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Merges chunk captions into the summary answer, condensing first where the context requires it.
 * @example const { response } = await mergeChunkCaptions({ captions, length: 'short', chapters: true, duration, maxOutputTokens: 1024, context, usage });
 */
export async function mergeChunkCaptions(input: MergeCaptionsInput): Promise<MergedCaptions> {
  const { context } = input;
  const style = context.model.profile.timestampStyle;
  const room = context.model.profile.contextTokens - input.maxOutputTokens - promptOverheadTokens;
  const warnings: string[] = [];
  let lines = input.captions;
  let levels = 0;
  const ask = async (prompt: TaskPrompt, maxOutputTokens: number, stream: boolean): Promise<GenerateResponse> => {
    const messages = assembleMessages({ question: prompt.question, instruction: prompt.instruction, duration: input.duration, evidence: [], timestampStyle: style });
    const response = await context.model.generate({
      messages,
      parameters: { temperature: 0, maxOutputTokens },
      ...(context.signal ? { signal: context.signal } : {}),
      ...(stream && context.onTextDelta ? { onTextDelta: context.onTextDelta } : {}),
    });
    input.usage.add(response, null);
    warnings.push(...response.warnings);
    return response;
  };

  while (lines.length > 1 && estimateTokens(mergePrompt(lines, input.length, input.chapters, style)) > room) {
    // Half the room per group, so the condensed paragraphs of the next level have space to fit.
    const groups = groupCaptionLines(lines, Math.max(1, Math.floor(room / 2)));
    if (groups.length === lines.length) {
      warnings.push(`the chunk captions do not fit the model's ${context.model.profile.contextTokens}-token context even one by one; merged them as they are.`);
      break;
    }
    levels += 1;
    const condensed = await Promise.all(groups.map(async (group) => {
      if (group.length === 1) return group[0]!;
      const response = await ask(condensePrompt(group, style), condenseOutputTokens, false);
      return { span: { start: group[0]!.span.start, end: group.at(-1)!.span.end }, caption: response.text.trim() };
    }));
    lines = condensed;
  }
  const response = await ask(mergePrompt(lines, input.length, input.chapters, style), input.maxOutputTokens, true);
  return { response, levels, warnings };
}
