/**
 * The oracle's answer to one request: a task prompt (answer-tasks.ts) when the request is one, else a
 * question of the synthetic families (answer.ts). Task prompts about the whole picture (chapters) also
 * need the pictures' coarse signatures (picture-signature.ts), computed only for those requests. A
 * `ground` request whose event was not seen gets the words its prompt asks for (`not found`).
 */

import { answerQuestion } from './answer.js';
import { answerTaskPrompt } from './answer-tasks.js';
import type { Observation } from './observe.js';
import { pictureSignatures } from './picture-signature.js';
import type { OracleRequest } from './read-request.js';
import { samplingInterval } from './track-objects.js';

/**
 * @example await answerRequest(readChatRequest(body), observations) // 'B' or '00:00:01.0-00:00:03.0 | 0.60 | A red circle appears.'
 */
export async function answerRequest(request: OracleRequest, observations: readonly Observation[]): Promise<string> {
  const duration = request.duration ?? Math.max(0, ...observations.map((o) => o.time)) + samplingInterval(observations) / 2;
  const needsPictures = /^(Summarize the video|Describe this part of the video)/m.test(request.question);
  const signatures = needsPictures ? await pictureSignatures(request.images) : [];
  const task = answerTaskPrompt(request.question, { observations, signatures, duration });
  if (task !== undefined) return task;
  const answer = answerQuestion(request.question, observations, request.duration);
  // The ground prompt names its answer for an event that does not happen; the families' sentence does not.
  const notFound = /If it does not happen in the video, answer: (.+)$/m.exec(request.question)?.[1]?.trim();
  return notFound !== undefined && !/\d+:\d+/.test(answer) ? notFound : answer;
}
