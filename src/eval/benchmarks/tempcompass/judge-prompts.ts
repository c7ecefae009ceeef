/**
 * The judge prompts of TempCompass, verbatim from `prompt_templates.py` (llyx97/TempCompass, commit
 * e1b4631), and the judge call of `utils/eval_utils.py` / `eval_captioning.py`: system message "You are an
 * AI assistant for question answering.", temperature 1.0, top_p 1, at most 128 tokens.
 */

import type { TempcompassTask } from './records.js';

export const judgeSystemPrompt = "You are an AI assistant for question answering.";

/** `<task>_evaluation_prompt`; the captioning one asks the judge to answer the multiple-choice question from the caption. */
export const judgeInstructions: Readonly<Record<TempcompassTask, string>> = Object.freeze({
  "captioning": "\nYou will receive a video description and a multi-choice question. Your task is to choose the correct answer and briefly explain the reason why you choose the answer. If none of the choice candidates are correct or the video description lacks enough information to answer the question, just answer \"None of the choices are correct\". Please organize your response in this format:\n```\nReasoning: [Your reason to obtain the answer]\nAnswer: [Your answer]\n```\n\nHere are some examples of video description, multi-choice question and the expected answer:\n```\nVideo Description: A person is palying football.\nMulti-Choice Question:\nWhat is the person doing in the video?\nA. cooking\nB. palying football\nC. playing basketball\nD. reading book\nReasoning: The video description mentions that the person is playing football.\nAnswer: B. palying football\n\nVideo Description: A bird is flying clockwise.\nMulti-Choice Question:\nIn which direction is the bird flying?\nA. backwark\nB. counter-clockwise\nC. clockwise\nD. downward\nReasoning: The video description mentions that the bird is flying clockwise\nAnswer: C. clockwise\n\nVideo Description: An air balloon is inflating.\nMulti-Choice Question:\nWhat is happening to the air balloon?\nA. exploding\nB. getting smaller\nC. flying\nReasoning: The video description mentions that the air balloon is inflating, while none of the coices can be explained as inflating.\nAnswer: None of the choices are correct\n```\n",
  "multi-choice": "\nYou will receive a multi-choice question, the ground-truth answer and the prediction from a question answering (QA) model. Your task is to determine whether QA model prediction is correct, based on the question and ground-truth answer. If the prediction is correct, respond \"Correct\". If the prediction is incorrect, respond \"Incorrect\".\n",
  "yes_no": "\nYou will receive a Yes/No question, the ground-truth answer and the prediction from a question answering (QA) model. Your task is to determine whether QA model prediction is correct, based on the question and ground-truth answer. If the prediction is correct, respond \"Correct\". If the prediction is incorrect, respond \"Incorrect\".\n",
  "caption_matching": "\nYou will receive a caption matching question, the ground-truth answer and the prediction from a question answering (QA) model. Your task is to determine whether QA model prediction is correct, based on the question and ground-truth answer. If the prediction is correct, respond \"Correct\". If the prediction is incorrect, respond \"Incorrect\".\n",
});
