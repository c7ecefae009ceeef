/**
 * Video-MME's prompt as its README publishes it (BradyFU/Video-MME README, "Prompt"): the instruction,
 * the question, the lettered options as given in the data ("A. Apples."), and "The best answer is:".
 * The subtitles setting puts "This video's subtitles are listed below:" and the subtitle lines of the
 * sampled frames first; subtitle text is untrusted data and only ever fills that block.
 */

import type { SubtitleCue } from '../../../media/subtitles/index.js';
import type { BenchmarkPrompt } from '../../benchmark.js';
import type { VideoMmeDoc } from './loader.js';

export const videoMmeInstruction = 'Select the best answer to the following multiple-choice question based on the video. Respond with only the letter (A, B, C, or D) of the correct option.';

export function videoMmePrompt(doc: Pick<VideoMmeDoc, 'question' | 'options'>, subtitleLines?: readonly string[]): BenchmarkPrompt {
  const body = [videoMmeInstruction, doc.question, ...doc.options, 'The best answer is:'];
  const lines = subtitleLines === undefined ? body : ["This video's subtitles are listed below:", ...subtitleLines, ...body];
  return { kind: 'multiple-choice', letters: doc.options.map((_, i) => String.fromCharCode(65 + i)), text: lines.join('\n') };
}

/**
 * The official rule for the subtitles setting: only the subtitles of the sampled frames — each cue whose
 * span holds a frame time, once, in the order they are spoken.
 */
export function subtitlesAtFrames(cues: readonly SubtitleCue[], frameTimes: readonly number[]): string[] {
  return cues.filter((cue) => frameTimes.some((time) => time >= cue.start && time < cue.end)).map((cue) => cue.text.replace(/\n/g, ' '));
}
