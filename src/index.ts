/**
 * reelm's library entry: point it at a video, ask, and get an answer grounded in time.
 *
 * @example
 * import { runTask } from 'reelm';
 * const result = await runTask('ask', { video: 'talk.mp4', query: 'Who speaks first?' }, { model });
 * console.log(result.output, result.spans, result.usage.usd);
 *
 * The media engine and the core are also published as `reelm/media` and `reelm/core`.
 */

export * from './tasks/index.js';
export { isVideoPart, realizePlan, realizePlanDetailed, type RealizedEvidence, type RealizedPlan, type RealizeOptions } from './plan/realize-evidence.js';
