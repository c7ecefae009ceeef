/**
 * Video-MME answers in the results format the official script reads (BradyFU/Video-MME
 * `evaluation/output_test_template.json`): videos with their questions, each with `answer` and `response`.
 */

import type { SubmissionFile } from '../../benchmark.js';
import type { VideoMmeDoc } from './loader.js';

export function videoMmeSubmission(docs: readonly VideoMmeDoc[], outputs: ReadonlyArray<string | null>): SubmissionFile[] {
  const videos = new Map<string, { video_id: string; duration: string; domain: string; sub_category: string; questions: unknown[] }>();
  docs.forEach((doc, i) => {
    const video = videos.get(doc.videoId) ?? { video_id: doc.videoId, duration: doc.duration, domain: doc.domain, sub_category: doc.subCategory, questions: [] };
    video.questions.push({ question_id: doc.id, task_type: doc.taskType, question: doc.question, options: doc.options, answer: doc.answer, response: outputs[i] ?? '' });
    videos.set(doc.videoId, video);
  });
  return [{ path: 'videomme_results.json', content: `${JSON.stringify([...videos.values()], null, 4)}\n` }];
}
