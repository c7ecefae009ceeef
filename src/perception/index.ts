/**
 * Perception: offline analyzers that turn a video's frames and audio into time-stamped signals. Start
 * with the registry {@link perceptionAnalyzers} (each entry creates its analyzer lazily); the analyzer
 * factories are exported for callers that want one with other settings.
 */

export type { Analyzer, AnalyzerUnitContext, FrameAnalyzer, SpanAnalyzer } from './analyzer.js';
export type { Signal, SignalBox, SignalKind } from './signal.js';
export type { ConfidenceSourceKind } from './confidence.js';
export { perceptionAnalyzers, perceptionAnalyzerEntries, type AnalyzerEntry, type AnalyzerCreateContext, type PerceptionAnalyzerId } from './analyzers.js';
export { hashAnalyzerSettings } from './settings-hash.js';
export { createTextAnalyzer, type TextAnalyzerOptions } from './text-analyzer.js';
export { createSubtitleAnalyzer, subtitleSignals } from './subtitle-analyzer.js';
export { createObjectAnalyzer } from './objects/object-analyzer.js';
export { createObjectDetector, objectDetectorDefaults, type ObjectDetector, type ObjectDetectorOptions } from './objects/object-detector.js';
export { mergeDetections, type FrameDetections } from './objects/merge-detections.js';
export type { Detection } from './objects/detection.js';
export { createSceneCutAnalyzer } from './ffmpeg/scene-cuts.js';
export { createMotionAnalyzer } from './ffmpeg/motion.js';
export { createLoudnessAnalyzer } from './ffmpeg/loudness.js';
export { createSilenceAnalyzer } from './ffmpeg/silence.js';
export { createSpeechAnalyzer, speechAnalyzerEntry, type SpeechAnalyzerOptions } from './speech/speech-analyzer.js';
export { createWhisperAnalyzer, whisperAnalyzerEntry, type WhisperAnalyzerOptions } from './speech/whisper-analyzer.js';
export { configuredSpeechEntry, speechEntryFromModel, speechEntryFromSpec, speechRole } from './speech/speech-entry.js';
