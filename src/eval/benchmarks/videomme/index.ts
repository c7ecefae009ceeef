/**
 * Video-MME as a benchmark: the published prompt, the official letter extraction and the official
 * report (answered-only denominator). Variants: `subtitles` (the subtitles of the sampled frames in the
 * prompt) and `all-questions` (every question in the denominator, as lmms-eval counts).
 */

import { defineBenchmark, type Benchmark, type DocScore } from '../../benchmark.js';
import { loadVideoMme, type VideoMmeDoc } from './loader.js';
import { subtitlesAtFrames, videoMmePrompt } from './prompt.js';
import { extractVideoMmeLetter, videoMmeReport } from './score.js';
import { videoMmeSubmission } from './submission.js';

export function scoreVideoMmeDoc(doc: VideoMmeDoc, output: string): DocScore {
  const letter = extractVideoMmeLetter(output);
  return { accuracy: letter === '' ? null : letter === doc.answer ? 1 : 0 };
}

function report(denominator: 'official' | 'all-questions') {
  return (docs: readonly VideoMmeDoc[], scores: readonly DocScore[]) =>
    videoMmeReport(docs.map((doc, i) => ({ duration: doc.duration, domain: doc.domain, subCategory: doc.subCategory, taskType: doc.taskType, score: scores[i]?.accuracy ?? null })), { denominator });
}

export const videoMme: Benchmark<VideoMmeDoc> = defineBenchmark<VideoMmeDoc>({
  id: 'videomme',
  description: 'Video-MME (900 videos, 2,700 questions, A–D): official answer extraction, accuracy over answered questions',
  load: (context) => loadVideoMme(context),
  docToVisual: (doc) => ({ video: doc.video }),
  docToPrompt: (doc) => videoMmePrompt(doc),
  scoreDoc: scoreVideoMmeDoc,
  aggregate: report('official'),
  toSubmission: videoMmeSubmission,
  metrics: [{ name: 'accuracy', aggregate: 'mean', higherIsBetter: true }],
  variants: {
    subtitles: {
      description: 'with the subtitles of the sampled frames before the question (official subtitles setting)',
      load: (context) => loadVideoMme(context, { subtitles: true }),
      docToVisual: (doc) => ({ video: doc.video, subtitles: doc.subtitles }),
      docToPrompt: (doc) => videoMmePrompt(doc, []),
      docToPromptAtFrames: (doc, frameTimes) => videoMmePrompt(doc, subtitlesAtFrames(doc.cues ?? [], frameTimes)),
    },
    'all-questions': { description: 'every question in the denominator, unanswered ones wrong (lmms-eval convention)', aggregate: report('all-questions') },
  },
});
