/**
 * The tasks' use of the video store: memory mode for `ask` (retrieve spans, plan only there) and the
 * no-model answers from stored signals, with the closed set of questions they cover.
 */

export { chooseAskEvidence, memoryModeMinDensity, type AskEvidence, type MemoryModeRecord } from './memory-evidence.js';
export { retrieveSpans, type Retrieval, type RetrievalReason, type RetrievedSpan, type RetrieveOptions } from './retrieve-spans.js';
export { planRetrievedSpans, mergePlans, type RetrievedPlan } from './plan-retrieved-spans.js';
export { findIndexedVideo, type IndexedVideo, type IndexedVideoLookup } from './indexed-video.js';
export { closedQuestions, matchClosedQuestion, type ClosedQuestionEntry, type ClosedQuestionId, type ClosedQuestionMatch, type ClosedSubject } from './closed-questions.js';
export { answerFromSignals, closedSetSummary, type SignalAnswerDetail, type SignalEvidence } from './answer-from-signals.js';
export { askWithoutModel, type AskWithoutModelOptions, type AskWithoutModelOutcome } from './ask-without-model.js';
export { contentWords, labelsNamed, labelAliases } from './question-words.js';
