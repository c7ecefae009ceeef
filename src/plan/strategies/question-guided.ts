/**
 * `question-guided`: ranks candidate frames by image–text similarity to the question (an embedder in
 * CLIP/SigLIP style) and keeps the best, half of the budget reserved for even coverage so the model
 * still sees the whole span. Candidates are small keyframe-mode frames, so ranking stays cheap.
 */

import { ConfigError } from '../../core/errors.js';
import { decodeFrames } from '../../media/decode/decode-frames.js';
import { sampleTimes } from '../../media/samplers/index.js';
import { cosineSimilarity } from '../../models/embedder.js';
import { planFrames, usefulFrameCount } from './frame-strategy.js';
import type { PlanStrategy } from './strategy.js';

export const questionGuidedStrategy: PlanStrategy = {
  id: 'question-guided',
  description: 'Frames ranked by similarity to the question (needs an embedder), half kept for even coverage.',
  scansVideo: true,
  async plan(context) {
    const { embedder, budget } = context;
    if (!embedder) throw new ConfigError('strategy question-guided', 'needs an embedder; configure models.embedder (a CLIP/SigLIP model) or choose another --strategy.');
    if (!budget.question) throw new ConfigError('strategy question-guided', 'needs the question to rank frames by; pass it with the budget.');
    return planFrames(
      context,
      usefulFrameCount(context),
      async (count) => {
        const candidateCount = Math.min(usefulFrameCount(context), Math.max(count * 4, 16));
        const candidates = await sampleTimes('uniform', { count: candidateCount }, { input: context.input, info: context.info, span: context.span });
        const { frames } = await decodeFrames(context.input, candidates.map((sample) => sample.time), {
          mode: 'keyframe', size: 224, signal: context.signal, onProgress: context.onProgress, cache: context.cache,
        });
        const [questionVector] = await embedder.embedTexts([budget.question!], { signal: context.signal });
        const vectors = await embedder.embedImages(frames.map((frame) => frame.image), { signal: context.signal });
        const evenly = new Set(Array.from({ length: Math.ceil(count / 2) }, (_, i) => Math.floor(((i + 0.5) * frames.length) / Math.ceil(count / 2))));
        const ranked = frames
          .map((frame, i) => ({ i, score: cosineSimilarity(vectors[i]!, questionVector!) }))
          .filter(({ i }) => !evenly.has(i))
          .sort((a, b) => b.score - a.score);
        const chosen = new Set([...evenly, ...ranked.slice(0, count - evenly.size).map(({ i }) => i)]);
        return [...chosen].sort((a, b) => a - b).map((i) => ({ time: frames[i]!.time }));
      },
      'the span is short: 2 frames per second is the most that adds information',
    );
  },
};
