/**
 * OVO-Bench's prompts, verbatim from `constant.py` (JoeLeelyf/OVO-Bench), and how `utils/OVOBench.py`
 * fills them: options as "A. …; B. …;" for backward and real-time tasks, "How many times did they
 * <activity>?" for REC, the probed step for SSR, the question for CRR.
 */

import type { OvoItem } from './records.js';

export const backwardRealtimeTemplate = `
Question: {question}
Options:
{options}

Respond only with the letter corresponding to your chosen option (e.g., A, B, C). 
Do not include any additional text or explanation in your response.
`;

export const recTemplate = `
You're watching a video in which people may perform a certain type of action repetively. 
The person performing this kind of action are referred to as 'they' in the following statement.
You're task is to count how many times have different people in the video perform this kind of action in total.
One complete motion counts as one. 
Now, answer the following question: {question}
Provide your answer as a single number (e.g., 0, 1, 2, 3…) indicating the total count.
Do not include any additional text or explanation in your response.
`;

export const ssrTemplate = `
You're watching a tutorial video which contain a sequential of steps. 
The following is one step from the whole procedures: 
{step}
Your task is to determine if the man or woman in the video is currently performing this step.
Answer only with “Yes” or “No”.
Do not include any additional text or explanation in your response.
`;

export const crrTemplate = `
You're responsible of answering questions based on the video content. 
The following question are relevant to the latest frames, i.e. the end of the video.
{question}
Decide whether existing visual content, especially latest frames, i.e. frames that near the end of the video, provide enough information for answering the question.
Answer only with “Yes” or “No”.
Do not include any additional text or explanation in your response.
`;

/** The prompt for an item (and, for forward tasks, its probe). */
export function ovoPrompt(item: OvoItem, probe = 0): string {
  switch (item.task) {
    case 'REC':
      return recTemplate.replace('{question}', `How many times did they ${item.activity ?? ''}?`);
    case 'SSR':
      return ssrTemplate.replace('{step}', item.test_info?.[probe]?.step ?? '');
    case 'CRR':
      return crrTemplate.replace('{question}', item.question ?? '');
    default: {
      const options = `${(item.options ?? []).map((option, i) => `${String.fromCharCode(65 + i)}. ${option}`).join('; ')};`;
      return backwardRealtimeTemplate.replace('{question}', item.question ?? '').replace('{options}', options);
    }
  }
}
