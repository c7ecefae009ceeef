/**
 * Asking the configured judge model about an answer the rules could not match, with TempCompass's own
 * prompts and settings (`eval_*.py`, `utils/eval_utils.py`): the judge says Correct/Incorrect, or — for
 * captioning — answers the multiple-choice question from the caption. A reply that says neither is rated
 * 0, as the scripts do once their retries run out.
 */

import type { LanguageModel } from '../../../models/language-model.js';
import { judgeInstructions, judgeSystemPrompt } from './judge-prompts.js';
import type { TempcompassTask } from './records.js';
import { ratingFromCaptionJudge, ratingFromJudge } from './rules.js';

const questionLabels: Record<Exclude<TempcompassTask, 'captioning'>, string> = {
  'multi-choice': 'Multi-Choice Question',
  yes_no: 'Yes/No Question',
  caption_matching: 'Caption Matching Question',
};

export interface JudgeCase {
  task: TempcompassTask;
  question: string;
  answer: string;
  prediction: string;
  /** Captioning: the video's multiple-choice question and answer (`questions/multi-choice.json`, first of the dimension). */
  multiChoice?: { question: string; answer: string };
}

/** The exact prompt the official script sends. */
export function judgePrompt(item: JudgeCase): string {
  if (item.task === 'captioning') return `${judgeInstructions.captioning}\nVideo Description:${item.prediction}\nMulti-Choice Question:\n${item.multiChoice?.question ?? ''}\n`;
  return `${judgeInstructions[item.task]}\n${questionLabels[item.task]}:\n${item.question}\nGround-Truth Answer: ${item.answer}\nModel Prediction: ${item.prediction}`;
}

export interface JudgeVerdict {
  rating: number;
  text: string;
  /** False when the reply said neither Correct nor Incorrect (rated 0). */
  understood: boolean;
}

export async function judgeAnswer(judge: LanguageModel, item: JudgeCase, signal?: AbortSignal): Promise<JudgeVerdict> {
  const response = await judge.generate({
    messages: [{ role: 'system', content: judgeSystemPrompt }, { role: 'user', content: judgePrompt(item) }],
    parameters: { temperature: 1.0, topP: 1, maxOutputTokens: 128 },
    ...(signal ? { signal } : {}),
  });
  const text = response.text.trim();
  if (item.task === 'captioning') {
    const { rating } = ratingFromCaptionJudge(text, item.multiChoice?.answer ?? '');
    return { rating, text, understood: rating !== -1 };
  }
  const rating = ratingFromJudge(text);
  return { rating: rating ?? 0, text, understood: rating !== undefined };
}
