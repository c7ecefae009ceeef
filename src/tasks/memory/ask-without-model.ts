/**
 * The entry point of `ask` with no model configured: probes the video, looks it up in its library, and,
 * when it is indexed, answers from the stored signals (answer-from-signals.ts). Returns undefined for a
 * video that is not indexed (or whose index is out of date), so the caller can explain how to configure
 * a model or index the video instead.
 */

import type { ArtifactCache } from '../../core/artifact-cache.js';
import { ConfigError } from '../../core/errors.js';
import type { TimeSpan } from '../../core/time.js';
import { probe } from '../../media/probe.js';
import type { TaskResult } from '../task-result.js';
import { answerFromSignals, type SignalAnswerDetail } from './answer-from-signals.js';
import { findIndexedVideo } from './indexed-video.js';

export interface AskWithoutModelOptions {
  /** A library folder or store file; default: the nearest library at or above the video's folder. */
  library?: string;
  span?: TimeSpan;
  signal?: AbortSignal;
  cache?: ArtifactCache | null;
}

export interface AskWithoutModelOutcome {
  result: TaskResult<SignalAnswerDetail> | undefined;
  /** Why an existing index was not used (out of date). */
  warnings: string[];
}

/**
 * @example const { result } = await askWithoutModel('lib/clip.mp4', 'How many people are there?');
 */
export async function askWithoutModel(video: string, question: string, options: AskWithoutModelOptions = {}): Promise<AskWithoutModelOutcome> {
  if (question.trim() === '') throw new ConfigError('ask request', 'needs a question; e.g. reelm ask video.mp4 "How many people are there?".');
  const info = await probe(video, { ...(options.signal ? { signal: options.signal } : {}), ...(options.cache === undefined ? {} : { cache: options.cache }) });
  const { indexed, warnings } = findIndexedVideo(video, info.contentHash, options.library ? { library: options.library } : {});
  if (!indexed) return { result: undefined, warnings };
  try {
    return { result: answerFromSignals({ video, query: question.trim(), ...(options.span ? { span: options.span } : {}) }, indexed, info), warnings };
  } finally {
    indexed.store.close();
  }
}
